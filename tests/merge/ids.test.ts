import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordKey, shortHash, stableIds } from '../../src/merge/ids.js';
import type { ChronologyRecord } from '../../src/model/record.js';
import type { ChronologyEvent, Person } from '../../src/model/stages.js';
import type { EventType } from '../../src/model/vocabulary.js';
import { buildChronology } from '../../src/pipeline/chronology.js';
import { config } from '../link/helpers.js';

const ID = /^[EP]-[0-9A-HJKMNP-TV-Z]{6}(-\d+)?$/;

/** Fictional people; two are siblings sharing a surname and address. */
const PEOPLE = [
  { given: 'Lacey', family: 'Brennick', dob: '2012-06-19' },
  { given: 'Thomas', family: 'Brennick', dob: '2015-11-03' },
  { given: 'Amira', family: 'Okafor', dob: '2010-01-30' },
  { given: 'Jonah', family: 'Pelling', dob: '2016-08-08' },
];
const AGENCIES = ['Police', 'Health', 'School', "Children's Social Care", 'Housing', 'Ambulance'];
const TYPES: EventType[] = ['referral', 'injury', 'neglect', 'missed_appointment'];

const rowArb = fc.record({
  person: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
  withId: fc.boolean(),
  withPersonId: fc.boolean(),
  day: fc.integer({ min: 1, max: 20 }),
  type: fc.constantFrom(...TYPES),
  description: fc.constantFrom('Seen at home', 'Bruise on arm', 'Did not attend'),
});
type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

/** One export per agency: its rows as that agency would write them. */
function exportRecords(agency: string, rows: readonly Row[], file: string, firstLine: number): ChronologyRecord[] {
  return rows.map((row, i): ChronologyRecord => {
    const person = PEOPLE[row.person]!;
    const record: ChronologyRecord = {
      file,
      line: firstLine + i,
      agency,
      name: { given: person.given, family: person.family },
      dob: person.dob,
      date: `2021-03-${String(row.day).padStart(2, '0')}`,
      type: row.type,
      description: row.description,
      original: { type: row.type },
    };
    if (row.withId) record.record_id = `${agency.slice(0, 2)}${i}`;
    if (row.withPersonId) record.person_id = `${agency.slice(0, 2)}-${row.person}`;
    return record;
  });
}

function run(exports: readonly { agency: string; rows: Row[] }[], fileOf: (agency: string) => string) {
  const records = exports.flatMap(({ agency, rows }) => exportRecords(agency, rows, fileOf(agency), 2));
  const { events, linkage } = buildChronology(records, config(), { explain: false });
  const eventKeys = (event: ChronologyEvent) => event.sources.map((s) => recordKey(records[s.record]!)).sort().join('\n');
  const personKeys = (person: Person) => person.records.map((k) => recordKey(records[k]!)).sort().join('\n');
  return {
    events: new Map(events.map((event) => [eventKeys(event), event.id])),
    persons: new Map(linkage.persons.map((person) => [personKeys(person), person.id])),
  };
}

const exportsArb = fc
  .shuffledSubarray(AGENCIES, { minLength: 2, maxLength: AGENCIES.length })
  .chain((agencies) =>
    fc.tuple(
      fc.tuple(...agencies.map((agency) => fc.record({ agency: fc.constant(agency), rows: fc.array(rowArb, { minLength: 1, maxLength: 8 }) }))),
      fc.integer({ min: 0, max: agencies.length - 2 }),
      fc.integer({ min: 0, max: 1000 }),
    ),
  );

describe('stable ids', () => {
  it('adding, removing or reordering exports never changes the id of an event or person whose sources did not change', () => {
    let untouched = 0;
    fc.assert(
      fc.property(exportsArb, ([exports, drop, seed]) => {
        const before = run(exports.filter((_, i) => i !== drop), (agency) => `${agency}.csv`);
        // The other run has the dropped export back, the exports in another order and renamed files.
        const reordered = [...exports].sort((a, b) => ((a.agency.length * seed) % 7) - ((b.agency.length * seed) % 7));
        const after = run(reordered, (agency) => `exports/2021-04/${agency.toLowerCase()}.csv`);
        for (const [keys, id] of before.events) {
          expect(id).toMatch(ID);
          const now = after.events.get(keys);
          if (now !== undefined) {
            untouched++;
            expect(now).toBe(id);
          }
        }
        for (const [keys, id] of before.persons) {
          expect(id).toMatch(ID);
          if (after.persons.has(keys)) expect(after.persons.get(keys)).toBe(id);
        }
      }),
      { seed: 22, numRuns: 120 },
    );
    expect(untouched).toBeGreaterThan(500);
  });

  it('keys a record without a record id on its content, not on the file or line it came from', () => {
    const base: ChronologyRecord = {
      file: 'school.csv', line: 2, agency: 'School', name: { given: 'Lacey', family: 'Brennick' },
      date: '2021-03-04', type: 'neglect', description: 'Came in  hungry', original: { type: 'Neglect' },
    };
    expect(recordKey({ ...base, file: 'other/school.csv', line: 90, description: 'came in hungry' })).toBe(recordKey(base));
    expect(recordKey({ ...base, date: '2021-03-05' })).not.toBe(recordKey(base));
    expect(recordKey({ ...base, record_id: 'S1' })).toBe(recordKey({ ...base, record_id: 'S1', date: '2022-01-01', line: 7 }));
  });

  it('resolves colliding ids deterministically, whatever the order of the items', () => {
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const key = `k${i}`;
      const hash = shortHash(key);
      const other = seen.get(hash);
      if (other !== undefined) pair = [other, key];
      else seen.set(hash, key);
    }
    const [a, b] = pair;
    const forward = stableIds('E', [[a], [b], ['z']]);
    const backward = stableIds('E', [['z'], [b], [a]]);
    expect(forward[0]).toBe(`E-${shortHash(a)}`);
    expect(forward[1]).toBe(`E-${shortHash(a)}-2`);
    expect([backward[2], backward[1], backward[0]]).toEqual(forward);
    // The same anchor in two items (one record id in two persons' events): the tiebreak decides.
    expect(stableIds('E', [['x', 'y'], ['x']])).toEqual([`E-${shortHash('x')}-2`, `E-${shortHash('x')}`]);
  });
});
