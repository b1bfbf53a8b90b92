import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, plural } from '../events.js';
import { defineRule } from './types.js';

export const caringRole = defineRule({
  id: 'caring_role',
  params: z.object({ min_count: z.number().int().positive().describe('events recording a caring role') }).strict(),
  evaluate({ dimensions, role }, { min_count }) {
    const roles = dimensions.caring_roles;
    if (roles.length < min_count) return undefined;
    const described = roles.map((s) => (s.description === undefined ? datum(s.date) : `${datum(s.date)}: ${datum(s.description)}`));
    const who = role === 'child' ? 'The child' : 'The person';
    return {
      summary: `${who} was recorded in a caring role (${listLabel(described)}): a need to meet, not a strength; ${plural(roles.length, 'such event')} ${roles.length === 1 ? 'is' : 'are'} left out of the strengths.`,
      events: roles.map((s) => s.event),
    };
  },
});
