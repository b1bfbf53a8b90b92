import { z } from 'zod';
import { HouseholdAnalysisSchema, PersonAnalysisSchema } from '../analyse/schema.js';
import { EventAnnotation, PersonAnnotation } from './annotations.js';
import { PartialDate } from './date.js';
import { Rejected, SourceRef, Warning } from './record.js';
import { EventType, Severity } from './vocabulary.js';

/** Per-file counts: every row read is accepted, rejected or skipped. */
export const FileSummaryOutput = z.object({
  file: z.string(),
  format: z.string().optional(),
  encoding: z.string().optional(),
  mapping: z.string().optional(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
  warned: z.number().int(),
  notes: z.array(z.string()),
  error: z.string().optional().describe('set when the file could not be read at all'),
});

export const SummaryOutput = z.object({
  files: z.array(FileSummaryOutput),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
  warned: z.number().int(),
  persons: z.number().int().optional(),
  events: z.number().int().optional(),
  annotations: z
    .object({
      file: z.string(),
      events: z.number().int().describe('event annotations applied'),
      persons: z.number().int().describe('person annotations applied'),
      excluded: z.array(z.string()).describe('events left out of the chronology shown (relevance: exclude), still counted'),
      unknown: z.array(z.string()).describe('annotated ids not in this chronology: kept in the file, shown nowhere else'),
    })
    .optional(),
  since: z
    .object({
      file: z.string(),
      new: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      gone: z.array(z.string()).describe('event ids in the earlier output that are not in this one'),
      persons: z
        .array(
          z.object({
            person: z.string(),
            level: z.object({ from: z.string().nullable(), to: z.string() }).optional(),
            indicators_new: z.array(z.string()),
            indicators_gone: z.array(z.string()),
          }),
        )
        .optional()
        .describe('analyse: the persons whose level or indicators changed'),
    })
    .optional()
    .describe('with --since: what changed since the earlier output'),
});

export const SkippedOutput = SourceRef.extend({ reason: z.string() });

export const EventSourceOutput = SourceRef.extend({
  agency: z.string(),
  record_id: z.string().optional(),
  original: z.record(z.string(), z.string()).describe('the cells of the input row as read'),
});

export const EventOutput = z.object({
  id: z
    .string()
    .regex(/^E-[0-9A-HJKMNP-TV-Z]{6}(-\d+)?$/)
    .describe("stable: derived from the sources' agencies and record ids (or content when a record has none), never from position; see docs/merge.md"),
  person: z.string().describe("the linked person's id"),
  date: PartialDate.describe('the earliest date among the sources; its length gives its precision'),
  end_date: PartialDate.optional(),
  type: EventType,
  severity: Severity.optional(),
  agencies: z.array(z.string()).describe('the agencies that recorded it'),
  source: z.string().optional().describe('who caused the harm'),
  threshold_met: z.boolean().optional(),
  outcome: z.string().optional(),
  description: z.string().optional(),
  impact: z.string().optional(),
  sources: z.array(EventSourceOutput).describe('every input record merged into this event'),
  annotation: EventAnnotation.optional().describe('from --annotations'),
  change: z
    .enum(['new', 'updated', 'unchanged'])
    .optional()
    .describe('with --since: new (not in the earlier output), updated (its content or sources changed) or unchanged'),
  previous_id: z.string().optional().describe('with --since: its id in the earlier output, when a new source changed it (found by a shared record id)'),
});

export const PersonOutput = z.object({
  id: z
    .string()
    .regex(/^P-[0-9A-HJKMNP-TV-Z]{6}(-\d+)?$/)
    .describe("derived from the person's records: the smallest of the agencies' own person ids, else of the record keys; see docs/merge.md"),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  dob: PartialDate.optional(),
  sources: z.array(SourceRef).describe('every input record attributed to this person'),
  annotation: PersonAnnotation.optional().describe('from --annotations'),
});

export const ValidateOutput = z.object({
  summary: SummaryOutput,
  rejected: z.array(Rejected),
  skipped: z.array(SkippedOutput),
  warnings: z.array(Warning),
});

/** `chronology merge --format json`: the contract of PRODUCT.md, extended. */
export const MergeOutput = ValidateOutput.extend({
  events: z.array(EventOutput),
  persons: z.array(PersonOutput),
});
export type MergeOutput = z.infer<typeof MergeOutput>;
export type ValidateOutput = z.infer<typeof ValidateOutput>;

/** `chronology analyse --format json`: the contract of PRODUCT.md, extended. */
export const AnalyseOutput = ValidateOutput.extend({
  caution: z.string().describe('the analysis supports professional judgement; it does not replace it'),
  persons: z.array(PersonAnalysisSchema.extend({ annotation: PersonAnnotation.optional().describe('from --annotations') })),
  households: z.array(HouseholdAnalysisSchema),
  events: z.array(EventOutput).describe('every merged event, so that evidence ids can be looked up'),
});
export type AnalyseOutput = z.infer<typeof AnalyseOutput>;

/** One pair of records and the evidence for or against their being one person. */
export const PairOutput = z.object({
  a: SourceRef,
  b: SourceRef,
  rule: z
    .enum(['nhs_number', 'agency_person_id', 'score', 'unique_name', 'agency_names'])
    .describe(
      'unique_name: a record with no date of birth joined the one person whose name it fits; agency_names: two clusters with one family name and dob but different given names, no agency holding both, read as one child known by different names',
    ),
  linked: z.boolean().describe("the pair's own decision, before clustering"),
  reason: z
    .enum(['below_threshold', 'nhs_number', 'person_id', 'twins', 'namesakes', 'dob', 'chaining', 'ambiguous_name'])
    .optional()
    .describe('for a pair listed for review, why it was not linked'),
  probability: z.number(),
  weight: z.number().describe('prior plus the sum of the field weights (log2 odds)'),
  prior: z.number(),
  fields: z.array(
    z.object({
      field: z.string(),
      level: z.string().describe('the agreement level, e.g. exact, nickname, day_month_swapped, missing'),
      weight: z.number(),
      values: z.tuple([z.string().nullable(), z.string().nullable()]),
    }),
  ),
});

/** `chronology persons --format json`: each linked person, what each agency recorded, and why. */
export const PersonsOutput = z.object({
  summary: SummaryOutput,
  persons: z.array(
    PersonOutput.extend({
      identities: z.array(
        SourceRef.extend({
          agency: z.string(),
          person_id: z.string().optional(),
          nhs_number: z.string().optional(),
          given_name: z.string().optional(),
          family_name: z.string().optional(),
          dob: PartialDate.optional(),
          postcode: z.string().optional(),
          records: z.number().int().describe('records carrying this same identity'),
        }),
      ),
      links: z.array(PairOutput).describe('the links that formed the person'),
      weakest_link: z
        .object({ a: SourceRef, b: SourceRef, rule: z.enum(['score', 'unique_name', 'agency_names']), weight: z.number(), probability: z.number() })
        .optional()
        .describe("the person's weakest link made on weight (lowest weight): where to look first for a doubtful merge"),
    }),
  ),
  uncertain: z.array(PairOutput).describe('pairs for review: near the threshold, or refused by clustering (each with its reason)'),
  rejected: z.array(Rejected),
});
export type PersonsOutput = z.infer<typeof PersonsOutput>;
