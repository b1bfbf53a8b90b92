import { quote } from '../errors.js';
import { cellText, type FieldResult } from './field.js';

/** Whether ten digits carry a valid NHS mod-11 check digit (weights 10 down to 2). */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/**
 * An NHS number for linking, spaces and hyphens removed. One that fails its check digit, or a
 * placeholder such as 9999999999 (which passes it), would link strangers, so it is not used.
 */
export function parseNhsNumber(cell: string | undefined): FieldResult<string> {
  const text = cellText(cell);
  if (text === undefined) return {};
  const digits = text.replace(/[\s-]+/g, '');
  if (!/^\d{10}$/.test(digits)) return { warning: `invalid NHS number ${quote(text)} (not 10 digits), not used for linking` };
  if (!isValidNhsNumber(digits)) return { warning: `invalid NHS number ${quote(text)} (check digit), not used for linking` };
  if (/^(\d)\1{9}$/.test(digits)) return { warning: `placeholder NHS number ${quote(text)}, not used for linking` };
  return { value: digits };
}
