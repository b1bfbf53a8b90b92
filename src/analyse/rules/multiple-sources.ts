import { z } from 'zod';
import { datum } from '../data-spans.js';
import { listLabel, plural } from '../events.js';
import { defineRule } from './types.js';

export const multipleSources = defineRule({
  id: 'multiple_sources',
  params: z
    .object({
      min_sources: z
        .number()
        .int()
        .min(2)
        .describe('people the records identify, known roles they do not tie to anyone, and the person themself (unknown not counted)'),
    })
    .strict(),
  evaluate({ dimensions }, { min_sources }) {
    const { people, sources, unresolved_roles } = dimensions.source;
    const known = sources.filter((s) => s.category !== 'unknown');
    const self = sources.filter((s) => s.category === 'self').reduce((n, s) => n + s.count, 0);
    if (people.length + unresolved_roles.length + (self > 0 ? 1 : 0) < min_sources) return undefined;
    const countOf = new Map(sources.map((s) => [s.source, s.count]));
    const named = people.map((p) => `${p.person}${p.name === undefined ? '' : ` ${datum(p.name)}`} (as ${listLabel(p.roles.map(datum))}, ${p.count})`);
    const roles = unresolved_roles.map((r) => `${datum(r)} (${countOf.get(r) ?? 0})`);
    // A role the records tie to nobody may be a person already counted: it is reported as a role, never as a person.
    const parts = [
      ...(people.length > 0 ? [`${plural(people.length, 'person', 'people')} the records identify: ${listLabel(named)}`] : []),
      ...(roles.length > 0
        ? [`${plural(roles.length, 'role')} the records do not tie to one person: ${listLabel(roles)}${people.length > 0 ? ' (a role may be held by someone already named)' : ''}`]
        : []),
      ...(self > 0 ? [`the person themself (${self})`] : []),
    ];
    const categories = new Set(known.map((s) => s.category));
    const both =
      categories.has('intra_familial') && categories.has('extra_familial')
        ? ' Harm comes from both inside and outside the family.'
        : '';
    return {
      summary: `Harm was attributed to ${parts.join('; and to ')}.${both}`,
      events: known.flatMap((s) => s.events),
    };
  },
});
