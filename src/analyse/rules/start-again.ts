import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, plural, typeLabel } from '../events.js';
import { defineRule } from './types.js';

export const startAgain = defineRule({
  id: 'start_again',
  params: z
    .object({ min_count: z.number().int().positive().describe('case closures followed by the same concern again') })
    .strict(),
  evaluate({ dimensions, events, settings }, { min_count }) {
    const found = dimensions.system.start_again;
    if (found.length < min_count) return undefined;
    const dateOf = new Map(events.map((e) => [e.id, e.date]));
    const parts = found.map((s) => {
      const about = listLabel(s.types.map(typeLabel));
      const first = dateOf.get(s.recurrence[0] ?? '') ?? '';
      return s.referral === undefined
        ? `closed ${datum(s.closed)}, ${about} again ${plural(s.days, 'day')} later (${datum(first)})`
        : `closed ${datum(s.closed)}, a new referral ${plural(s.days, 'day')} later (${datum(s.referred ?? '')}) about ${about} (first recorded again ${datum(first)})`;
    });
    const { within_days, require_referral, referral_days } = settings.start_again;
    const how = require_referral
      ? `a new referral about a concern recorded before the closure (within ${referral_days} days of the referral)`
      : 'a concern of a type recorded before the closure';
    return {
      summary: `${plural(found.length, 'case closure')} ${found.length === 1 ? 'was' : 'were'} followed within ${within_days} days by ${how} (${parts.join('; ')}): the work may be starting again without the history.`,
      events: found.flatMap((s) => [s.closure, ...(s.referral === undefined ? [] : [s.referral]), ...s.recurrence]),
      uses: { within_days, require_referral, referral_days },
    };
  },
});
