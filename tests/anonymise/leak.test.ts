import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseHeader } from '../../src/model/vocabulary.js';
import { parseDate } from '../../src/normalise/date.js';
import { openInput } from '../../src/read/registry.js';
import { formatsFor } from '../../src/render/registry.js';
import type { View } from '../../src/render/report.js';
import { runBin } from '../e2e/run-bin.js';
import { FAMILY } from '../family.js';


const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface Identifying {
  names: Set<string>;
  numbers: Set<string>;
}

/** Every name, NHS number, postcode and date of birth the fixtures hold, read through the real reader. */
async function identifyingValues(): Promise<Identifying> {
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const file of FAMILY) {
    const input = await openInput(file, { displayPath: file });
    for await (const row of input.rows) {
      if (!('values' in row)) continue;
      const cell = (column: string) =>
        Object.entries(row.values).find(([header]) => normaliseHeader(header) === column)?.[1]?.trim() || undefined;
      for (const column of ['name', 'given_name', 'family_name']) {
        for (const part of fold(cell(column) ?? '').split(/[^\p{L}]+/u)) if (part.length >= 3) names.add(part);
      }
      const nhs = cell('nhs_number');
      if (nhs) numbers.add(nhs.replace(/\s/g, ''));
      const postcode = cell('postcode');
      if (postcode) {
        const compact = postcode.toUpperCase().replace(/\s+/g, '');
        numbers.add(compact);
        numbers.add(`${compact.slice(0, -3)} ${compact.slice(-3)}`);
      }
      const dob = cell('dob');
      if (dob) {
        numbers.add(dob);
        const parsed = parseDate(dob, 'auto');
        if ('date' in parsed) numbers.add(parsed.date);
      }
    }
  }
  return { names, numbers };
}

const values = await identifyingValues();

/** The identifying values a text contains: names as whole words, numbers and dates between non-alphanumerics. */
function leaksIn(output: string): string[] {
  const text = fold(output);
  return [
    ...[...values.names].filter((name) => new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'u').test(text)),
    ...[...values.numbers].filter((value) =>
      new RegExp(`(?<![\\p{N}\\p{L}])${fold(value).replace(/[/.]/g, '\\$&')}(?![\\p{N}\\p{L}])`, 'u').test(text),
    ),
  ];
}
const folder = mkdtempSync(join(tmpdir(), 'chronology-anon-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const COMMANDS: View[] = ['merge', 'persons', 'timeline', 'analyse'];
const cases = COMMANDS.flatMap((view) => formatsFor(view).map((format) => [view, format] as const));

describe('anonymised outputs of the fixtures', () => {
  it('reads identifying values from the inputs to search for', () => {
    expect(values.names).toContain('brennick');
    expect(values.names).toContain('sian');
    expect([...values.numbers].some((v) => /^\d{10}$/.test(v))).toBe(true);
    expect(values.numbers).toContain('DN4 7QX');
    expect(values.numbers).toContain('DN47QX');
    expect(values.numbers).toContain('2012-06-19');
    expect(values.numbers).toContain('19/06/2012');
    const plain = runBin(['merge', ...FAMILY, '--format', 'json']).stdout;
    expect(leaksIn(plain)).toEqual(expect.arrayContaining(['lacey', 'brennick', 'sian', 'DN4 7QX', '2012-06-19', '19/06/2012']));
    expect(cases.map(([, f]) => f)).toEqual(expect.arrayContaining(['json', 'yaml', 'csv', 'table', 'markdown']));
  });

  it.each(cases)('%s --format %s contains no name, NHS number, postcode or date of birth', (view, format) => {
    const output = join(folder, `${view}.${format}`);
    const key = join(folder, `${view}-${format}.key.json`);
    const result = runBin([view, ...FAMILY, '--format', format, '--anonymise-key', key, '-o', output]);
    expect(result.code, result.stderr).toBe(0);
    expect(leaksIn(readFileSync(output, 'utf8') + result.stderr)).toEqual([]);
    // The key, by contrast, holds what is needed to re-identify each person.
    const persons = JSON.parse(readFileSync(key, 'utf8')).persons as { pseudonym: string; names: string[] }[];
    expect(persons.find((p) => p.pseudonym === 'Child A')?.names).toContain('Lacey Brennick');
  });
});
