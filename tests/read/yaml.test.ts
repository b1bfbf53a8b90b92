import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { ReadOptions } from '../../src/read/types.js';
import { yamlFormat } from '../../src/read/yaml.js';
import { readAll, writeTemp } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

async function readYaml(path: string, extra: Partial<ReadOptions> = {}) {
  const input = await yamlFormat.open(path, { displayPath: 'in.yaml', ...extra });
  return { input, rows: await readAll(input) };
}

async function yamlError(content: string | Buffer): Promise<InputError> {
  const error = await readYaml(writeTemp(`bad-${Math.random().toString(36).slice(2)}.yaml`, content)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('YAML events files', () => {
  it('reads an events list with a default agency, keeping scalars as written', async () => {
    const { input, rows } = await readYaml(fixture('health.yaml'));
    expect(input.format).toBe('yaml');
    expect(input.defaults).toEqual({ agency: 'Health' });
    expect(input.columns).toEqual(['record_id', 'Date', 'type', 'nhs_number', 'date', 'description', 'severity', 'outcome', 'Threshold-Met']);
    expect(rows).toEqual([
      {
        file: 'in.yaml',
        line: 4,
        values: { record_id: 'H1', date: '2021-03-04', type: 'missed_appointment', nhs_number: '0123456789' },
      },
      {
        file: 'in.yaml',
        line: 9,
        values: {
          record_id: 'H2',
          date: '04/03/2021',
          type: 'health_concern',
          description: 'Bruise on left arm,\nexplanation consistent.',
        },
      },
      { file: 'in.yaml', line: 16, values: { record_id: 'H3', date: '2021-04-01', threshold_met: 'no' } },
    ]);
  });

  it('reads a bare list of mappings', async () => {
    const { input, rows } = await readYaml(fixture('school.yml'));
    expect(input.defaults).toEqual({});
    expect(rows).toEqual([
      { file: 'in.yaml', line: 1, values: { agency: 'School', date: '2021-09-06', type: 'school_absence' } },
      {
        file: 'in.yaml',
        line: 4,
        values: { agency: 'School', date: '2021-09-13', type: 'school_absence', description: 'Absent again; "unwell"' },
      },
    ]);
  });

  it('rejects items that are not flat mappings and reads the rest', async () => {
    const path = writeTemp(
      'mixed.yaml',
      [
        'events:',
        '  - date: 2021-01-01',
        '    people: [Tom, Amy]',
        '  - just a note',
        '  -',
        '  - date: 2021-01-02',
        '    Date: 2021-01-03',
        '  - date: 2021-01-04',
        '',
      ].join('\n'),
    );
    const { rows } = await readYaml(path);
    expect(rows).toEqual([
      { file: 'in.yaml', line: 2, reason: 'field "people" is not a single value' },
      { file: 'in.yaml', line: 4, reason: 'list item is not a mapping of field: value' },
      { file: 'in.yaml', line: 5, reason: 'list item is empty' },
      { file: 'in.yaml', line: 6, reason: 'duplicate field "Date"' },
      { file: 'in.yaml', line: 8, values: { date: '2021-01-04' } },
    ]);
  });

  it('follows a plain alias to a whole item', async () => {
    const path = writeTemp('alias.yaml', '- &visit {date: 2021-01-01, type: contact}\n- *visit\n');
    const { rows } = await readYaml(path);
    expect(rows).toEqual([
      { file: 'in.yaml', line: 1, values: { date: '2021-01-01', type: 'contact' } },
      { file: 'in.yaml', line: 2, values: { date: '2021-01-01', type: 'contact' } },
    ]);
  });

  it('reads Windows-1252 text', async () => {
    const path = writeTemp('cp1252.yaml', Buffer.from('- name: Siân Zoë\n  note: £5\n', 'latin1'));
    const { input, rows } = await readYaml(path);
    expect(input.encoding).toBe('windows-1252');
    expect(rows).toEqual([{ file: 'in.yaml', line: 1, values: { name: 'Siân Zoë', note: '£5' } }]);
  });
});

describe('YAML files that cannot be read', () => {
  it('refuses an alias bomb', async () => {
    const error = await readYaml(fixture('alias-bomb.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problem).toBe('too many YAML aliases (possible alias bomb)');
  });

  it('refuses a self-referencing alias', async () => {
    expect((await yamlError('events: &loop\n  - *loop\n')).problem).toBe('too many YAML aliases (possible alias bomb)');
  });

  it('refuses a scalar at the top level, with its line', async () => {
    const error = await yamlError('# comment\njust some text\n');
    expect(error.problem).toBe('the top level is a single value, not a list of events');
    expect(error.line).toBe(2);
  });

  it('refuses a mapping without an events list', async () => {
    expect((await yamlError('agency: Police\nevent:\n  - date: 2021-01-01\n')).problem).toBe('no `events:` list');
    expect((await yamlError('events: none\n')).problem).toBe('`events:` is not a list');
  });

  it('refuses an empty file', async () => {
    expect((await yamlError('')).problem).toBe('is empty: no `events:` list');
  });

  it('reports a syntax error on one line with its line number', async () => {
    const error = await yamlError('events:\n  - date: 2021-01-01\n    type: [unclosed\n');
    expect(error.problem).toMatch(/^YAML syntax error: [^\n]+$/);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses a repeated events key rather than dropping one list', async () => {
    const error = await yamlError('events:\n  - date: 2021-01-01\nEvents:\n  - date: 2021-01-02\n');
    expect(error.problem).toBe('duplicate top-level key "Events"');
    expect(error.line).toBe(3);
  });
});

describe('YAML aliases and documents', () => {
  it('refuses an alias with no anchor, naming it and its line', async () => {
    const error = await yamlError('events:\n  - date: 2021-01-01\n  - *missing\n');
    expect(error.problem).toBe('alias "*missing" has no anchor before it');
    expect(error.line).toBe(3);
  });

  it('refuses a file of several YAML documents', async () => {
    const error = await yamlError('- date: 2021-01-01\n---\n- date: 2021-01-02\n');
    expect(error.problem).toBe('YAML syntax error: the file holds more than one YAML document');
  });
});
