import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { main } from '../../src/cli.js';
import { parseProfile } from '../../src/profile/load.js';
import { ProfileSchema } from '../../src/profile/schema.js';

function capture(stream: 'stdout' | 'stderr'): () => string {
  const chunks: string[] = [];
  vi.spyOn(process[stream], 'write').mockImplementation(((chunk: string | Uint8Array, callback?: unknown) => {
    chunks.push(String(chunk));
    if (typeof callback === 'function') (callback as () => void)();
    return true;
  }) as typeof process.stdout.write);
  return () => chunks.join('');
}

// src/version.ts reads package.json relative to the built dist/src; the source tree has none there.
vi.mock('../../src/version.js', () => ({ VERSION: '0.0.0-test' }));

afterEach(() => vi.restoreAllMocks());

describe('chronology profile', () => {
  it('init -o writes a draft that parses, and refuses to overwrite its input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'init-'));
    const output = join(dir, 'police.yaml');
    capture('stderr');
    expect(await main(['node', 'chronology', 'profile', 'init', 'fixtures/exports/police-occurrences.csv', '-o', output])).toBe(0);
    expect(parseProfile(await readFile(output, 'utf8'), output).title_lines).toBe(2);
    const input = join(dir, 'export.csv');
    await writeFile(input, 'Date,Type\n2020-01-01,neglect\n');
    expect(await main(['node', 'chronology', 'profile', 'init', input, '-o', input])).toBe(2);
    expect(await readFile(input, 'utf8')).toBe('Date,Type\n2020-01-01,neglect\n');
  });

  it('check prints coverage and exits 0', async () => {
    const stdout = capture('stdout');
    expect(await main(['node', 'chronology', 'profile', 'check', 'profiles/examples/gp.yaml', 'fixtures/exports/gp-appointments.csv'])).toBe(0);
    expect(stdout()).toContain('  values not mapped: none');
  });

  it('a malformed profile is one line naming the file, its line and the field, with exit 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bad-'));
    const profile = join(dir, 'bad.yaml');
    await writeFile(profile, 'agency: Police\ncolumns:\n  date: Date\nvalues:\n  type:\n    - { equals: DA, to: domestic }\n');
    const stderr = capture('stderr');
    expect(await main(['node', 'chronology', 'profile', 'check', profile, 'fixtures/exports/gp-appointments.csv'])).toBe(3);
    expect(stderr()).toMatch(new RegExp(`^chronology: ${profile.replace(/[.\\/]/g, '\\$&')}:6: values\\.type\\[0\\]\\.to: "domestic" is not an event type; [^\\n]*\\n$`));
  });
});

describe('ProfileSchema', () => {
  it('converts to JSON Schema for schemas/profile.schema.json', () => {
    const schema = z.toJSONSchema(ProfileSchema) as { required?: string[]; properties?: Record<string, unknown> };
    expect(schema.required).toEqual(['agency', 'columns']);
    expect(Object.keys(schema.properties ?? {})).toContain('title_lines');
  });
});
