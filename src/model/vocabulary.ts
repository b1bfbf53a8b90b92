import { z } from 'zod';

/** The event-type vocabulary of PRODUCT.md, grouped as the brief groups it. */
export const HARM_TYPES = [
  'neglect',
  'physical_abuse',
  'emotional_abuse',
  'sexual_abuse',
  'domestic_abuse',
  'exploitation',
  'self_harm',
  'missing_episode',
  'injury',
  'online_harm',
] as const;

export const HOUSEHOLD_TYPES = [
  'parental_substance_misuse',
  'parental_mental_health',
  'parental_conflict',
  'parental_learning_needs',
  'housing',
  'poverty',
] as const;

export const PRESENTATION_TYPES = [
  'missed_appointment',
  'school_absence',
  'developmental_concern',
  'behaviour_concern',
  'health_concern',
] as const;

export const RESPONSE_TYPES = [
  'referral',
  'assessment',
  'plan',
  'case_closure',
  'strategy_meeting',
  'contact',
] as const;

export const BALANCE_TYPES = ['strength'] as const;

export const EVENT_TYPES = [
  ...HARM_TYPES,
  ...HOUSEHOLD_TYPES,
  ...PRESENTATION_TYPES,
  ...RESPONSE_TYPES,
  ...BALANCE_TYPES,
  'other',
] as const;

export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

export type TypeGroup = 'harm' | 'household' | 'presentation' | 'response' | 'balance' | 'other';

const GROUP_OF = new Map<EventType, TypeGroup>([
  ...HARM_TYPES.map((t) => [t, 'harm'] as const),
  ...HOUSEHOLD_TYPES.map((t) => [t, 'household'] as const),
  ...PRESENTATION_TYPES.map((t) => [t, 'presentation'] as const),
  ...RESPONSE_TYPES.map((t) => [t, 'response'] as const),
  ...BALANCE_TYPES.map((t) => [t, 'balance'] as const),
  ['other', 'other'] as const,
]);

export function typeGroup(type: EventType): TypeGroup {
  return GROUP_OF.get(type) ?? 'other';
}

/** Severity words in order 1..5 (PRODUCT.md). */
export const SEVERITY_WORDS = ['low', 'moderate', 'significant', 'serious', 'critical'] as const;
export const Severity = z.number().int().min(1).max(5);
export type Severity = 1 | 2 | 3 | 4 | 5;

/** Canonical input columns (PRODUCT.md, "the canonical chronology record"). */
export const CANONICAL_COLUMNS = [
  'agency',
  'record_id',
  'person_id',
  'nhs_number',
  'name',
  'given_name',
  'family_name',
  'dob',
  'address',
  'postcode',
  'household_id',
  'date',
  'end_date',
  'type',
  'severity',
  'source',
  'threshold_met',
  'outcome',
  'description',
  'impact',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** `Record ID`, `Threshold-Met` and `threshold_met` are one column. */
export function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
