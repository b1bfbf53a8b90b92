/**
 * The contracts between pipeline stages. Each stage between reading and rendering is a pure
 * function of its inputs: no file system, console, clock or colour.
 *
 *   read (src/read) → normalise (src/normalise) → link (src/link) → merge (src/merge)
 *   → analyse (src/analyse) → render (src/render)
 */
import type { PartialDate } from './date.js';
import type { ChronologyRecord, Rejected, SourceRef, Warning } from './record.js';
import type { EventAnnotation, PersonAnnotation } from './annotations.js';
import type { EventType, Severity } from './vocabulary.js';

/** How a date column is written. `auto` reads ISO, day-first, named months, partial dates and Excel serials. */
export type DateFormat = 'auto' | 'dayfirst' | 'monthfirst' | 'excel' | { pattern: string };

export interface NormaliseOptions {
  /** The agency for rows that do not name one (from `--agency`, a YAML `agency:` or a profile). */
  agency?: string;
  dateFormats?: Partial<Record<'date' | 'end_date' | 'dob', DateFormat>>;
}

/** What normalising one file's rows produced. Every row is in exactly one of records and rejected. */
export interface NormalisedFile {
  records: ChronologyRecord[];
  rejected: Rejected[];
  warnings: Warning[];
  /** File-level observations for the user, e.g. that the dates look month-first. */
  notes: string[];
}

/** One person as linkage found them: a cluster of records. */
export interface Person {
  /** Derived from the person's records (agency person ids, else record ids), e.g. `P-4KX2QM`; see docs/merge.md. */
  id: string;
  /** Indices into the records array, ascending. */
  records: number[];
  /** The fullest name and the most-attested date of birth among the records, for display. */
  name: { given?: string; family?: string };
  dob?: PartialDate;
  /** From `--annotations`. */
  annotation?: PersonAnnotation;
}

/** One merged event: one occurrence, with every input record that described it. */
export interface EventSource extends SourceRef {
  agency: string;
  record_id?: string;
  /** The index of the record in the records array. */
  record: number;
}

export interface ChronologyEvent {
  /** Derived from the sources' agencies and record ids, e.g. `E-7F3K2Q`; see docs/merge.md. */
  id: string;
  /** The linked person's id. */
  person: string;
  /** The earliest date among the sources. */
  date: PartialDate;
  end_date?: PartialDate;
  type: EventType;
  /** The highest severity among the sources. */
  severity?: Severity;
  /** The distinct agencies that recorded it, sorted. */
  agencies: string[];
  sources: EventSource[];
  source?: string;
  threshold_met?: boolean;
  outcome?: string;
  description?: string;
  impact?: string;
  /** The practitioner's annotation, from `--annotations`. */
  annotation?: EventAnnotation;
  /** Against the output `--since` names. */
  change?: 'new' | 'updated' | 'unchanged';
  /** With `--since`: the id the event had there, when a new anchor source changed it. */
  previous_id?: string;
}
