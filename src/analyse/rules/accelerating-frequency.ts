import { z } from 'zod';
import { datum } from '../data-spans.js';
import { defineRule } from './types.js';

export const acceleratingFrequency = defineRule({
  id: 'accelerating_frequency',
  params: z.object({}).strict(),
  evaluate({ concerns, dimensions, settings }) {
    const { accelerating, earlier_half, later_half } = dimensions.frequency.acceleration;
    const { first, last } = dimensions.duration;
    if (!accelerating) return undefined;
    return {
      summary: `Concerns are becoming more frequent: ${later_half} in the later half of the period ${datum(first)} to ${datum(last)} against ${earlier_half} in the earlier half.`,
      events: concerns.map((e) => e.id),
      uses: { min_concerns: settings.acceleration.min_concerns, ratio: settings.acceleration.ratio },
    };
  },
});
