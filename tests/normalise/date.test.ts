import { describe, expect, it } from 'vitest';
import { isAmbiguousDayMonth, parseDate, pivotTwoDigitYear } from '../../src/normalise/date.js';

describe('parseDate in auto and dayfirst', () => {
  const forms: [string, string][] = [
    ['2021-03-04', '2021-03-04'],
    ['2021-03-04T22:15', '2021-03-04T22:15'],
    ['2021-03-04 22:15', '2021-03-04T22:15'],
    ['2021-03-04 22:15:59', '2021-03-04T22:15'],
    ['04/03/2021', '2021-03-04'],
    ['4/3/21', '2021-03-04'],
    ['4.3.2021', '2021-03-04'],
    ['04-03-2021', '2021-03-04'],
    ['04/03/2021 22:15', '2021-03-04T22:15'],
    ['04/03/2021 9:05:30', '2021-03-04T09:05'],
    ['4 Mar 2021', '2021-03-04'],
    ['04-Mar-2021', '2021-03-04'],
    ['04-MAR-21', '2021-03-04'],
    ['4 March 2021', '2021-03-04'],
    ['4th September 2021', '2021-09-04'],
    ['2021-03', '2021-03'],
    ['March 2021', '2021-03'],
    ['Mar 2021', '2021-03'],
    ['2021', '2021'],
    ['  04/03/2021  ', '2021-03-04'],
    ['29/02/2020', '2020-02-29'],
    ['29/02/2000', '2000-02-29'],
  ];
  it.each(forms)('reads %j as %s', (value, expected) => {
    expect(parseDate(value, 'auto')).toEqual({ date: expected });
    expect(parseDate(value, 'dayfirst')).toEqual({ date: expected });
  });

  // Times with a zone are read in UK local time: the day a UK practitioner would write (docs/profiles.md).
  it.each([
    ['2021-03-04T22:15:00Z', '2021-03-04T22:15'],
    ['2021-07-01T23:03Z', '2021-07-02T00:03'],
    ['2021-07-01 23:03z', '2021-07-02T00:03'],
    ['2021-07-01T23:03+01:00', '2021-07-01T23:03'],
    ['2021-07-01T18:03-0500', '2021-07-02T00:03'],
    ['2021-03-01T00:30+01', '2021-02-28T23:30'],
    ['2021-03-28T00:59Z', '2021-03-28T00:59'],
    ['2021-03-28T01:00Z', '2021-03-28T02:00'],
    ['2021-10-31T00:59Z', '2021-10-31T01:59'],
    ['2021-10-31T01:00Z', '2021-10-31T01:00'],
    ['2021-12-31T23:30-01:00', '2022-01-01T00:30'],
  ])('reads %j, which gives its zone, as UK local time %s', (value, expected) => {
    expect(parseDate(value, 'auto')).toEqual({ date: expected, zoned: true });
    expect(parseDate(value, 'excel')).toEqual({ date: expected, zoned: true });
  });

  it('keeps a date without a time as written, whatever zone it gives', () => {
    expect(parseDate('2021-07-01Z', 'auto')).toEqual({ date: '2021-07-01' });
  });

  it('refuses an offset no zone has', () => {
    expect(parseDate('2021-07-01T10:00+25:00', 'auto')).toEqual({ error: 'impossible date "2021-07-01T10:00+25:00" (no such time zone offset "+25:00")' });
  });

  it.each([
    ['31/02/2021', 'impossible date "31/02/2021"'],
    ['29/02/2021', 'impossible date "29/02/2021"'],
    ['29/02/1900', 'impossible date "29/02/1900"'],
    ['31/04/2021', 'impossible date "31/04/2021"'],
    ['13/13/2021', 'impossible date "13/13/2021"'],
    ['00/03/2021', 'impossible date "00/03/2021"'],
    ['2021-13-01', 'impossible date "2021-13-01"'],
    ['2021-02-30', 'impossible date "2021-02-30"'],
    ['2021-03-04T24:00', 'impossible date "2021-03-04T24:00"'],
    ['0000-01-01', 'impossible date "0000-01-01"'],
    ['2021-13', 'impossible date "2021-13"'],
  ])('rejects the impossible %j', (value, message) => {
    expect(parseDate(value, 'auto')).toEqual({ error: message });
  });

  it.each(['yesterday', 'n/k', '04/03', '2021/03/04/05', '4 Marchember 2021', '99999-01-01'])(
    'rejects the unreadable %j quoting it',
    (value) => {
      const result = parseDate(value, 'auto');
      expect(result).toHaveProperty('error');
      expect('error' in result && result.error).toContain(`unreadable date ${JSON.stringify(value)}`);
    },
  );

  it('rejects month-before-day text dates rather than guess', () => {
    expect(parseDate('Mar 4 2021', 'auto')).toMatchObject({ error: expect.stringContaining('unreadable date "Mar 4 2021"') });
    expect(parseDate('March 4, 2021', 'dayfirst')).toHaveProperty('error');
  });

  it('flags a date that only makes sense month-first', () => {
    expect(parseDate('12/31/2021', 'auto')).toEqual({
      error: 'impossible day-first date "12/31/2021" (looks month-first)',
      monthFirst: true,
    });
    expect(parseDate('1/13/21', 'dayfirst')).toMatchObject({ monthFirst: true });
    expect(parseDate('13/45/2021', 'auto')).toEqual({ error: 'impossible date "13/45/2021"' });
  });
});

