import { describe, expect, it } from 'vitest';
import { ChronologyRecord, type RawRow, type Rejected } from '../../src/model/record.js';
import type { NormaliseOptions } from '../../src/model/stages.js';
import { createNormaliser } from '../../src/normalise/index.js';

const FILE = 'police.csv';
let nextLine = 2;
function row(values: Record<string, string>, line = nextLine++): RawRow {
  return { file: FILE, line, values };
}

function normalise(rows: (RawRow | Rejected)[], options: NormaliseOptions = { agency: 'Police' }) {
  const normaliser = createNormaliser(options);
  for (const r of rows) normaliser.push(r);
  return normaliser.finish();
}

describe('createNormaliser', () => {
  it('turns a canonical row into a valid record', () => {
    const values = {
      agency: ' Police ',
      record_id: ' R1 ',
      person_id: 'P9',
      nhs_number: '943 476 5919',
      name: 'SMITH, Tom',
      dob: '04/03/2015',
      address: ' 1 High Street ',
      postcode: ' ab1 2cd ',
      household_id: 'H1',
      date: '2021-03-04T22:15',
      end_date: '05/03/2021',
      type: 'Domestic Abuse',
      severity: 'serious',
      source: " Mother's  Partner ",
      threshold_met: 'no',
      outcome: 'no further action',
      description: 'Police called to the home.',
      impact: 'Child frightened.',
      extra_column: 'kept in original',
    };
    const file = normalise([row(values, 2)]);
    expect(file.rejected).toEqual([]);
    expect(file.warnings).toEqual([]);
    expect(file.records).toHaveLength(1);
    const record = ChronologyRecord.parse(file.records[0]);
    expect(record).toEqual({
      file: FILE,
      line: 2,
      agency: 'Police',
      record_id: 'R1',
      person_id: 'P9',
      nhs_number: '9434765919',
      name: { given: 'Tom', family: 'SMITH' },
      dob: '2015-03-04',
      address: '1 High Street',
      postcode: 'ab1 2cd',
      household_id: 'H1',
      date: '2021-03-04T22:15',
      end_date: '2021-03-05',
      type: 'domestic_abuse',
      severity: 4,
      source: "mother's partner",
      threshold_met: false,
      outcome: 'no further action',
      description: 'Police called to the home.',
      impact: 'Child frightened.',
      original: values,
    });
  });

  it('leaves empty cells absent', () => {
    const [record] = normalise([row({ date: '2021-03-04', type: 'contact', severity: '', postcode: '  ' })]).records;
    expect(record).not.toHaveProperty('severity');
    expect(record).not.toHaveProperty('postcode');
    expect(record?.name).toEqual({});
  });

  it('takes the agency from the row, the file defaults, then the options', () => {
    const normaliser = createNormaliser({ agency: 'From options' });
    normaliser.push(row({ date: '2021', agency: 'From row' }), { agency: 'From file' });
    normaliser.push(row({ date: '2021' }), { agency: 'From file' });
    normaliser.push(row({ date: '2021' }));
    expect(normaliser.finish().records.map((r) => r.agency)).toEqual(['From row', 'From file', 'From options']);
  });

  it('rejects a row without an agency or a date, naming every reason', () => {
    const file = normalise([row({ date: '2021-03-04' }, 5), row({ agency: 'School' }, 6), row({}, 7)], {});
    expect(file.records).toEqual([]);
    expect(file.rejected).toEqual([
      { file: FILE, line: 5, reason: 'no agency: give an agency column, --agency or a profile' },
      { file: FILE, line: 6, reason: 'no date' },
      { file: FILE, line: 7, reason: 'no agency: give an agency column, --agency or a profile; no date' },
    ]);
  });

  it('rejects an unreadable or impossible date quoting it', () => {
    const file = normalise([row({ date: '31/02/2021' }, 3), row({ date: 'last week' }, 4)]);
    expect(file.rejected).toEqual([
      { file: FILE, line: 3, reason: 'impossible date "31/02/2021"' },
      { file: FILE, line: 4, reason: 'unreadable date "last week"' },
    ]);
  });

  it('passes a reader reject through in its place', () => {
    const readerReject: Rejected = { file: FILE, line: 3, reason: 'expected 5 fields, found 4' };
    const file = normalise([row({ date: '2021' }, 2), readerReject, row({ date: 'bad' }, 4), row({ date: '2022' }, 5)]);
    expect(file.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(file.rejected[0]).toBe(readerReject);
    expect(file.records.map((r) => r.line)).toEqual([2, 5]);
  });

  it('keeps a row whose dob is unreadable, without the dob', () => {
    const file = normalise([row({ date: '2021-03-04', dob: '31/02/2015', type: 'contact' }, 8)]);
    expect(file.records[0]).not.toHaveProperty('dob');
    expect(file.warnings).toEqual([{ file: FILE, line: 8, field: 'dob', message: 'impossible date "31/02/2015", not used' }]);
  });

  it('warns about, but keeps, a dob after the event (pre-birth records exist)', () => {
    const file = normalise([row({ date: '2021-03-04', dob: '2021-06-01', type: 'referral' }, 9)]);
    expect(file.records[0]?.dob).toBe('2021-06-01');
    expect(file.warnings).toMatchObject([{ line: 9, field: 'dob', message: expect.stringContaining('"2021-06-01" is after') }]);
  });

  it('drops an end_date before the date, with a warning', () => {
    const file = normalise([
      row({ date: '2021-03-04', end_date: '2021-03-01', type: 'plan' }, 2),
      row({ date: '2021-03-04', end_date: '2021-03', type: 'plan' }, 3),
    ]);
    expect(file.records[0]).not.toHaveProperty('end_date');
    expect(file.records[1]?.end_date).toBe('2021-03');
    expect(file.warnings).toEqual([
      {
        file: FILE,
        line: 2,
        field: 'end_date',
        message: 'end_date "2021-03-01" is before the date "2021-03-04", not used',
      },
    ]);
  });

  it('warns about unusable fields but keeps the row', () => {
    const file = normalise([
      row({ date: '2021-03-04', type: 'xyz', severity: 'high', threshold_met: 'maybe', nhs_number: '9434765918' }, 4),
    ]);
    expect(file.records).toHaveLength(1);
    const record = file.records[0];
    expect(record?.type).toBe('other');
    expect(record).not.toHaveProperty('severity');
    expect(record).not.toHaveProperty('threshold_met');
    expect(record).not.toHaveProperty('nhs_number');
    expect(file.warnings.map((w) => [w.field, w.message])).toEqual([
      ['type', 'unknown type "xyz", kept as other'],
      ['severity', 'unreadable severity "high" (1-5 or low/moderate/significant/serious/critical), not used'],
      ['threshold_met', 'unreadable threshold_met "maybe" (yes/no), not used'],
      ['nhs_number', 'invalid NHS number "9434765918" (check digit), not used for linking'],
    ]);
  });

  it('reads each date column with its own format', () => {
    const file = normalise([row({ date: '03/04/2021', dob: '44259', type: 'contact' })], {
      agency: 'Health',
      dateFormats: { date: 'monthfirst', dob: 'excel' },
    });
    expect(file.records[0]).toMatchObject({ date: '2021-03-04', dob: '2021-03-04' });
  });
});

describe('a file whose dates look month-first', () => {
  const rows = (): RawRow[] => [
    row({ date: '13/04/2021', type: 'contact' }, 2),
    row({ date: '12/31/2021', type: 'contact' }, 3),
    row({ date: '03/04/2021', type: 'contact' }, 4),
    row({ date: '2021-05-06', dob: '05/06/2015', type: 'contact' }, 5),
    row({ date: '07/07/2021', type: 'xyz' }, 6),
    row({ date: '2021-05-06', end_date: '06/05/2021', type: 'plan' }, 7),
    row({ date: '01/13/2021', type: 'contact' }, 8),
  ];

  it('notes it once, counting the rows and quoting the first', () => {
    const file = normalise(rows());
    expect(file.notes).toEqual([
      'dates look month-first (2 rows such as "12/31/2021"); day-first is the default: use a profile with date format monthfirst',
    ]);
  });

  it('rejects records resting on an ambiguous date or dob, and keeps the rest in order', () => {
    const file = normalise(rows());
    expect(file.records.map((r) => r.line)).toEqual([2, 6, 7]);
    expect(file.rejected).toEqual([
      { file: FILE, line: 3, reason: 'impossible day-first date "12/31/2021" (looks month-first)' },
      { file: FILE, line: 4, reason: 'ambiguous date "03/04/2021" in a file that looks month-first' },
      { file: FILE, line: 5, reason: 'ambiguous date "05/06/2015" in a file that looks month-first' },
      { file: FILE, line: 8, reason: 'impossible day-first date "01/13/2021" (looks month-first)' },
    ]);
  });

  it('drops an ambiguous end_date instead of guessing it', () => {
    const file = normalise(rows());
    const planned = file.records.find((r) => r.line === 7);
    expect(planned).not.toHaveProperty('end_date');
    expect(file.warnings).toContainEqual({
      file: FILE,
      line: 7,
      field: 'end_date',
      message: 'ambiguous end_date "06/05/2021" in a file that looks month-first, not used',
    });
  });

  it('drops the warnings of rows it rejects', () => {
    const file = normalise([row({ date: '12/31/2021' }, 2), row({ date: '03/04/2021', type: 'xyz' }, 3)]);
    expect(file.warnings).toEqual([]);
  });

  it('trusts ambiguous dates in a file with no month-first evidence', () => {
    const file = normalise([row({ date: '03/04/2021', type: 'contact' }), row({ date: '13/04/2021', type: 'contact' })]);
    expect(file.records.map((r) => r.date)).toEqual(['2021-04-03', '2021-04-13']);
    expect(file.notes).toEqual([]);
  });

  it('does not apply to dates read with an explicit month-first format', () => {
    const file = normalise([row({ date: '12/31/2021' }), row({ date: '03/04/2021' })], {
      agency: 'Health',
      dateFormats: { date: 'monthfirst' },
    });
    expect(file.records.map((r) => r.date)).toEqual(['2021-12-31', '2021-03-04']);
    expect(file.notes).toEqual([]);
  });
});

describe('createNormaliser: values repeated across rows', () => {
  it('reads a repeated cell the same way on every row, each row keeping its own warnings and line', () => {
    const repeated = { date: '03/04/2021', dob: '31/02/2015', type: 'Shoplifting', severity: 'extreme', nhs_number: '9999999999' };
    const result = normalise([row(repeated, 40), row(repeated, 41), row({ ...repeated, date: '04/03/2021' }, 42)]);
    expect(result.records.map((r) => [r.line, r.date, r.type])).toEqual([
      [40, '2021-04-03', 'other'],
      [41, '2021-04-03', 'other'],
      [42, '2021-03-04', 'other'],
    ]);
    for (const line of [40, 41, 42]) {
      expect(result.warnings.filter((w) => w.line === line).map((w) => w.field).sort()).toEqual(['dob', 'nhs_number', 'severity', 'type']);
    }
  });

  it('still rejects every ambiguous date of a file that turns out month-first, whichever row first read it', () => {
    const result = normalise([row({ date: '03/04/2021' }, 50), row({ date: '03/04/2021' }, 51), row({ date: '12/31/2021' }, 52)]);
    expect(result.records).toEqual([]);
    expect(result.rejected.map((r) => r.line)).toEqual([50, 51, 52]);
  });
});
