import { z } from 'zod';
import { PartialDate } from '../model/date.js';
import { SourceRef } from '../model/record.js';
import { EventType, Severity } from '../model/vocabulary.js';

/** The JSON output of the analyse stage: the single source of truth for its shape and its JSON Schema. */

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1).describe('a fraction between 0 and 1, rounded to 3 decimals');
const EventIds = z.array(z.string()).describe('evidence event ids, sorted');

/**
 * How far the indicators reach, lowest first. The names count findings; none of them is a legal threshold
 * ("significant harm" is the Children Act's). `not_assessed`: a person whose records show them only as the
 * source of harm to someone else gets no level of their own.
 */
export const LEVELS = ['not_assessed', 'none', 'emerging', 'marked', 'extensive'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

export const INDICATOR_SEVERITIES = ['info', 'concern', 'serious'] as const;
export const IndicatorSeverity = z.enum(INDICATOR_SEVERITIES);
export type IndicatorSeverity = z.infer<typeof IndicatorSeverity>;

export const SOURCE_CATEGORIES = ['intra_familial', 'extra_familial', 'self', 'unknown'] as const;
export const SourceCategory = z.enum(SOURCE_CATEGORIES);
export type SourceCategory = z.infer<typeof SourceCategory>;

export const ParamValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);
export type ParamValue = z.infer<typeof ParamValue>;

export const FrequencySchema = z.object({
  concerns: Count.describe('events whose type is a harm, household or presentation concern'),
  by_type: z.record(z.string(), Count).describe('events of each type, every group included'),
  by_year: z.record(z.string(), Count).describe('concerns per calendar year'),
  peak_window: z
    .object({ days: Count, count: Count, start: PartialDate, events: EventIds })
    .optional()
    .describe('the rolling window holding the most concerns'),
  acceleration: z
    .object({ earlier_half: Count, later_half: Count, accelerating: z.boolean() })
    .describe('concerns in the earlier and later half of the span from first to last concern'),
  intervals: z
    .object({ min: z.number(), median: z.number(), max: z.number() })
    .optional()
    .describe('days between consecutive concerns'),
});

export const ConcernTypeSchema = z.object({
  type: EventType,
  group: z.enum(['harm', 'household', 'presentation']),
  count: Count,
  first: PartialDate,
  last: PartialDate,
});

export const TypeSchema = z.object({
  concern_types: z.array(ConcernTypeSchema).describe('most recorded first'),
  harm_types: z.array(EventType).describe('distinct harm types, alphabetical'),
  most_referred: EventType.optional().describe('the concern type recorded most often'),
  beyond_most_referred: z.array(EventType).describe('the other concern types: harm beyond the presenting concern'),
  co_occurring: z.array(
    z.object({ types: z.tuple([EventType, EventType]), window_days: Count, events: EventIds }),
  ),
  neglect_with_other_abuse: z.boolean(),
});

export const SeveritySchema = z.object({
  distribution: z.object({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count, unknown: Count }),
  max: Severity.optional(),
  trend: z
    .object({
      rated: Count,
      first_third_mean: z.number().optional(),
      last_third_mean: z.number().optional(),
      rise: z.number().optional(),
    })
    .describe('mean severity of the latest third of rated concerns against the earliest third'),
  trend_by_type: z
    .array(
      z.object({
        type: EventType,
        rated: Count,
        first_third_mean: z.number(),
        last_third_mean: z.number(),
        rise: z.number(),
        events: EventIds,
      }),
    )
    .describe('the same comparison within each concern type with at least 3 rated events'),
  low_level: z.object({ max_severity: Severity, count: Count, share: Share.optional() }),
});

export const SourceSchema = z.object({
  sources: z.array(
    z.object({
      source: z.string(),
      category: SourceCategory,
      count: Count,
      events: EventIds,
      person: z.string().optional().describe('the linked person the records identify as holding this role'),
    }),
  ),
  people: z
    .array(z.object({ person: z.string(), name: z.string().optional(), roles: z.array(z.string()), count: Count, events: EventIds }))
    .describe('the people the records identify as the source of harm, each counted once whatever roles name them'),
  unresolved_roles: z.array(z.string()).describe('known roles (self apart) the records do not tie to one person'),
  by_category: z.object({ intra_familial: Count, extra_familial: Count, self: Count, unknown: Count }),
  unrecorded: Count.describe('harm events without a recorded source'),
});

const EpisodeSchema = z.object({ start: PartialDate, end: PartialDate, days: Count, concerns: Count });

