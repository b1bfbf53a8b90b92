import { format as formatDate } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { quote } from '../errors.js';
import { dayNumber, fromDayNumber, type PartialDate } from '../model/date.js';
import type { DateFormat } from '../model/stages.js';

/** `zoned`: the value gave a time with a zone (Z or an offset) and was converted to UK local time. */
export type DateResult = { date: PartialDate; zoned?: true } | { error: string; monthFirst?: boolean };

const MONTHS = new Map<string, number>([
  ['jan', 1], ['january', 1], ['feb', 2], ['february', 2], ['mar', 3], ['march', 3],
  ['apr', 4], ['april', 4], ['may', 5], ['jun', 6], ['june', 6], ['jul', 7], ['july', 7],
  ['aug', 8], ['august', 8], ['sep', 9], ['sept', 9], ['september', 9], ['oct', 10], ['october', 10],
  ['nov', 11], ['november', 11], ['dec', 12], ['december', 12],
]);

/** An optional time after a date: 22:15, 22:15:30 or 22:15:30.123. */
const TIME = String.raw`(?:(?:\s*,\s*|\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}(Z|[+-]\d{2}(?::?\d{2})?)?$`, 'i');
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`, 'i');
const DAY_NAMED_MONTH = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})${TIME}$`,
  'i',
);
const NAMED_MONTH_DAY = new RegExp(String.raw`^([a-z]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})${TIME}$`, 'i');
const NAMED_MONTH_YEAR = /^([a-z]+)\.?[\s-]+(\d{4})$/i;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^\d{4}$/;
const SERIAL = /^\d{1,7}(\.\d+)?$/;

const LAST_EXCEL_SERIAL = 2_958_465;
/** Excel's day 0 is 1899-12-31 for serials before its phantom 29 Feb 1900, 1899-12-30 after it. */
const EXCEL_DAY_ZERO_BEFORE_PHANTOM = dayNumber(1899, 12, 31);
const EXCEL_DAY_ZERO_AFTER_PHANTOM = dayNumber(1899, 12, 30);
const MINUTES_PER_DAY = 1440;

/** Two-digit years pivot as POSIX strptime does: 00-69 are 2000-2069, 70-99 are 1970-1999. */
export function pivotTwoDigitYear(twoDigits: number): number {
  return twoDigits < 70 ? 2000 + twoDigits : 1900 + twoDigits;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Arithmetic rather than the model's Date-based daysInMonth: this runs for every date of every row. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface Time {
  hour: number;
  minute: number;
  second: number;
}

function timeOf(hour?: string, minute?: string, second?: string): Time | undefined {
  if (hour === undefined || minute === undefined) return undefined;
  return { hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) };
}

/**
 * The PartialDate for calendar parts, or undefined when they are impossible. Times keep the
 * minute only, so the same moment written with or without seconds compares equal.
 */
function buildDate(year: number, month?: number, day?: number, time?: Time): PartialDate | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (month === undefined) return pad(year, 4);
  if (month < 1 || month > 12) return undefined;
  if (day === undefined) return `${pad(year, 4)}-${pad(month)}`;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  const ymd = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (!time) return ymd;
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return undefined;
  return `${ymd}T${pad(time.hour)}:${pad(time.minute)}`;
}

const unreadable = (value: string, why = ''): DateResult => ({
  error: `unreadable date ${quote(value)}${why ? ` (${why})` : ''}`,
});
const impossible = (value: string, why = ''): DateResult => ({
  error: `impossible date ${quote(value)}${why ? ` (${why})` : ''}`,
});

function result(value: string, date: PartialDate | undefined): DateResult {
  return date === undefined ? impossible(value) : { date };
}

function yearOf(text: string): number {
  return text.length === 2 ? pivotTwoDigitYear(Number(text)) : Number(text);
}

