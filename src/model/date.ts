import { z } from 'zod';

/**
 * A date as the source recorded it, in ISO form that keeps its precision:
 * `2021` (year), `2021-03` (month), `2021-03-04` (day) or `2021-03-04T22:15` (time).
 * Strings of this form sort chronologically.
 */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?$/, 'an ISO date: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM');
export type PartialDate = string;

export type DatePrecision = 'year' | 'month' | 'day' | 'time';

export function precisionOf(date: PartialDate): DatePrecision {
  if (date.length === 4) return 'year';
  if (date.length === 7) return 'month';
  if (date.length === 10) return 'day';
  return 'time';
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (negative before), for a whole calendar day. */
export function dayNumber(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return Math.round(d.getTime() / MS_PER_DAY);
}

export function fromDayNumber(days: number): PartialDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1);
}

/** The first and last day a partial date can mean: `2021-03` is 1 to 31 March. */
export function dayRange(date: PartialDate): [first: number, last: number] {
  const year = Number(date.slice(0, 4));
  const p = precisionOf(date);
  if (p === 'year') return [dayNumber(year, 1, 1), dayNumber(year, 12, 31)];
  const month = Number(date.slice(5, 7));
  if (p === 'month') return [dayNumber(year, month, 1), dayNumber(year, month, daysInMonth(year, month))];
  const day = dayNumber(year, month, Number(date.slice(8, 10)));
  return [day, day];
}

/** The day a date is placed on for ordering and intervals: its first possible day. */
export function startDay(date: PartialDate): number {
  return dayRange(date)[0];
}

/** Whole years between a date of birth and a date, or undefined when either is too coarse. */
export function ageAt(dob: PartialDate | undefined, date: PartialDate): number | undefined {
  if (!dob || precisionOf(dob) === 'year' || precisionOf(date) === 'year') return undefined;
  const [by, bm, bd] = [Number(dob.slice(0, 4)), Number(dob.slice(5, 7)), Number(dob.slice(8, 10)) || 1];
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)) || 1];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
