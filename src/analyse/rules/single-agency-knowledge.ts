import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, typeLabel } from '../events.js';
import { defineRule } from './types.js';

export const singleAgencyKnowledge = defineRule({
  id: 'single_agency_knowledge',
  params: z
    .object({ min_events: z.number().int().positive().describe('events of a concern type recorded by one agency only') })
    .strict(),
  evaluate({ dimensions }, { min_events }) {
    const known = dimensions.system.single_agency_concerns.filter((c) => c.events.length >= min_events);
    if (known.length === 0) return undefined;
    const parts = known.map((c) => `${typeLabel(c.type)} (${c.events.length}) only to ${datum(c.agency)}`);
    return {
      summary: `Some concerns were known to one agency only, although others were involved: ${listLabel(parts)}.`,
      events: known.flatMap((c) => c.events),
    };
  },
});
