import { z } from 'zod';
import { listLabel, typeLabel } from '../events.js';
import { defineRule } from './types.js';

export const escalatingSeverity = defineRule({
  id: 'escalating_severity',
  params: z
    .object({
      min_rated: z.number().int().min(3).describe('rated concerns of one type (or in all) before a trend is judged'),
      min_rise: z.number().positive().describe('rise of the mean severity, latest third against earliest third'),
    })
    .strict(),
  evaluate({ concerns, dimensions }, { min_rated, min_rise }) {
    // One kind of harm can rise while low-level others dilute the mean of all: each type is judged on its own.
    const rising = dimensions.severity.trend_by_type.filter((t) => t.rated >= min_rated && t.rise >= min_rise);
    const { rated, rise, first_third_mean, last_third_mean } = dimensions.severity.trend;
    const overall = rated >= min_rated && rise !== undefined && rise >= min_rise;
    if (rising.length === 0 && !overall) return undefined;
    const parts = rising.map(
      (t) => `${typeLabel(t.type)} from a mean of ${t.first_third_mean} in the earliest third of its ${t.rated} rated events to ${t.last_third_mean} in the latest`,
    );
    const all = overall
      ? `${parts.length > 0 ? '; across all concerns' : ''} the mean rose from ${first_third_mean} in the earliest third of ${rated} rated concerns to ${last_third_mean} in the latest`
      : '';
    const third = Math.floor(rated / 3);
    const ratedEvents = concerns.filter((e) => e.severity !== undefined);
    return {
      summary: `Severity is escalating: ${listLabel(parts)}${all}.`,
      events: [
        ...rising.flatMap((t) => t.events),
        ...(overall ? [...ratedEvents.slice(0, third), ...ratedEvents.slice(-third)].map((e) => e.id) : []),
      ],
    };
  },
});
