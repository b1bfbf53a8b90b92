import { quote } from '../errors.js';
import { SEVERITY_WORDS, type Severity } from '../model/vocabulary.js';
import { cellText, type FieldResult } from './field.js';

/** A whole number, allowing the `3.0` that spreadsheets write. */
const WHOLE_NUMBER = /^[+-]?\d+(\.0*)?$/;

/** Severity 1-5 or its word (low, moderate, significant, serious, critical); anything else is not used. */
export function parseSeverity(cell: string | undefined): FieldResult<Severity> {
  const text = cellText(cell);
  if (text === undefined) return {};
  const wordIndex = SEVERITY_WORDS.indexOf(text.toLowerCase() as (typeof SEVERITY_WORDS)[number]);
  if (wordIndex >= 0) return { value: (wordIndex + 1) as Severity };
  if (WHOLE_NUMBER.test(text)) {
    const n = Number(text);
    if (n >= 1 && n <= 5) return { value: n as Severity };
    return { warning: `severity ${quote(text)} is outside 1-5, not used` };
  }
  return { warning: `unreadable severity ${quote(text)} (1-5 or ${SEVERITY_WORDS.join('/')}), not used` };
}
