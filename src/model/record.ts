import { z } from 'zod';
import { PartialDate } from './date.js';
import { EventType, Severity } from './vocabulary.js';

/** Where an input record starts: the path as given on the command line and its 1-based line. */
export const SourceRef = z.object({
  file: z.string(),
  line: z.number().int().positive(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** A row as a reader yields it: cell values keyed by normalised header (see normaliseHeader). */
export interface RawRow extends SourceRef {
  values: Record<string, string>;
}

/** A record that could not be used; the run goes on without it. */
export const Rejected = SourceRef.extend({
  reason: z.string(),
});
export type Rejected = z.infer<typeof Rejected>;

/** A problem with a record that was kept (an unknown type, an invalid NHS number...). */
export const Warning = SourceRef.extend({
  field: z.string().optional(),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

export const PersonName = z.object({
  given: z.string().optional(),
  family: z.string().optional(),
});
export type PersonName = z.infer<typeof PersonName>;

/**
 * The canonical, normalised chronology record: one thing that happened to, or was
 * recorded about, one person (PRODUCT.md). Free-text and code fields are trimmed;
 * empty cells are absent.
 */
export const ChronologyRecord = SourceRef.extend({
  agency: z.string(),
  record_id: z.string().optional(),
  person_id: z.string().optional(),
  /** A 10-digit NHS number whose mod-11 check digit is valid; an invalid one is never kept here. */
  nhs_number: z.string().regex(/^\d{10}$/).optional(),
  name: PersonName,
  dob: PartialDate.optional(),
  address: z.string().optional(),
  postcode: z.string().optional(),
  household_id: z.string().optional(),
  date: PartialDate,
  end_date: PartialDate.optional(),
  type: EventType,
  severity: Severity.optional(),
  source: z.string().optional(),
  threshold_met: z.boolean().optional(),
  outcome: z.string().optional(),
  description: z.string().optional(),
  impact: z.string().optional(),
  /** The cells as they were read, keyed by normalised header, for explanation and export. */
  original: z.record(z.string(), z.string()),
});
export type ChronologyRecord = z.infer<typeof ChronologyRecord>;

export function refKey(ref: SourceRef): string {
  return `${ref.file}:${ref.line}`;
}

/** Orders references by file then line, the order they appear in the inputs. */
export function compareRefs(a: SourceRef, b: SourceRef): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}
