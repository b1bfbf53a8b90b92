import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { fileProblem } from '../../src/read/file.js';
import { inputFormats, openInput } from '../../src/read/registry.js';
import { readAll, tempDir, writeTemp } from './helpers.js';

async function problemOf(path: string): Promise<InputError> {
  const error = await openInput(path, { displayPath: 'given/path' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).file).toBe('given/path');
  return error as InputError;
}

describe('openInput', () => {
  it('registers csv and yaml', () => {
    expect(inputFormats.map((format) => format.name)).toEqual(['csv', 'yaml']);
  });

  it('chooses the format by extension, whatever the content looks like', async () => {
    const txt = await openInput(writeTemp('export.TXT', 'date;type\n2021-01-01;contact\n'), { displayPath: 'export.TXT' });
    expect(txt.format).toBe('csv');
    expect(await readAll(txt)).toEqual([{ file: 'export.TXT', line: 2, values: { date: '2021-01-01', type: 'contact' } }]);
    const yml = await openInput(writeTemp('list.yml', '- date: 2021-01-01\n'), { displayPath: 'list.yml' });
    expect(yml.format).toBe('yaml');
  });

  it('sniffs files without a known extension', async () => {
    const csv = await openInput(writeTemp('police-export', 'Date,Type,Notes\n2021-01-01,contact,"a: b"\n'), { displayPath: 'p' });
    expect(csv.format).toBe('csv');
    const yaml = await openInput(writeTemp('health-export', '# notes\nagency: Health\nevents:\n  - date: 2021-01-01, approx\n'), {
      displayPath: 'h',
    });
    expect(yaml.format).toBe('yaml');
    expect(await readAll(yaml)).toEqual([{ file: 'h', line: 4, values: { date: '2021-01-01, approx' } }]);
    const utf16 = writeTemp('utf16-export', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Date\tType\n', 'utf16le')]));
    expect((await openInput(utf16, { displayPath: 'u' })).format).toBe('csv');
  });

  it('refuses a directory, a missing file and an empty file of unknown kind', async () => {
    const directory = join(tempDir, 'exports');
    mkdirSync(directory);
    expect((await problemOf(directory)).problem).toBe('is a directory');
    expect((await problemOf(join(tempDir, 'missing.csv'))).problem).toBe('no such file');
    expect((await problemOf(writeTemp('empty.dat', ''))).problem).toBe('is empty');
  });

  it('refuses a file of no known format', async () => {
    const workbook = writeTemp('chronology.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expect((await problemOf(workbook)).problem).toBe('not a CSV or YAML file');
    expect((await problemOf(writeTemp('notes.md', 'Just a paragraph of notes\n'))).problem).toBe('not a CSV or YAML file');
  });

  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file', async () => {
    const path = writeTemp('locked.csv', 'a,b\n');
    chmodSync(path, 0o000);
    expect((await problemOf(path)).problem).toBe('permission denied');
  });
});

describe('fileProblem', () => {
  it('says in a few words why the file system refused a path', () => {
    expect(fileProblem(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('permission denied');
    expect(fileProblem(Object.assign(new Error('x'), { code: 'ENOTDIR' }))).toBe('no such file');
    expect(fileProblem(Object.assign(new Error('x'), { code: 'EIO' }))).toBe('cannot be read (EIO)');
  });
});
