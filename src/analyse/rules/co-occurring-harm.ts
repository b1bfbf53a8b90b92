import { z } from 'zod';
import { listLabel, plural, typeLabel } from '../events.js';
import { defineRule } from './types.js';

const ConcernGroup = z.enum(['harm', 'household', 'presentation']);

export const coOccurringHarm = defineRule({
  id: 'co_occurring_harm',
  params: z
    .object({
      min_types: z.number().int().min(2).describe('distinct types that co-occur'),
      groups: z.array(ConcernGroup).min(1).describe('which concern groups count'),
    })
    .strict(),
  evaluate({ dimensions, settings }, { min_types, groups }) {
    const groupOf = new Map(dimensions.type.concern_types.map((t) => [t.type, t.group]));
    const counted = (type: string) => {
      const group = groupOf.get(type as never);
      return group !== undefined && groups.includes(group);
    };
    const pairs = dimensions.type.co_occurring.filter(({ types: [a, b] }) => counted(a) && counted(b));
    const types = [...new Set(pairs.flatMap((p) => p.types))].sort();
    if (types.length < min_types) return undefined;
    const neglect = dimensions.type.neglect_with_other_abuse
      ? ' Neglect is recorded alongside other abuse, which it often accompanies.'
      : '';
    return {
      summary: `${listLabel(types.map(typeLabel))} were recorded within ${settings.co_occurrence_days} days of each other (${plural(pairs.length, 'pair')} of types).${neglect}`,
      events: pairs.flatMap((p) => p.events),
      uses: { co_occurrence_days: settings.co_occurrence_days },
    };
  },
});
