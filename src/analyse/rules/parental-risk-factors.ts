import { z } from 'zod';
import type { ChronologyEvent } from '../../model/stages.js';
import { EventType } from '../../model/vocabulary.js';
import { dayOf, listLabel, typeLabel } from '../events.js';
import { defineRule } from './types.js';

export const parentalRiskFactors = defineRule({
  id: 'parental_risk_factors',
  params: z
    .object({
      factors: z.array(EventType).min(2).describe('the interlinked household factors'),
      min_factors: z.number().int().min(2).describe('distinct factors present together'),
      within_days: z.number().int().positive().describe('all of them within this many days'),
    })
    .strict(),
  evaluate({ household, person }, { factors, min_factors, within_days }) {
    const wanted = new Set<string>(factors);
    const found = household.filter((e) => wanted.has(e.type));
    // Slide a window over the factor events, counting the distinct factors inside it.
    const inWindow = new Map<string, number>();
    let together = new Set<string>();
    let start = 0;
    for (const entering of found) {
      inWindow.set(entering.type, (inWindow.get(entering.type) ?? 0) + 1);
      while (dayOf(entering) - dayOf(found[start] as ChronologyEvent) > within_days) {
        const leaving = found[start] as ChronologyEvent;
        const left = (inWindow.get(leaving.type) ?? 1) - 1;
        if (left === 0) inWindow.delete(leaving.type);
        else inWindow.set(leaving.type, left);
        start += 1;
      }
      if (inWindow.size > together.size) together = new Set(inWindow.keys());
    }
    if (together.size < min_factors) return undefined;
    const others = new Set(found.filter((e) => e.person !== person.id).map((e) => e.person));
    const where = others.size === 0 ? 'for this person' : 'in the household';
    return {
      summary: `${listLabel([...together].sort().map(typeLabel))} were recorded ${where} within ${within_days} days of each other: interlinked parental risk factors.`,
      events: found.map((e) => e.id),
    };
  },
});