export const DurationSchema = z.object({
  first: PartialDate.optional(),
  last: PartialDate.optional(),
  span_days: Count.optional(),
  episode_gap_days: Count,
  episodes: z.array(EpisodeSchema),
  longest_episode: EpisodeSchema.optional(),
  plans: z.object({
    days: Count.describe('days under any plan, overlaps counted once'),
    periods: z.array(
      z.object({
        event: z.string(),
        start: PartialDate,
        end: PartialDate,
        ended_by: z.enum(['end_date', 'case_closure', 'last_event']),
      }),
    ),
  }),
  referrals: z.object({
    total: Count,
    threshold_met: Count,
    threshold_not_met: Count,
    share_not_met: Share.optional().describe('of the referrals with a recorded threshold decision'),
  }),
});

export const SystemSchema = z.object({
  referrals_below_threshold: EventIds,
  closed_before_engagement: EventIds,
  start_again: z.array(
    z.object({
      closure: z.string(),
      closed: PartialDate,
      referral: z.string().optional(),
      referred: PartialDate.optional().describe('the date of the new referral'),
      recurrence: EventIds.describe('the concerns of a type seen before the closure that the new referral is about'),
      types: z.array(EventType),
      days: Count.describe('from the closure to the new referral (without one, to the first recurrence)'),
    }),
  ),
  single_agency_concerns: z
    .array(z.object({ type: EventType, agency: z.string(), events: EventIds }))
    .describe('concern types recorded by one agency only: who recorded them, not who knew of them'),
  disagreements: z
    .array(
      z.object({
        event: z.string(),
        date: PartialDate,
        about: z.array(z.enum(['severity', 'threshold', 'outcome'])),
        accounts: z.array(
          z.object({
            agency: z.string(),
            severity: Severity.optional(),
            threshold_met: z.boolean().optional(),
            outcome: z.string().optional(),
          }),
        ),
      }),
    )
    .describe('merged events whose agencies disagree: severity apart by the set gap, threshold met and not, closing and escalating'),
  missed_appointments: z.object({ total: Count, health: Count, events: EventIds }),
  long_gaps: z.array(
    z.object({ from: z.string(), to: z.string(), start: PartialDate, end: PartialDate, days: Count }),
  ),
});

export const STRENGTH_KINDS = ['safety', 'protective', 'resilience'] as const;

export const StrengthSchema = z.object({
  event: z.string(),
  kind: z
    .enum(STRENGTH_KINDS)
    .describe('safety: someone stepped in (001); protective: a protective factor; resilience: the person coping, which must not hide the risks (000)'),
  person: z.string(),
  date: PartialDate,
  description: z.string().optional(),
});

export const IndicatorSchema = z.object({
  code: z.string(),
  summary: z.string().describe('a plain-English finding for a practitioner'),
  severity: IndicatorSeverity,
  rule: z.object({
    id: z.string(),
    description: z.string(),
    threshold: z.record(z.string(), ParamValue).describe('the parameter values that applied'),
  }),
  events: EventIds,
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const PersonAnalysisSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  dob: PartialDate.optional(),
  role: z.enum(['child', 'adult', 'unknown']).describe('child when under 18 at the last event'),
  household: z.string().optional(),
  sources: z.array(SourceRef).describe('every input record attributed to the person'),
  events: z.array(z.string()),
  frequency: FrequencySchema,
  type: TypeSchema,
  severity: SeveritySchema,
  source: SourceSchema,
  duration: DurationSchema,
  system: SystemSchema,
  strengths: z.array(StrengthSchema).describe("safety, protective factors and resilience beside the risks, the household's included"),
  caring_roles: z
    .array(StrengthSchema.omit({ kind: true }))
    .describe('strength events that record a caring role (a young carer): a need, not a strength'),
  indicators: z.array(IndicatorSchema),
  level: Level,
  level_reason: z.string(),
});
export type PersonAnalysis = z.infer<typeof PersonAnalysisSchema>;
export type Role = PersonAnalysis['role'];

export const HouseholdAnalysisSchema = z.object({
  id: z.string(),
  members: z.array(z.string()),
  basis: z.array(z.string()).describe('why the members are one household'),
});
export type HouseholdAnalysis = z.infer<typeof HouseholdAnalysisSchema>;

export const AnalysisSchema = z.object({
  persons: z.array(PersonAnalysisSchema),
  households: z.array(HouseholdAnalysisSchema),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export type Frequency = z.infer<typeof FrequencySchema>;
export type TypeDimension = z.infer<typeof TypeSchema>;
export type SeverityDimension = z.infer<typeof SeveritySchema>;
export type SourceDimension = z.infer<typeof SourceSchema>;
export type Duration = z.infer<typeof DurationSchema>;
export type SystemPattern = z.infer<typeof SystemSchema>;
export type Strength = z.infer<typeof StrengthSchema>;
