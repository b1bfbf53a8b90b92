import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, plural } from '../events.js';
import type { Strength } from '../schema.js';
import { defineRule } from './types.js';

const KINDS: readonly [Strength['kind'], string, string][] = [
  ['safety', 'safety (someone stepped in)', 'safety (someone stepped in)'],
  ['protective', 'protective factor', 'protective factors'],
  ['resilience', "the person's own resilience", "the person's own resilience"],
];

export const strengthsPresent = defineRule({
  id: 'strengths_present',
  params: z.object({ min_count: z.number().int().positive().describe('strength events (caring roles not counted)') }).strict(),
  evaluate({ dimensions }, { min_count }) {
    const strengths = dimensions.strengths;
    if (strengths.length < min_count) return undefined;
    const described = (s: Strength) => (s.description === undefined ? datum(s.date) : `${datum(s.date)}: ${datum(s.description)}`);
    const parts = KINDS.flatMap(([kind, one, many]) => {
      const of = strengths.filter((s) => s.kind === kind);
      return of.length === 0 ? [] : [`${of.length === 1 ? one : many} (${listLabel(of.map(described))})`];
    });
    const resilience = strengths.some((s) => s.kind === 'resilience')
      ? ' Resilience can be overwhelmed by cumulative harm: it does not lessen the risks.'
      : '';
    return {
      summary: `${plural(strengths.length, 'strength')} recorded, to weigh beside the risks: ${parts.join('; ')}.${resilience}`,
      events: strengths.map((s) => s.event),
    };
  },
});
