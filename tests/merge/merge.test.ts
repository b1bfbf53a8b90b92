import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainMerge, mergeEvents } from '../../src/merge/index.js';
import type { ChronologyRecord } from '../../src/model/record.js';
import type { ChronologyEvent, Person } from '../../src/model/stages.js';
import type { EventType, Severity } from '../../src/model/vocabulary.js';

let nextLine = 2;
function rec(fields: Partial<ChronologyRecord> & { agency: string; date: string }): ChronologyRecord {
  return {
    file: `${fields.agency}.csv`,
    line: nextLine++,
    name: { given: 'Thomas', family: 'Smith' },
    type: 'referral',
    original: { type: fields.type ?? 'referral' },
    ...fields,
  };
}

/** Everyone is one person unless personOf says otherwise. */
function mergeOne(records: ChronologyRecord[], windowDays?: number): ChronologyEvent[] {
  const person: Person = { id: 'P001', records: records.map((_, i) => i), name: {} };
  const config = windowDays === undefined ? {} : { windowDays };
  return mergeEvents(records, [person], new Int32Array(records.length), config);
}

function groups(events: ChronologyEvent[]): number[][] {
  return events.map((event) => event.sources.map((source) => source.record).sort((a, b) => a - b));
}

describe('mergeEvents', () => {
  it('merges the same referral recorded by two agencies two days apart', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-06' }),
    ];
    const events = mergeOne(records);
    expect(events).toHaveLength(1);
    expect(events[0]?.agencies).toEqual(['health', 'police']);
    expect(events[0]?.sources.map((s) => `${s.file}:${s.line}`)).toEqual(
      records.map((r) => `${r.file}:${r.line}`),
    );
  });

  it('keeps records further apart than the window as separate events', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-08' }),
    ];
    expect(mergeOne(records)).toHaveLength(2);
    expect(mergeOne(records, 4)).toHaveLength(1);
  });

  it('never merges two records of one agency with different record ids, even within the window', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04' }),
      rec({ agency: 'police', record_id: 'P2', date: '2021-03-04' }),
    ];
    expect(groups(mergeOne(records))).toEqual([[0], [1]]);
  });

  it('does not let a third agency bridge two distinct records of one agency', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-05' }),
      rec({ agency: 'police', record_id: 'P2', date: '2021-03-06' }),
    ];
    const merged = groups(mergeOne(records));
    expect(merged).toHaveLength(2);
    for (const group of merged) expect(group.includes(0) && group.includes(2)).toBe(false);
    expect(merged).toContainEqual([0, 1]);
  });

  it('moves a record to the closer group when the greedy pass committed it too early', () => {
    const records = [
      rec({ agency: 'school', record_id: 'S1', date: '2018-02-16' }),
      rec({ agency: 'housing', record_id: 'H1', date: '2018-02-19' }),
      rec({ agency: 'school', record_id: 'S2', date: '2018-02-20' }),
      rec({ agency: 'health', record_id: 'N1', date: '2018-02-21' }),
    ];
    expect(groups(mergeOne(records))).toEqual([[0], [1, 2, 3]]);
  });

  it('merges an export duplicate: the same agency and record id twice', () => {
    const records = [
      rec({ agency: 'school', record_id: 'S9', date: '2021-03-04' }),
      rec({ agency: 'school', record_id: 'S9', date: '2021-03-04' }),
    ];
    const events = mergeOne(records);
    expect(events).toHaveLength(1);
    expect(events[0]?.agencies).toEqual(['school']);
    expect(events[0]?.sources).toHaveLength(2);
  });

  it('treats records of one agency without record ids as duplicates only when date, type and description agree', () => {
    const same = [
      rec({ agency: 'school', date: '2021-03-04', description: 'Late collection' }),
      rec({ agency: 'school', date: '2021-03-04', description: ' late  collection ' }),
    ];
    expect(mergeOne(same)).toHaveLength(1);
    const different = [
      rec({ agency: 'school', date: '2021-03-04', description: 'Late collection' }),
      rec({ agency: 'school', date: '2021-03-05', description: 'Late collection' }),
    ];
    expect(mergeOne(different)).toHaveLength(2);
    const oneWithId = [
      rec({ agency: 'school', record_id: 'S1', date: '2021-03-04' }),
      rec({ agency: 'school', date: '2021-03-04' }),
    ];
    expect(mergeOne(oneWithId)).toHaveLength(2);
  });

  it('matches a month-precision date with any day of that month, and keeps the precise date', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-28' }),
    ];
    const events = mergeOne(records);
    expect(events).toHaveLength(1);
    expect(events[0]?.date).toBe('2021-03-28');
    const outside = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-04-05' }),
    ];
    expect(mergeOne(outside)).toHaveLength(2);
  });

  it('prefers the day over the month when both start on the same day', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-01' }),
      rec({ agency: 'school', record_id: 'S1', date: '2021-03-02' }),
    ];
    expect(mergeOne(records).map((e) => e.date)).toEqual(['2021-03-01']);
  });

  it('never merges records of different types', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04', type: 'domestic_abuse' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-04', type: 'injury' }),
    ];
    expect(mergeOne(records)).toHaveLength(2);
  });

  it('merges `other` records only when their original type text is the same', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04', type: 'other', original: { type: 'Dog bite' } }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-04', type: 'other', original: { type: 'DOG BITE' } }),
      rec({ agency: 'school', record_id: 'S1', date: '2021-03-04', type: 'other', original: { type: 'Trip' } }),
    ];
    expect(groups(mergeOne(records))).toEqual([[0, 1], [2]]);
  });

  it('never merges records of different people', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-04' }),
    ];
    const persons: Person[] = [
      { id: 'P001', records: [0], name: {} },
      { id: 'P002', records: [1], name: {} },
    ];
    const events = mergeEvents(records, persons, Int32Array.from([0, 1]));
    expect(events.map((e) => e.person)).toEqual(['P001', 'P002']);
  });

  it('takes the earliest date, the latest end date, the highest severity and not-met threshold', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-05', severity: 2, threshold_met: true, outcome: 'assessment' }),
      rec({
        agency: 'health',
        record_id: 'H1',
        date: '2021-03-04',
        end_date: '2021-03-20',
        severity: 4,
        threshold_met: false,
        outcome: 'no further action',
        description: 'Referral about bruising',
      }),
      rec({ agency: 'school', record_id: 'S1', date: '2021-03-06', end_date: '2021-04', severity: 3 }),
    ];
    const [event] = mergeOne(records);
    expect(event).toMatchObject({
      date: '2021-03-04',
      end_date: '2021-04',
      severity: 4,
      agencies: ['health', 'police', 'school'],
      threshold_met: false,
      outcome: 'no further action',
      description: 'Referral about bruising',
    });
  });

  it('sorts events by (person, date, type) and ids them by their sources, not their place', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P2', date: '2022-01-01' }),
      rec({ agency: 'police', record_id: 'P1', date: '2021-01-01', type: 'injury' }),
      rec({ agency: 'police', record_id: 'P3', date: '2021-01-01', type: 'assessment' }),
    ];
    const events = mergeOne(records);
    expect(events.map((e) => [e.date, e.type])).toEqual([
      ['2021-01-01', 'assessment'],
      ['2021-01-01', 'injury'],
      ['2022-01-01', 'referral'],
    ]);
    for (const event of events) expect(event.id).toMatch(/^E-[0-9A-Z]{6}$/);
    // An earlier event from another export takes the first place but no one else's id.
    const more = mergeOne([rec({ agency: 'health', record_id: 'H9', date: '2020-01-01' }), ...records]);
    expect(more.slice(1).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('explains why sources were merged', () => {
    const records = [
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04' }),
      rec({ agency: 'health', record_id: 'H1', date: '2021-03-06' }),
      rec({ agency: 'police', record_id: 'P1', date: '2021-03-04' }),
    ];
    const [event] = mergeOne(records);
    const lines = explainMerge(event as ChronologyEvent, records);
    expect(lines[0]).toContain('within 3 days');
    expect(lines.some((l) => l.includes('2 days apart, different agencies'))).toBe(true);
    expect(lines.some((l) => l.includes('same agency and record id P1: an export duplicate'))).toBe(true);
  });
});

