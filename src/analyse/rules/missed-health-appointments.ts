import { z } from 'zod';
import { containsPhrase, plural, whenLabel } from '../events.js';
import { defineRule } from './types.js';

export const missedHealthAppointments = defineRule({
  id: 'missed_health_appointments',
  params: z
    .object({
      min_count: z.number().int().positive().describe('missed appointments'),
      health_only: z.boolean().describe('count only appointments recorded by a health agency (analysis.health_agencies)'),
    })
    .strict(),
  evaluate({ events, settings }, { min_count, health_only }) {
    const missed = events.filter(
      (e) =>
        e.type === 'missed_appointment' &&
        (!health_only || e.agencies.some((a) => containsPhrase(a, settings.health_agencies))),
    );
    if (missed.length < min_count) return undefined;
    const kind = health_only ? 'health appointment' : 'appointment';
    return {
      summary: `${plural(missed.length, kind)} ${missed.length === 1 ? 'was' : 'were'} missed ${whenLabel(missed)}; not being brought to appointments can be a sign of neglect or of a child hidden from view.`,
      events: missed.map((e) => e.id),
      ...(health_only ? { uses: { health_agencies: settings.health_agencies } } : {}),
    };
  },
});
