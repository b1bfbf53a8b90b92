import { z } from 'zod';
import { dayOf, plural, whenLabel } from '../events.js';
import { defineRule } from './types.js';

export const referralsBelowThreshold = defineRule({
  id: 'referrals_below_threshold',
  params: z
    .object({
      min_count: z.number().int().positive().describe('referrals that did not meet the threshold'),
      require_continuing_concerns: z.boolean().describe('only when concerns were recorded after the first of them'),
    })
    .strict(),
  evaluate({ events, concerns }, { min_count, require_continuing_concerns }) {
    const below = events.filter((e) => e.type === 'referral' && e.threshold_met === false);
    const first = below[0];
    if (first === undefined || below.length < min_count) return undefined;
    const after = concerns.filter((c) => dayOf(c) > dayOf(first));
    if (require_continuing_concerns && after.length === 0) return undefined;
    const continuing =
      after.length === 0
        ? ''
        : `, although concerns continued (${plural(after.length, 'concern')} recorded after the first)`;
    return {
      summary: `${plural(below.length, 'referral')} did not meet the threshold ${whenLabel(below)}${continuing}.`,
      events: [...below, ...after].map((e) => e.id),
    };
  },
});
