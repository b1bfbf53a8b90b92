import { z } from 'zod';
import { defineRule } from './types.js';

export const escalatingSeverity = defineRule({
  id: 'escalating_severity',
  params: z
    .object({
      min_rated: z.number().int().min(3).describe('concerns with a recorded severity'),
      min_rise: z.number().positive().describe('rise of the mean severity, latest third against earliest third'),
    })
    .strict(),
  evaluate({ concerns, dimensions }, { min_rated, min_rise }) {
    const { rated, rise, first_third_mean, last_third_mean } = dimensions.severity.trend;
    if (rated < min_rated || rise === undefined || rise < min_rise) return undefined;
    const ratedEvents = concerns.filter((e) => e.severity !== undefined);
    const third = Math.floor(rated / 3);
    return {
      summary: `Severity is escalating: the mean severity rose from ${first_third_mean} in the earliest third of ${rated} rated concerns to ${last_third_mean} in the latest third.`,
      events: [...ratedEvents.slice(0, third), ...ratedEvents.slice(-third)].map((e) => e.id),
    };
  },
});
