import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayRange, daysInMonth, PartialDate } from '../../src/model/date.js';
import { ChronologyRecord, type RawRow, type Rejected } from '../../src/model/record.js';
import type { DateFormat } from '../../src/model/stages.js';
import { parseDate } from '../../src/normalise/date.js';
import { createNormaliser } from '../../src/normalise/index.js';
import { isCertainlyBefore } from '../../src/normalise/row.js';

const SETTINGS = { seed: 42, numRuns: 500 };
const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const calendarDay = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) }));

/** Fragments that make strings look like dates, so the properties explore the parsers' edges. */
const DATE_FRAGMENTS = ['0', '1', '12', '13', '31', '60', '2021', '44259', '2958466', '/', '-', '.', ' ', 'T', ':', ',', 'Z', 'Mar', 'march', 'Sept', 'th', '+01:00', '\u00a0', 'é'];
const datelike = fc.oneof(fc.string(), fc.array(fc.constantFrom(...DATE_FRAGMENTS), { maxLength: 8 }).map((parts) => parts.join('')));
const FORMATS: DateFormat[] = ['auto', 'dayfirst', 'monthfirst', 'excel', { pattern: 'dd/MM/yyyy HH:mm' }, { pattern: 'MMM yyyy' }];

describe('parseDate properties', () => {
  it('reads any valid day back from ISO, dd/mm/yyyy and d MMM yyyy', () => {
    fc.assert(
      fc.property(calendarDay, ({ year, month, day }) => {
        const expected = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        const written = [
          expected,
          `${pad(day)}/${pad(month)}/${pad(year, 4)}`,
          `${day} ${MONTH_ABBREVIATIONS[month - 1]} ${pad(year, 4)}`,
        ];
        for (const value of written) expect(parseDate(value, 'auto')).toEqual({ date: expected });
      }),
      SETTINGS,
    );
  });

  it('never throws, and any date it gives is a PartialDate', () => {
    fc.assert(
      fc.property(datelike, fc.constantFrom(...FORMATS), (value, format) => {
        const result = parseDate(value, format);
        if ('date' in result) expect(PartialDate.safeParse(result.date).success).toBe(true);
        else expect(result.error.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 3000 },
    );
  });
});

const CELL_VALUES: Record<string, string[]> = {
  agency: ['', 'Police', ' Health '],
  date: ['', '2021-03-04', '03/04/2021', '13/04/2021', '12/31/2021', '31/02/2021', '44259', 'soon', 'Mar 2021'],
  end_date: ['', '2021-03-01', '05/03/2021', 'never'],
  dob: ['', '04/03/2015', '2015', '02/13/2015', 'n/k'],
  type: ['', 'contact', 'Missed Appointment', 'xyz'],
  severity: ['', '0', '3', 'critical', 'high'],
  nhs_number: ['', '9434765919', '9434765918'],
  name: ['', 'SMITH, Tom', 'Amy Rose Jones'],
  threshold_met: ['', 'yes', 'perhaps'],
};
const cells = fc.record(
  Object.fromEntries(Object.entries(CELL_VALUES).map(([column, values]) => [column, fc.constantFrom(...values)])),
);
const pushed = fc.array(
  fc.oneof(
    { weight: 9, arbitrary: cells.map((values) => ({ values })) },
    { weight: 1, arbitrary: fc.constant({ reason: 'expected 5 fields, found 4' }) },
  ),
  { maxLength: 40 },
);

describe('normaliser properties', () => {
  it('accounts for every pushed row exactly once, records in push order, all valid', () => {
    fc.assert(
      fc.property(pushed, fc.constantFrom(undefined, 'Housing'), (items, agency) => {
        const normaliser = createNormaliser(agency ? { agency } : {});
        items.forEach((item, i) => {
          const ref = { file: 'f.csv', line: i + 2 };
          normaliser.push('reason' in item ? ({ ...ref, reason: item.reason } satisfies Rejected) : ({ ...ref, values: item.values } satisfies RawRow));
        });
        const file = normaliser.finish();
        expect(file.records.length + file.rejected.length).toBe(items.length);
        const lines = [...file.records, ...file.rejected].map((r) => r.line).sort((a, b) => a - b);
        expect(lines).toEqual(items.map((_, i) => i + 2));
        const recordLines = file.records.map((r) => r.line);
        expect(recordLines).toEqual([...recordLines].sort((a, b) => a - b));
        for (const record of file.records) expect(ChronologyRecord.safeParse(record).success).toBe(true);
      }),
      SETTINGS,
    );
  });
});

describe('isCertainlyBefore', () => {
  const partialDate = fc
    .tuple(calendarDay, fc.constantFrom(4, 7, 10))
    .map(([{ year, month, day }, length]) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`.slice(0, length));

  it('agrees with the day ranges partial dates stand for', () => {
    fc.assert(
      fc.property(partialDate, partialDate, (a, b) => {
        expect(isCertainlyBefore(a, b)).toBe(dayRange(a)[1] < dayRange(b)[0]);
      }),
      SETTINGS,
    );
  });

  it('compares times on the same day', () => {
    expect(isCertainlyBefore('2021-03-04T09:00', '2021-03-04T10:00')).toBe(true);
    expect(isCertainlyBefore('2021-03-04', '2021-03-04T10:00')).toBe(false);
  });
});