describe('two-digit years', () => {
  it.each([
    [0, 2000],
    [21, 2021],
    [69, 2069],
    [70, 1970],
    [99, 1999],
  ])('pivots %i to %i', (twoDigits, year) => {
    expect(pivotTwoDigitYear(twoDigits)).toBe(year);
  });

  it('applies the pivot to short dates', () => {
    expect(parseDate('4/3/69', 'auto')).toEqual({ date: '2069-03-04' });
    expect(parseDate('4/3/70', 'auto')).toEqual({ date: '1970-03-04' });
    expect(parseDate('04-Mar-85', 'auto')).toEqual({ date: '1985-03-04' });
  });
});

describe('Excel serials', () => {
  it('reads serial 44259 as 4 March 2021', () => {
    expect(parseDate('44259', 'auto')).toEqual({ date: '2021-03-04' });
    expect(parseDate('44259', 'excel')).toEqual({ date: '2021-03-04' });
  });

  it("rejects serial 60, Excel's phantom 29 February 1900", () => {
    expect(parseDate('60', 'excel')).toEqual({
      error: `impossible date "60": 29/02/1900 does not exist (Excel's phantom leap day)`,
    });
  });

  it('counts serials either side of the phantom day correctly', () => {
    expect(parseDate('1', 'excel')).toEqual({ date: '1900-01-01' });
    expect(parseDate('59', 'excel')).toEqual({ date: '1900-02-28' });
    expect(parseDate('61', 'auto')).toEqual({ date: '1900-03-01' });
    expect(parseDate('2958465', 'excel')).toEqual({ date: '9999-12-31' });
  });

  it('reads a fractional serial as a time of day', () => {
    expect(parseDate('44259.75', 'excel')).toEqual({ date: '2021-03-04T18:00' });
  });

  it('rejects serials out of range', () => {
    expect(parseDate('0', 'excel')).toHaveProperty('error');
    expect(parseDate('2958466', 'excel')).toHaveProperty('error');
  });

  it('reads four digits from 1800 to 2100 as a year in auto, and as a serial in excel', () => {
    expect(parseDate('2021', 'auto')).toEqual({ date: '2021' });
    expect(parseDate('1800', 'auto')).toEqual({ date: '1800' });
    expect(parseDate('2101', 'auto')).toEqual({ date: '1905-10-01' });
    expect(parseDate('2021', 'excel')).toEqual({ date: '1905-07-13' });
  });

  it('reads no serials in dayfirst, and only serials and ISO in excel', () => {
    expect(parseDate('44259', 'dayfirst')).toHaveProperty('error');
    expect(parseDate('2021-03-04', 'excel')).toEqual({ date: '2021-03-04' });
    expect(parseDate('04/03/2021', 'excel')).toHaveProperty('error');
  });
});

