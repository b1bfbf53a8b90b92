import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/model/record.js';
import { profileMapping } from '../../src/profile/apply.js';
import { parseProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/schema.js';
import { hasFastProperties } from '../v8-natives.js';

function profile(yaml: string): Profile {
  return parseProfile(yaml, 'test.yaml');
}

let line = 1;
function row(values: Record<string, string>): RawRow {
  line += 1;
  return { file: 'export.csv', line, values };
}

function mapped(mapping: ReturnType<typeof profileMapping>, values: Record<string, string>): Record<string, string> {
  const result = mapping.map(row(values));
  if ('skipped' in result) throw new Error(`unexpected skip: ${result.skipped}`);
  return result.values;
}

describe('value maps', () => {
  const rules = profile(`agency: Police
columns: { date: Date, type: Incident Category }
values:
  type:
    - { equals: DA - High Risk, to: physical_abuse }
    - { equals: da - high risk, ignore_case: true, to: injury }
    - { matches: "^DA\\\\b", to: domestic_abuse }
    - { matches: "missing", ignore_case: true, to: missing_episode }
`);

  it('gives the value of the first rule that matches, whatever rules follow', () => {
    const mapping = profileMapping(rules, 'police.yaml');
    const typeOf = (category: string): string | undefined => mapped(mapping, { date: '2021-03-04', incident_category: category }).type;
    expect(typeOf('DA - High Risk')).toBe('physical_abuse');
    expect(typeOf('DA - HIGH RISK')).toBe('injury');
    expect(typeOf('DA - Medium Risk')).toBe('domestic_abuse');
    expect(typeOf('da - medium risk')).toBe('other');
    expect(typeOf('Missing Person')).toBe('missing_episode');
  });

  it('is first-match-wins for any order of exact rules over the same value', () => {
    const targets = ['neglect', 'injury', 'housing', 'poverty'] as const;
    fc.assert(
      fc.property(fc.shuffledSubarray([...targets], { minLength: 1 }), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s !== ''), (order, value) => {
        const p: Profile = { agency: 'A', columns: { date: 'Date', type: 'Kind' }, values: { type: order.map((to) => ({ equals: value, to })) } };
        const result = profileMapping(p, 'p.yaml').map(row({ date: '2021', kind: value }));
        return !('skipped' in result) && result.values.type === order[0];
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('can test another column, so a DNA status wins over the reason', () => {
    const mapping = profileMapping(
      profile(`agency: Health
columns: { date: Appt Date, type: Reason }
values:
  type:
    - { column: Appt Status, equals: [DNA, WNB], to: missed_appointment }
    - { equals: Weight review, to: health_concern }
`),
      'gp.yaml',
    );
    expect(mapped(mapping, { appt_date: '2021-01-01', reason: 'Weight review', appt_status: 'WNB' }).type).toBe('missed_appointment');
    expect(mapped(mapping, { appt_date: '2021-01-01', reason: 'Weight review', appt_status: 'Attended' }).type).toBe('health_concern');
    expect(mapped(mapping, { appt_date: '2021-01-01', appt_status: 'DNA' }).type).toBe('missed_appointment');
  });

  it('lets values that are already canonical through, and maps the rest to other with one note per file', () => {
    const mapping = profileMapping(
      profile(`agency: Police
columns: { date: Date, type: Category, severity: Risk, outcome: Result }
values:
  type: [{ equals: DA, to: domestic_abuse }]
  severity: [{ equals: High, to: serious }]
  outcome: [{ equals: NFA, to: no further action }]
`),
      'police.yaml',
    );
    const rows = [
      { category: 'DA - Low Risk', risk: 'High', result: 'NFA' },
      { category: 'ASB', risk: 'Very high', result: 'Charged' },
      { category: 'DA - Low Risk', risk: '3', result: 'NFA' },
      { category: 'Neglect', risk: 'moderate', result: '' },
      { category: 'DA - Low Risk', risk: '', result: 'NFA' },
    ];
    const results = rows.map((r) => mapped(mapping, { date: '2020-01-01', ...r }));
    expect(results.map((r) => r.type)).toEqual(['other', 'other', 'other', 'Neglect', 'other']);
    expect(results.map((r) => r.severity)).toEqual(['serious', undefined, '3', 'moderate', undefined]);
    expect(results.map((r) => r.outcome)).toEqual(['no further action', 'other', 'no further action', undefined, 'no further action']);
    expect(mapping.finish()).toEqual([
      'unmapped type values (mapped to other): "DA - Low Risk" ×3, "ASB" ×1 — add them to profile police.yaml',
      'unmapped severity values (not used): "Very high" ×1 — add them to profile police.yaml',
      'unmapped outcome values (mapped to other): "Charged" ×1 — add them to profile police.yaml',
    ]);
  });

  it('counts unmapped values per file: each mapping starts afresh', () => {
    const p = profile('agency: A\ncolumns: { date: Date, type: Kind }\nvalues: { type: [{ equals: x, to: injury }] }\n');
    const first = profileMapping(p, 'a.yaml');
    first.map(row({ date: '2020', kind: 'y' }));
    expect(profileMapping(p, 'a.yaml').finish()).toEqual([]);
    expect(first.finish()).toHaveLength(1);
  });
});

describe('columns built from several', () => {
  const police = profile(`agency: Police
columns:
  date: { columns: [Occurrence Date, Occurrence Time], format: { pattern: "dd/MM/yyyy HH:mm" } }
  name: { columns: [Subject Forename, Subject Surname] }
  description: { columns: [Narrative, Notes], join: " / " }
`);

  it('joins a date column and a time column through the pattern', () => {
    const mapping = profileMapping(police, 'police.yaml');
    expect(mapped(mapping, { occurrence_date: '20/05/2017', occurrence_time: '23:40' }).date).toBe('2017-05-20T23:40');
    expect(mapping.normaliseOptions.dateFormats?.date).toBeUndefined();
  });

  it('keeps the day when the time cell is empty', () => {
    const mapping = profileMapping(police, 'police.yaml');
    expect(mapped(mapping, { occurrence_date: '02/04/2022' }).date).toBe('2022-04-02');
  });

  it('passes a value the pattern cannot read as written, for the normaliser to judge', () => {
    const mapping = profileMapping(police, 'police.yaml');
    expect(mapped(mapping, { occurrence_date: '31/02/2022', occurrence_time: '10:00' }).date).toBe('31/02/2022 10:00');
  });

  it('joins a name from forename and surname, and skips empty parts', () => {
    const mapping = profileMapping(police, 'police.yaml');
    expect(mapped(mapping, { occurrence_date: '01/01/2020', subject_forename: 'Lacey', subject_surname: 'BRENNICK' }).name).toBe('Lacey BRENNICK');
    expect(mapped(mapping, { occurrence_date: '01/01/2020', subject_surname: 'BRENNICK' }).name).toBe('BRENNICK');
    expect(mapped(mapping, { occurrence_date: '01/01/2020', narrative: 'a', notes: 'b' }).description).toBe('a / b');
  });

  it('hands a single-column date format to the normaliser, and matches headers ignoring case and spaces', () => {
    const mapping = profileMapping(profile('agency: S\ncolumns:\n  date: { column: Start Date, format: monthfirst }\n'), 's.yaml');
    expect(mapping.normaliseOptions).toEqual({ agency: 'S', dateFormats: { date: 'monthfirst' } });
    expect(mapped(mapping, { start_date: '12/31/2020' }).date).toBe('12/31/2020');
    expect(mapping.checkColumns(['start_date'])).toBeUndefined();
  });
});

describe('constants, originals and columns', () => {
  const p = profile(`agency: School
columns: { date: Date of Concern, source: Perpetrator }
constants: { source: unknown, type: neglect }
`);

  it('fills constants where the export has no value, and keeps the other cells for the record', () => {
    const mapping = profileMapping(p, 'school.yaml');
    const values = mapped(mapping, { date_of_concern: '2020-01-01', perpetrator: '', year_group: 'Year 4', type: 'ignored' });
    expect(values).toEqual({ date_of_concern: '2020-01-01', perpetrator: '', year_group: 'Year 4', date: '2020-01-01', source: 'unknown', type: 'neglect' });
    expect(mapped(mapping, { date_of_concern: '2020-01-01', perpetrator: 'mother' }).source).toBe('mother');
  });

  it('names every column the profile reads that the file lacks', () => {
    const mapping = profileMapping(p, 'school.yaml');
    expect(mapping.checkColumns(['date'])).toBe('missing columns "Date of Concern", "Perpetrator" that profile school.yaml reads');
  });
});

describe('skip rules', () => {
  const p = profile(`agency: Police
columns: { date: Date }
skip:
  - { column: Status, equals: Cancelled }
  - { column: Status, in: [Void, Duplicate], ignore_case: true }
  - { column: Ref, matches: "^TEST" }
`);

  it('skips rows by equals, in and a regular expression, naming the rule and the value', () => {
    const mapping = profileMapping(p, 'police.yaml');
    const skippedBy = (values: Record<string, string>): string | undefined => {
      const result = mapping.map(row({ date: '2020-01-01', ...values }));
      return 'skipped' in result ? result.skipped : undefined;
    };
    expect(skippedBy({ status: 'Cancelled' })).toBe('skipped by profile rule: Status = "Cancelled"');
    expect(skippedBy({ status: 'cancelled' })).toBeUndefined();
    expect(skippedBy({ status: 'VOID' })).toBe('skipped by profile rule: Status = "VOID"');
    expect(skippedBy({ status: 'Finalised', ref: 'TEST-1' })).toBe('skipped by profile rule: Ref = "TEST-1"');
    expect(skippedBy({ status: 'Finalised', ref: 'DP-1' })).toBeUndefined();
  });
});

describe('mapped rows of wide exports', () => {
  it('are fast objects: 30 cells do not make a dictionary', () => {
    const mapping = profileMapping(profile('agency: Police\ncolumns: { date: Date, type: Kind }'), 'p.yaml');
    const extra = Object.fromEntries(Array.from({ length: 28 }, (_, i) => [`extra_${i}`, `v${i}`]));
    const values = mapped(mapping, { date: '2021-03-04', kind: 'missing', ...extra });
    expect(Object.keys(values)).toHaveLength(31);
    expect(hasFastProperties(values)).toBe(true);
  });
});