/** Excel's 1900 date system, whose serial 60 is a 29 February 1900 that never was; a fraction is the time of day. */
function fromExcelSerial(value: string): DateResult {
  const serial = Number(value);
  const whole = Math.floor(serial);
  if (whole === 60) return { error: `impossible date ${quote(value)}: 29/02/1900 does not exist (Excel's phantom leap day)` };
  if (whole < 1 || whole > LAST_EXCEL_SERIAL) return impossible(value, `Excel serials run from 1 to ${LAST_EXCEL_SERIAL}`);
  const dayZero = whole < 60 ? EXCEL_DAY_ZERO_BEFORE_PHANTOM : EXCEL_DAY_ZERO_AFTER_PHANTOM;
  const day = fromDayNumber(dayZero + whole);
  if (Number.isInteger(serial)) return { date: day };
  const minutes = Math.min(Math.round((serial - whole) * MINUTES_PER_DAY), MINUTES_PER_DAY - 1);
  return { date: `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
}

/** UK local time, summer time included: the zone every chronology is read in (docs/profiles.md, "Dates and times"). */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Minutes east of UTC that a `Z`, `+01`, `+0100` or `-05:30` zone gives, or undefined when it is no zone. */
function zoneMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const [hours, minutes] = [Number(m[2]), Number(m[3] ?? 0)];
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic (H. Hinnant's days_from_civil): no Date per value. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The ISO date of a day number, the inverse of daysFromCivil. */
function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
/** Most hours the offset memo keeps before it is emptied, bounding its memory. */
const MAX_OFFSET_MEMO = 1 << 16;
/** London's offset from UTC in minutes, by UTC hour: the clocks change on the hour, and asking Intl costs about 14 µs. */
const londonOffsets = new Map<number, number>();

function londonOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / MS_PER_HOUR);
  let offset = londonOffsets.get(hour);
  if (offset === undefined) {
    const parts = Object.fromEntries(LONDON.formatToParts(new Date(hour * MS_PER_HOUR)).map((p) => [p.type, Number(p.value)]));
    const local = daysFromCivil(parts.year ?? 0, parts.month ?? 1, parts.day ?? 1) * MINUTES_PER_DAY + (parts.hour ?? 0) * 60 + (parts.minute ?? 0);
    offset = local - hour * 60;
    if (londonOffsets.size >= MAX_OFFSET_MEMO) londonOffsets.clear();
    londonOffsets.set(hour, offset);
  }
  return offset;
}

/** The minutes the zone conversion works within: a day inside the years 0001 to 9999 at either end, so the result stays inside them. */
const FIRST_UTC_MINUTE = daysFromCivil(1, 1, 2) * MINUTES_PER_DAY;
const LAST_UTC_MINUTE = daysFromCivil(9999, 12, 31) * MINUTES_PER_DAY;

/** The UK local date and time of a moment given as a date, a time and a zone's offset from UTC; undefined outside 0001-9999. */
function inLondon(date: PartialDate, offsetMinutes: number): PartialDate | undefined {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const [hour, minute] = [Number(date.slice(11, 13)), Number(date.slice(14, 16))];
  const utc = daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute - offsetMinutes;
  if (utc < FIRST_UTC_MINUTE || utc >= LAST_UTC_MINUTE) return undefined;
  const local = utc + londonOffsetMinutes(utc * MS_PER_MINUTE);
  const minutes = ((local % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${civilFromDays(Math.floor(local / MINUTES_PER_DAY))}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function fromIso(value: string, m: RegExpExecArray): DateResult {
  const date = buildDate(Number(m[1]), Number(m[2]), Number(m[3]), timeOf(m[4], m[5], m[6]));
  const zone = m[7];
  // A zone on a date without a time changes nothing: the day is the day the source wrote.
  if (date === undefined || zone === undefined || m[4] === undefined) return result(value, date);
  const offset = zoneMinutes(zone);
  if (offset === undefined) return impossible(value, `no such time zone offset ${quote(zone)}`);
  const local = inLondon(date, offset);
  return local === undefined ? impossible(value, 'outside the years 0001 to 9999 in UK local time') : { date: local, zoned: true };
}

function fromNumeric(value: string, m: RegExpExecArray, monthFirst: boolean): DateResult {
  const first = Number(m[1]);
  const second = Number(m[3]);
  const [day, month] = monthFirst ? [second, first] : [first, second];
  if (!monthFirst && month > 12 && month <= 31 && day >= 1 && day <= 12) {
    return { error: `impossible day-first date ${quote(value)} (looks month-first)`, monthFirst: true };
  }
  return result(value, buildDate(yearOf(m[4] ?? ''), month, day, timeOf(m[5], m[6], m[7])));
}

function fromNamedMonth(value: string, monthName: string, day: string | undefined, year: string, time?: Time): DateResult {
  const month = MONTHS.get(monthName.toLowerCase());
  if (month === undefined) return unreadable(value, `unknown month ${quote(monthName)}`);
  return result(value, buildDate(yearOf(year), month, day === undefined ? undefined : Number(day), time));
}

/** The calendar forms every format except `excel` reads: ISO, numeric, named months and partial dates. */
function fromCalendarText(value: string, monthFirst: boolean): DateResult | undefined {
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(value))) return fromIso(value, m);
  if ((m = NUMERIC.exec(value))) return fromNumeric(value, m, monthFirst);
  if ((m = DAY_NAMED_MONTH.exec(value))) return fromNamedMonth(value, m[2] ?? '', m[1], m[3] ?? '', timeOf(m[4], m[5], m[6]));
  if ((m = NAMED_MONTH_DAY.exec(value))) {
    if (!monthFirst) return unreadable(value, 'month before day is ambiguous: write it as 4 Mar 2021');
    return fromNamedMonth(value, m[1] ?? '', m[2], m[3] ?? '', timeOf(m[4], m[5], m[6]));
  }
  if ((m = NAMED_MONTH_YEAR.exec(value))) return fromNamedMonth(value, m[1] ?? '', undefined, m[2] ?? '');
  if ((m = YEAR_MONTH.exec(value))) return result(value, buildDate(Number(m[1]), Number(m[2])));
  return undefined;
}

/**
 * In `auto`, a bare number is an Excel serial unless it has exactly four digits from 1800 to
 * 2100 or a leading zero, which is a year: serials 1800-2100 are dates in 1904-1905, which no chronology holds.
 */
function isPlausibleYear(value: string): boolean {
  // Excel never writes a serial with a leading zero, so 0001 is the year 1.
  return YEAR.test(value) && ((Number(value) >= 1800 && Number(value) <= 2100) || value.startsWith('0'));
}

/** A reference date for date-fns `parse`: with 2020, `yy` pivots as pivotTwoDigitYear does. */
const PATTERN_REFERENCE = new Date(2020, 0, 1);

function patternPrecision(pattern: string): 'year' | 'month' | 'day' | 'time' | undefined {
  const tokens = pattern.replace(/'[^']*'?/g, '');
  if (!/[yu]/.test(tokens)) return undefined;
  if (!/[ML]/.test(tokens)) return 'year';
  if (!/d/.test(tokens)) return 'month';
  return /[HhkK]/.test(tokens) ? 'time' : 'day';
}

/** A date-fns pattern, read strictly: the date must format back to the value as written. */
function fromPattern(value: string, pattern: string): DateResult {
  const precision = patternPrecision(pattern);
  if (!precision) return { error: `date pattern ${quote(pattern)} has no year (y)` };
  let parsed: Date;
  let written: string;
  try {
    parsed = parse(value, pattern, PATTERN_REFERENCE);
    if (!isValid(parsed)) return unreadable(value, `expected ${quote(pattern)}`);
    written = formatDate(parsed, pattern);
  } catch {
    return { error: `invalid date pattern ${quote(pattern)}` };
  }
  if (written.toLowerCase() !== value.toLowerCase()) return unreadable(value, `expected ${quote(pattern)}`);
  const year = parsed.getFullYear();
  const month = precision === 'year' ? undefined : parsed.getMonth() + 1;
  const day = precision === 'year' || precision === 'month' ? undefined : parsed.getDate();
  const time = precision === 'time' ? { hour: parsed.getHours(), minute: parsed.getMinutes(), second: 0 } : undefined;
  return result(value, buildDate(year, month, day, time));
}

/**
 * Reads one date cell as the given format. Never guesses: an ambiguous, impossible or
 * unreadable value is an error quoting it, and a day-first reading of a value that only
 * makes sense month-first (12/31/2021) is flagged `monthFirst` for the file-level note.
 */
export function parseDate(raw: string, format: DateFormat): DateResult {
  const value = raw.trim();
  if (value === '') return unreadable(value, 'empty');
  if (typeof format === 'object') return fromPattern(value, format.pattern);
  if (format === 'excel') {
    const iso = ISO.exec(value);
    if (iso) return fromIso(value, iso);
    return SERIAL.test(value) ? fromExcelSerial(value) : unreadable(value, 'expected an Excel serial number');
  }
  if (YEAR.test(value) && (format !== 'auto' || isPlausibleYear(value))) return result(value, buildDate(Number(value)));
  if (format === 'auto' && SERIAL.test(value)) return fromExcelSerial(value);
  return fromCalendarText(value, format === 'monthfirst') ?? unreadable(value);
}

/**
 * Whether a numeric date reads differently day-first and month-first (03/04/2021), so that
 * in a file whose dates look month-first it cannot be trusted either way.
 */
export function isAmbiguousDayMonth(raw: string): boolean {
  const m = NUMERIC.exec(raw.trim());
  if (!m) return false;
  const first = Number(m[1]);
  const second = Number(m[3]);
  return first >= 1 && first <= 12 && second >= 1 && second <= 12 && first !== second;
}
