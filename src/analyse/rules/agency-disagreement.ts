import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, plural } from '../events.js';
import type { SystemPattern } from '../schema.js';
import { defineRule } from './types.js';

type Disagreement = SystemPattern['disagreements'][number];

/** One disagreement in a few words: each agency's side of what they disagreed about. */
function described(d: Disagreement): string {
  const sides = d.about.map((about) => {
    const side = d.accounts.flatMap((a) => {
      if (about === 'severity') return a.severity === undefined ? [] : [`${datum(a.agency)} ${a.severity}`];
      if (about === 'threshold') return a.threshold_met === undefined ? [] : [`${datum(a.agency)} ${a.threshold_met ? 'met' : 'not met'}`];
      return a.outcome === undefined ? [] : [`${datum(a.agency)} "${datum(a.outcome)}"`];
    });
    return `${about}: ${side.join(', ')}`;
  });
  return `${d.event} ${datum(d.date)} (${sides.join('; ')})`;
}

export const agencyDisagreement = defineRule({
  id: 'agency_disagreement',
  params: z.object({ min_count: z.number().int().positive().describe('events the agencies disagreed about') }).strict(),
  evaluate({ dimensions, settings }, { min_count }) {
    const found = dimensions.system.disagreements;
    if (found.length < min_count) return undefined;
    return {
      summary: `Agencies disagreed about ${plural(found.length, 'event')} they all recorded: ${listLabel(found.map(described))}. Repeated disagreement can mean one agency's view is shaping the response.`,
      events: found.map((d) => d.event),
      uses: { severity_gap: settings.disagreement.severity_gap },
    };
  },
});
