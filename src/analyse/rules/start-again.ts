import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, plural, typeLabel } from '../events.js';
import { defineRule } from './types.js';

export const startAgain = defineRule({
  id: 'start_again',
  params: z
    .object({ min_count: z.number().int().positive().describe('case closures followed by the same concern again') })
    .strict(),
  evaluate({ dimensions, settings }, { min_count }) {
    const found = dimensions.system.start_again;
    if (found.length < min_count) return undefined;
    const parts = found.map(
      (s) => `closed ${datum(s.closed)}, ${listLabel(s.types.map(typeLabel))} again ${plural(s.days, 'day')} later`,
    );
    const referral = settings.start_again.require_referral ? 'a new referral and ' : '';
    return {
      summary: `${plural(found.length, 'case closure')} ${found.length === 1 ? 'was' : 'were'} followed within ${settings.start_again.within_days} days by ${referral}the same concern (${parts.join('; ')}): the work may be starting again without the history.`,
      events: found.flatMap((s) => [s.closure, ...(s.referral === undefined ? [] : [s.referral]), ...s.recurrence]),
      uses: {
        within_days: settings.start_again.within_days,
        require_referral: settings.start_again.require_referral,
      },
    };
  },
});
