import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { linkConfig } from '../../src/link/index.js';
import { loadNicknames } from '../../src/link/nicknames-file.js';
import { buildChronology } from '../../src/pipeline/chronology.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { canonicalMapping } from '../../src/pipeline/mapping.js';
import { rendererFor } from '../../src/render/registry.js';

/**
 * Property tests of the whole merge (issue 8): valid canonical CSV files of people drawn from a
 * small pool, so that links and merges happen. Seed 42; FC_NUM_RUNS=2000 runs them longer.
 */
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 30);
const SETTINGS = { seed: 42, numRuns: NUM_RUNS };

const PEOPLE = [
  { name: 'Amber Hale', dob: '04/03/2015' },
  { name: 'HALE, Amber', dob: '04/03/2015' },
  { name: 'Jordan Hale', dob: '04/03/2015' },
  { name: 'Tom Okafor', dob: '19/11/2012' },
  { name: 'Thomas Okafor', dob: '19/11/2012' },
  { name: 'Grace Lin', dob: '01/07/1990' },
];
const AGENCIES = ['Police', 'Health', 'School', 'Housing'];
const TYPES = ['neglect', 'domestic_abuse', 'missed_appointment', 'referral'];
const DESCRIPTIONS = ['seen at home', '=1+1 formula-like', '-2 below', 'said "no", twice', 'line one\nline two', '@home; ok'];

interface Row {
  person: number;
  day: number;
  type: string;
  severity?: number;
  description: string;
}
const rowArb = fc.record(
  {
    person: fc.nat({ max: PEOPLE.length - 1 }),
    day: fc.integer({ min: 1, max: 12 }),
    type: fc.constantFrom(...TYPES),
    severity: fc.integer({ min: 1, max: 5 }),
    description: fc.constantFrom(...DESCRIPTIONS),
  },
  { requiredKeys: ['person', 'day', 'type', 'description'] },
);
/** 1-4 agency files of 0-8 rows each; the agency repeats sometimes, so one agency may send two files. */
const filesArb = fc.array(fc.record({ agency: fc.constantFrom(...AGENCIES), rows: fc.array(rowArb, { maxLength: 8 }) }), {
  minLength: 1,
  maxLength: 4,
});
type Files = { agency: string; rows: Row[] }[];

const config = linkConfig(loadNicknames());
const dir = mkdtempSync(join(tmpdir(), 'chronology-properties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;

const csvText = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes the files, each row keyed by a record_id that stays with it whatever the order; returns their paths. */
function writeFiles(files: Files, order: { files: number[]; rows: number[][] }): string[] {
  written += 1;
  return order.files.map((f) => {
    const file = files[f]!;
    const path = join(dir, `run${written}-file${f}.csv`);
    const lines = ['agency,record_id,name,dob,date,type,severity,description'];
    for (const r of order.rows[f]!) {
      const row: Row = file.rows[r]!;
      const person = PEOPLE[row.person]!;
      lines.push(
        [file.agency, `K${f}-${r}`, csvText(person.name), person.dob, `${String(row.day).padStart(2, '0')}/03/2021`, row.type, row.severity ?? '', csvText(row.description)].join(','),
      );
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  });
}

const identity = (files: Files): { files: number[]; rows: number[][] } => ({
  files: files.map((_, i) => i),
  rows: files.map((f) => f.rows.map((_, i) => i)),
});

async function merge(paths: string[]) {
  const load = await loadInputs(paths, async () => canonicalMapping());
  return { load, ...buildChronology(load.records, config) };
}

/** A canonical form of a partition: each group as its sorted keys, the groups sorted. */
const partition = (groups: string[][]): string[] => groups.map((g) => [...g].sort().join(' ')).sort();

/** Files and a reordering of them and of the rows in each. */
const reorderedArb = filesArb.chain((files: Files) =>
  fc.record({
    files: fc.constant(files),
    order: fc.record({
      files: fc.shuffledSubarray(files.map((_, i) => i), { minLength: files.length, maxLength: files.length }),
      rows: fc.tuple(...files.map((f) => fc.shuffledSubarray(f.rows.map((_, i) => i), { minLength: f.rows.length, maxLength: f.rows.length }))),
    }),
  }),
);

describe('merge properties', () => {
  it('accounts for every record exactly once: the sources of all events plus the rejects are the rows', async () => {
    await fc.assert(
      fc.asyncProperty(filesArb, async (files) => {
        const { load, events } = await merge(writeFiles(files, identity(files)));
        const rows = files.reduce((n, f) => n + f.rows.length, 0);
        const sources = events.flatMap((e) => e.sources.map((s) => s.record_id));
        expect(load.rejected).toEqual([]);
        expect(sources.length + load.rejected.length).toBe(rows);
        expect(new Set(sources).size).toBe(rows);
      }),
      SETTINGS,
    );
  });

  it('links the same people and merges the same events whatever the order of files and rows', async () => {
    await fc.assert(
      fc.asyncProperty(reorderedArb, async ({ files, order }) => {
        const a = await merge(writeFiles(files, identity(files)));
        const b = await merge(writeFiles(files, { files: order.files, rows: [...order.rows] }));
        const people = (m: Awaited<ReturnType<typeof merge>>): string[] =>
          partition(m.linkage.persons.map((p) => p.records.map((i) => m.load.records[i]!.record_id!)));
        const merged = (m: Awaited<ReturnType<typeof merge>>): string[] => partition(m.events.map((e) => e.sources.map((s) => s.record_id!)));
        expect(people(b)).toEqual(people(a));
        expect(merged(b)).toEqual(merged(a));
      }),
      SETTINGS,
    );
  });

  it('links the same people and merges the same events without explanation (merge, analyse) as with it (persons)', async () => {
    await fc.assert(
      fc.asyncProperty(filesArb, async (files) => {
        const load = await loadInputs(writeFiles(files, identity(files)), async () => canonicalMapping());
        const explained = buildChronology(load.records, config);
        const lean = buildChronology(load.records, config, { explain: false });
        expect(lean.linkage.persons).toEqual(explained.linkage.persons);
        expect(lean.events).toEqual(explained.events);
        expect(lean.linkage.links).toEqual([]);
      }),
      SETTINGS,
    );
  });

  it('merge --format csv, read back, holds every event and its sources as the JSON does', async () => {
    const options = { color: false, width: 160 };
    /** Excel's formula guard puts an apostrophe before = + - @; reading back removes it. */
    const unguard = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    await fc.assert(
      fc.asyncProperty(filesArb, async (files) => {
        const report = await merge(writeFiles(files, identity(files)));
        const json = JSON.parse(rendererFor('merge', 'json')(report, options)) as {
          events: { id: string; person: string; date: string; type: string; severity?: number; agencies: string[]; description?: string; sources: { file: string; line: number }[] }[];
        };
        const rows = parse(rendererFor('merge', 'csv')(report, options), { columns: true }) as Record<string, string>[];
        expect(rows.map((r) => r.id)).toEqual(json.events.map((e) => e.id));
        json.events.forEach((event, i) => {
          const row = rows[i]!;
          expect(row.person).toBe(event.person);
          expect(row.date).toBe(event.date);
          expect(row.type).toBe(event.type);
          expect(row.severity).toBe(event.severity === undefined ? '' : String(event.severity));
          expect(row.agencies!.split('; ')).toEqual(event.agencies);
          expect(unguard(row.description!)).toBe(event.description ?? '');
          expect(row.sources!.split('; ')).toEqual(event.sources.map((s) => `${s.file}:${s.line}`));
        });
      }),
      SETTINGS,
    );
  });
});