const AGENCIES = ['police', 'health', 'school', 'social_care'];
const TYPES: EventType[] = ['referral', 'injury', 'neglect', 'other'];

const recordArb = fc.record({
  person: fc.integer({ min: 0, max: 2 }),
  agency: fc.constantFrom(...AGENCIES),
  recordId: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }),
  day: fc.integer({ min: 1, max: 12 }),
  precision: fc.constantFrom('day', 'day', 'day', 'month'),
  type: fc.constantFrom(...TYPES),
  severity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
});

type RecordSpec = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;

function buildRecords(specs: RecordSpec[]): { records: ChronologyRecord[]; personIdx: number[] } {
  const records = specs.map((spec, i): ChronologyRecord => {
    const date = spec.precision === 'month' ? '2021-03' : `2021-03-${String(spec.day).padStart(2, '0')}`;
    const record: ChronologyRecord = {
      file: `${spec.agency}.csv`,
      line: i + 2,
      agency: spec.agency,
      name: {},
      date,
      type: spec.type,
      original: { type: spec.type === 'other' ? 'Other thing' : spec.type },
    };
    if (spec.recordId !== undefined) record.record_id = spec.recordId;
    if (spec.severity !== undefined) record.severity = spec.severity as Severity;
    return record;
  });
  return { records, personIdx: specs.map((spec) => spec.person) };
}

