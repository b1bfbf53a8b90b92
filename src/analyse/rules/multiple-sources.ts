import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel } from '../events.js';
import { defineRule } from './types.js';

export const multipleSources = defineRule({
  id: 'multiple_sources',
  params: z
    .object({ min_sources: z.number().int().min(2).describe('distinct known sources of harm (unknown not counted)') })
    .strict(),
  evaluate({ dimensions }, { min_sources }) {
    const known = dimensions.source.sources.filter((s) => s.category !== 'unknown');
    if (known.length < min_sources) return undefined;
    const categories = new Set(known.map((s) => s.category));
    const both =
      categories.has('intra_familial') && categories.has('extra_familial')
        ? ' Harm comes from both inside and outside the family.'
        : '';
    return {
      summary: `Harm was attributed to ${known.length} different sources: ${listLabel(known.map((s) => `${datum(s.source)} (${s.count})`))}.${both}`,
      events: known.flatMap((s) => s.events),
    };
  },
});