describe('monthfirst', () => {
  it('reads numeric dates month-first', () => {
    expect(parseDate('12/31/2021', 'monthfirst')).toEqual({ date: '2021-12-31' });
    expect(parseDate('03/04/2021', 'monthfirst')).toEqual({ date: '2021-03-04' });
    expect(parseDate('3.4.21 10:30', 'monthfirst')).toEqual({ date: '2021-03-04T10:30' });
    expect(parseDate('Mar 4 2021', 'monthfirst')).toEqual({ date: '2021-03-04' });
  });

  it('still reads ISO and named-month dates', () => {
    expect(parseDate('2021-03-04', 'monthfirst')).toEqual({ date: '2021-03-04' });
    expect(parseDate('4 Mar 2021', 'monthfirst')).toEqual({ date: '2021-03-04' });
  });

  it('rejects a day-first date that is impossible month-first', () => {
    expect(parseDate('31/12/2021', 'monthfirst')).toEqual({ error: 'impossible date "31/12/2021"' });
  });
});

describe('date-fns patterns', () => {
  it('reads a value in the pattern', () => {
    expect(parseDate('2021.03.04', { pattern: 'yyyy.MM.dd' })).toEqual({ date: '2021-03-04' });
    expect(parseDate('04.03.21 22:15', { pattern: 'dd.MM.yy HH:mm' })).toEqual({ date: '2021-03-04T22:15' });
    expect(parseDate('MAR 4, 2021', { pattern: 'MMM d, yyyy' })).toEqual({ date: '2021-03-04' });
  });

  it('takes the precision from the tokens', () => {
    expect(parseDate('03/2021', { pattern: 'MM/yyyy' })).toEqual({ date: '2021-03' });
    expect(parseDate('FY 2021', { pattern: "'FY' yyyy" })).toEqual({ date: '2021' });
  });

  it('is strict: impossible, partial or differently padded values are errors', () => {
    expect(parseDate('31/02/2021', { pattern: 'dd/MM/yyyy' })).toMatchObject({ error: expect.stringContaining('"31/02/2021"') });
    expect(parseDate('4/3/2021', { pattern: 'dd/MM/yyyy' })).toHaveProperty('error');
    expect(parseDate('04/03/2021 extra', { pattern: 'dd/MM/yyyy' })).toHaveProperty('error');
  });

  it('refuses a pattern without a year or that date-fns cannot use', () => {
    expect(parseDate('04/03', { pattern: 'dd/MM' })).toEqual({ error: 'date pattern "dd/MM" has no year (y)' });
    expect(parseDate('2021', { pattern: 'yyyy j' })).toHaveProperty('error');
  });
});

describe('isAmbiguousDayMonth', () => {
  it.each([
    ['03/04/2021', true],
    ['3.4.21', true],
    ['04/04/2021', false],
    ['13/04/2021', false],
    ['2021-03-04', false],
    ['4 Mar 2021', false],
  ])('%j → %s', (value, ambiguous) => {
    expect(isAmbiguousDayMonth(value)).toBe(ambiguous);
  });
});

describe('UK local time of a zoned date-time', () => {
  const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  /** What Intl says the UK clock showed at a moment: the reference the memoised arithmetic must agree with. */
  const expected = (ms: number): string => {
    const p = Object.fromEntries(london.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  };

  it('agrees with Intl on moments every 7,919 minutes from 1900 to 2100, and each minute around the 2020-2030 clock changes', () => {
    const moments: number[] = [];
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 7919 * 60_000) moments.push(ms);
    for (let year = 2020; year <= 2030; year += 1) {
      for (const month of [2, 9]) {
        for (let day = 24; day <= 31; day += 1) {
          for (let minute = -90; minute <= 90; minute += 1) moments.push(Date.UTC(year, month, day, 1, minute));
        }
      }
    }
    for (const ms of moments) {
      const utc = new Date(ms).toISOString().slice(0, 16);
      expect(parseDate(`${utc}Z`, 'auto'), utc).toEqual({ date: expected(ms), zoned: true });
    }
  });
});
