import { z } from 'zod';
import { EventType, HARM_TYPES, Severity } from '../model/vocabulary.js';
import { normaliseText } from './events.js';

/** The parts of the rules file that shape the five dimensions, source categories, households and levels. */

const Days = z.number().int().positive();
const Phrases = z.array(z.string().min(1));

export const AnalysisSettingsSchema = z
  .object({
    rolling_window_days: Days.describe('length of the rolling window for the peak count of concerns'),
    acceleration: z
      .object({
        min_concerns: z.number().int().min(2).describe('fewest concerns before acceleration is judged'),
        ratio: z.number().positive().describe('later half must hold at least this many times the earlier half'),
      })
      .strict(),
    co_occurrence_days: Days.describe('two concern types co-occur when their events fall this close together'),
    other_abuse_types: z
      .array(EventType)
      .refine((types) => types.every((t) => (HARM_TYPES as readonly string[]).includes(t)), 'only harm types')
      .describe('abuse that, alongside neglect, is highlighted'),
    low_severity_max: Severity.describe('severity at or below which a concern is low level'),
    episode_gap_days: Days.describe('a longer gap between concerns starts a new episode'),
    start_again: z
      .object({
        within_days: Days.describe('a recurrence this soon after a case closure'),
        require_referral: z.boolean().describe('also require a new referral in that time'),
        referral_days: z
          .number()
          .int()
          .nonnegative()
          .describe('a concern this close to the new referral (before or after) is what the referral is about'),
      })
      .strict(),
    closed_before_engagement: Phrases.describe('outcome phrases meaning the work ended before engagement'),
    health_agencies: Phrases.describe('agency names (parts of) that are health services'),
    long_gap_days: Days.describe('a longer silence between any two events, while concerns continue, is a gap'),
    disagreement: z
      .object({
        severity_gap: z.number().int().min(1).max(4).describe('severities of one event this far apart are a disagreement'),
        closing: Phrases.describe('outcome phrases meaning an agency closed or took no further action'),
        escalating: Phrases.describe('outcome phrases meaning an agency escalated (strategy discussion, s47, referral, ...)'),
      })
      .strict(),
    strengths: z
      .object({
        caring_role: Phrases.describe('phrases of a strength event that record a caring role: a need, not a strength'),
        safety: Phrases.describe('phrases that record someone stepping in to keep the person safe (001)'),
        resilience: Phrases.describe("phrases that record the person's own coping or achievement"),
      })
      .strict(),
  })
  .strict();
export type AnalysisSettings = z.infer<typeof AnalysisSettingsSchema>;

export const SourceMappingSchema = z
  .object({
    intra_familial: Phrases,
    extra_familial: Phrases,
    self: Phrases,
  })
  .strict()
  .superRefine((mapping, ctx) => {
    const seen = new Map<string, string>();
    for (const [category, sources] of Object.entries(mapping)) {
      sources.forEach((source, index) => {
        const key = normaliseText(source).replace(/'/g, '');
        const earlier = seen.get(key);
        if (earlier !== undefined && earlier !== category) {
          ctx.addIssue({ code: 'custom', path: [category, index], message: `${JSON.stringify(source)} is also listed under ${earlier}` });
        }
        seen.set(key, category);
      });
    }
  });
export type SourceMapping = z.infer<typeof SourceMappingSchema>;

export const HouseholdSettingsSchema = z
  .object({
    postcode: z.boolean().describe('link people who share a postcode and a family name, not only an address'),
    period_slack_days: z
      .number()
      .int()
      .nonnegative()
      .describe('how far apart two people’s records at one address may be and still overlap'),
    max_people_per_place: z
      .number()
      .int()
      .min(2)
      .describe('more people than this at one address or postcode at once is shared housing or a street, not a home'),
    max_members: z.number().int().min(2).describe('a household never grows past this many people'),
  })
  .strict();
export type HouseholdSettings = z.infer<typeof HouseholdSettingsSchema>;

const AtLeastOne = z.number().int().positive();

export const LevelSettingsSchema = z
  .object({
    emerging: z.object({ concern_indicators: AtLeastOne }).strict(),
    marked: z.object({ concern_indicators: AtLeastOne, serious_indicators: AtLeastOne }).strict(),
    extensive: z
      .object({
        serious_indicators: AtLeastOne,
        max_severity: Severity.describe('this severity on any concern, together with with_indicator'),
        with_indicator: z.string().min(1),
      })
      .strict(),
  })
  .strict();
export type LevelSettings = z.infer<typeof LevelSettingsSchema>;
