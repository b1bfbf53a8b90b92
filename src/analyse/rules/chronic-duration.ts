import { z } from 'zod';
import { datum } from '../data-spans.js';
import { plural } from '../events.js';
import { defineRule } from './types.js';

export const chronicDuration = defineRule({
  id: 'chronic_duration',
  params: z
    .object({
      min_span_days: z.number().int().positive().describe('days from the first to the last concern'),
      min_concerns: z.number().int().min(2).describe('concerns over that span'),
    })
    .strict(),
  evaluate({ concerns, dimensions }, { min_span_days, min_concerns }) {
    const { span_days, first, last, episodes } = dimensions.duration;
    if (span_days === undefined || span_days < min_span_days || concerns.length < min_concerns) return undefined;
    return {
      summary: `${plural(concerns.length, 'concern')} span ${span_days} days (${datum(first)} to ${datum(last)}) in ${plural(episodes.length, 'episode')}: harm may be accumulating through persistence.`,
      events: concerns.map((e) => e.id),
    };
  },
});
