import { z } from 'zod';
import type { ChronologyEvent } from '../../model/stages.js';
import { datum } from '../data-spans.js';
import { dayOf, plural } from '../events.js';
import { defineRule } from './types.js';

export const chronicDuration = defineRule({
  id: 'chronic_duration',
  params: z
    .object({
      min_span_days: z.number().int().positive().describe('days from the first to the last concern of a run'),
      min_concerns: z.number().int().min(2).describe('concerns in that run'),
      max_gap_days: z.number().int().positive().describe('no two consecutive concerns of the run further apart than this'),
    })
    .strict(),
  evaluate({ concerns }, { min_span_days, min_concerns, max_gap_days }) {
    // Persistence needs density: the longest run of concerns none of them more than max_gap_days after the one before.
    let best = { start: 0, end: -1, span: -1 };
    for (let start = 0, end = 0; end < concerns.length; end += 1) {
      if (end > start && dayOf(concerns[end]!) - dayOf(concerns[end - 1]!) > max_gap_days) start = end;
      const span = dayOf(concerns[end]!) - dayOf(concerns[start]!);
      if (end - start + 1 >= min_concerns && span > best.span) best = { start, end, span };
    }
    const run: readonly ChronologyEvent[] = concerns.slice(best.start, best.end + 1);
    const first = run[0];
    const last = run[run.length - 1];
    if (first === undefined || last === undefined) return undefined;
    const { span } = best;
    if (span < min_span_days) return undefined;
    const all = run.length === concerns.length ? '' : ` (${plural(concerns.length, 'concern')} in all)`;
    return {
      summary: `${plural(run.length, 'concern')} over ${span} days (${datum(first.date)} to ${datum(last.date)}), none more than ${max_gap_days} days after the one before${all}: harm may be accumulating through persistence.`,
      events: run.map((e) => e.id),
    };
  },
});
