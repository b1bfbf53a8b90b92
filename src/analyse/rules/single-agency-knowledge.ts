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
    const parts = known.map((c) => `${typeLabel(c.type)} (${c.events.length}) recorded only by ${datum(c.agency)}`);
    // Only who recorded an event is measured: another agency may have known without a record in these exports.
    return {
      summary: `Some concerns were recorded by one agency only, although others were involved: ${listLabel(parts)}. The exports show who recorded each event, not who else knew of it.`,
      events: known.flatMap((c) => c.events),
    };
  },
});
