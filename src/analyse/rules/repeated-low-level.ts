import { z } from 'zod';
import { plural, whenLabel } from '../events.js';
import { defineRule } from './types.js';

export const repeatedLowLevel = defineRule({
  id: 'repeated_low_level',
  params: z
    .object({ min_count: z.number().int().positive().describe('low-level concerns (analysis.low_severity_max)') })
    .strict(),
  evaluate({ concerns, dimensions, settings }, { min_count }) {
    const max = settings.low_severity_max;
    const low = concerns.filter((e) => e.severity !== undefined && e.severity <= max);
    if (low.length < min_count) return undefined;
    return {
      summary: `${low.length} of ${plural(dimensions.severity.trend.rated, 'rated concern')} were low level (severity ${max} or below) ${whenLabel(low)}; in isolation each may look minor, together they may amount to significant harm.`,
      events: low.map((e) => e.id),
      uses: { low_severity_max: max },
    };
  },
});
