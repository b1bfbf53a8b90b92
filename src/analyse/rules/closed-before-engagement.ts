import { z } from 'zod';
import { plural, whenLabel } from '../events.js';
import { defineRule } from './types.js';

export const closedBeforeEngagement = defineRule({
  id: 'closed_before_engagement',
  params: z
    .object({ min_count: z.number().int().positive().describe('assessments or cases closed before engagement') })
    .strict(),
  evaluate({ events, dimensions, settings }, { min_count }) {
    const ids = new Set(dimensions.system.closed_before_engagement);
    const closed = events.filter((e) => ids.has(e.id));
    if (closed.length < min_count) return undefined;
    return {
      summary: `${plural(closed.length, 'assessment or case was', 'assessments or cases were')} closed before any significant engagement ${whenLabel(closed)}.`,
      events: closed.map((e) => e.id),
      uses: { closed_before_engagement: settings.closed_before_engagement },
    };
  },
});