function runMerge(records: ChronologyRecord[], personIdx: number[]): ChronologyEvent[] {
  const persons: Person[] = [0, 1, 2].map((p) => ({
    id: `P00${p + 1}`,
    records: personIdx.flatMap((q, i) => (q === p ? [i] : [])),
    name: {},
  }));
  return mergeEvents(records, persons, Int32Array.from(personIdx));
}

function signature(events: ChronologyEvent[], records: ChronologyRecord[]): string[] {
  return events.map((event) =>
    [
      event.id,
      event.person,
      event.date,
      event.type,
      event.severity,
      event.sources.map((s) => `${(records[s.record] as ChronologyRecord).file}:${s.line}`).join(','),
    ].join('|'),
  );
}

describe('mergeEvents properties', () => {
  it('puts every record in exactly one event, of its own person and type', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 60 }), (specs) => {
        const { records, personIdx } = buildRecords(specs);
        const events = runMerge(records, personIdx);
        const seen = events.flatMap((e) => e.sources.map((s) => s.record)).sort((a, b) => a - b);
        expect(seen).toEqual(records.map((_, i) => i));
        for (const event of events) {
          for (const source of event.sources) {
            expect(event.person).toBe(`P00${(personIdx[source.record] as number) + 1}`);
            expect(records[source.record]?.type).toBe(event.type);
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never puts two records of one agency with different record ids in one event', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 60 }), (specs) => {
        const { records, personIdx } = buildRecords(specs);
        for (const event of runMerge(records, personIdx)) {
          const idsByAgency = new Map<string, Set<string>>();
          for (const source of event.sources) {
            const ids = idsByAgency.get(source.agency) ?? new Set();
            ids.add(source.record_id ?? '(none)');
            idsByAgency.set(source.agency, ids);
          }
          for (const ids of idsByAgency.values()) expect(ids.size).toBe(1);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('gives the same events and ids whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 60 }).chain((specs) =>
          fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs.map((_, i) => i), { minLength: specs.length })),
        ),
        ([specs, order]) => {
          const { records, personIdx } = buildRecords(specs);
          const shuffledRecords = order.map((i) => records[i] as ChronologyRecord);
          const shuffledPersons = order.map((i) => personIdx[i] as number);
          expect(signature(runMerge(shuffledRecords, shuffledPersons), shuffledRecords)).toEqual(
            signature(runMerge(records, personIdx), records),
          );
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

