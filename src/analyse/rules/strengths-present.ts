import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, plural } from '../events.js';
import { defineRule } from './types.js';

export const strengthsPresent = defineRule({
  id: 'strengths_present',
  params: z.object({ min_count: z.number().int().positive().describe('strength events') }).strict(),
  evaluate({ dimensions }, { min_count }) {
    const strengths = dimensions.strengths;
    if (strengths.length < min_count) return undefined;
    const described = strengths.map((s) => (s.description === undefined ? datum(s.date) : `${datum(s.date)}: ${datum(s.description)}`));
    return {
      summary: `${plural(strengths.length, 'strength or protective factor', 'strengths or protective factors')} recorded, to weigh beside the risks (${listLabel(described)}).`,
      events: strengths.map((s) => s.event),
    };
  },
});
