import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadProfile, parseProfile } from '../../src/profile/load.js';

const VALID = `agency: Police
columns:
  date: Occurrence Date
  type: Incident Category
values:
  type:
    - { matches: "^DA", to: domestic_abuse }
    - { equals: Missing Person, to: missing_episode }
`;

function problemOf(text: string): InputError {
  try {
    parseProfile(text, 'police.yaml');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected the profile to be refused');
}

describe('parseProfile', () => {
  it('accepts a valid profile', () => {
    expect(parseProfile(VALID, 'police.yaml').columns.date).toBe('Occurrence Date');
  });

  it('names the file, the line and the zod path of a value that is not an event type', () => {
    const error = problemOf(VALID.replace('to: missing_episode', 'to: missing_person'));
    expect(error.file).toBe('police.yaml');
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/^police\.yaml:8: values\.type\[1\]\.to: "missing_person" is not an event type; use one of: neglect, /);
    expect(error.message).not.toContain('\n');
  });

  it('points an unknown key at its own line', () => {
    const error = problemOf(VALID.replace('  type: Incident Category', '  type: Incident Category\n  dateofbirth: DOB'));
    expect(error.line).toBe(5);
    expect(error.problem).toMatch(/^columns\.dateofbirth: unknown key/);
  });

  it('points a missing required field at its parent', () => {
    const error = problemOf('agency: Police\ncolumns:\n  type: Category\n');
    expect(error.line).toBe(3);
    expect(error.problem).toBe('columns.date is required');
  });

  it('reports a regular expression that does not compile, with its line', () => {
    const error = problemOf(VALID.replace('"^DA"', '"^(DA"'));
    expect(error.line).toBe(7);
    expect(error.problem).toMatch(/^values\.type\[0\]\.matches: invalid regular expression "\^\(DA"/);
  });

  it('reports a format on a field that is not a date', () => {
    const error = problemOf(VALID.replace('type: Incident Category', 'type: { column: Incident Category, format: dayfirst }'));
    expect(error.problem).toBe('columns.type.format: a format applies only to date, end_date and dob');
    expect(error.line).toBe(4);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = problemOf('agency: Police\ncolumns:\n  date: [Occurrence Date\n');
    expect(error.problem).toMatch(/^not valid YAML: /);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses an empty profile at the top level', () => {
    expect(problemOf('').problem).toMatch(/^\(top level\): /);
  });
});

describe('loadProfile', () => {
  it('is an InputError naming the file when the profile does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'profile-'));
    await expect(loadProfile(join(dir, 'missing.yaml'))).rejects.toThrow(/missing\.yaml: profile not found/);
  });

  it('reads and validates a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'profile-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'agency: Police\ncolumns:\n  date: Date\ntitle_lines: -1\n');
    await expect(loadProfile(file)).rejects.toThrow(`${file}:4: title_lines: `);
  });
});
