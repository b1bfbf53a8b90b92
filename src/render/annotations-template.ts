import { stringify } from 'yaml';
import type { AnnotationsFile } from '../model/annotations.js';
import type { ChronologyEvent, Person } from '../model/stages.js';

const HEADER = [
  '# chronology annotations (schemas/annotations.schema.json), keyed by stable ids (docs/merge.md).',
  '# Per event: analysis, impact (on the child or adult), relevance (key | context | exclude), note.',
  '# Per person: note. Use with --annotations on merge, timeline and analyse.',
];

/** A comment is one line: a description may hold newlines. */
const comment = (text: string): string => ` # ${text.replace(/\s+/g, ' ').trim()}`;

function entry(id: string, annotation: object | null | undefined, about: string | undefined): string[] {
  const head = `  ${JSON.stringify(id).slice(1, -1) === id && /^[\w-]+$/.test(id) ? id : JSON.stringify(id)}:${about ? comment(about) : ''}`;
  if (annotation == null || Object.keys(annotation).length === 0) return [head];
  const body = stringify(annotation, { lineWidth: 0 }).trimEnd().split('\n').map((line) => `    ${line}`);
  return [head, ...body];
}

function personLabel(person: Person | undefined): string {
  if (person === undefined) return '';
  return [person.name.given, person.name.family].filter(Boolean).join(' ') || '(no name)';
}

/**
 * The annotations file with every current event and person listed, each with what the file
 * already says about it; ids no longer in the chronology keep their annotations, listed last.
 */
export function annotationsTemplate(events: readonly ChronologyEvent[], persons: readonly Person[], existing: AnnotationsFile = {}): string {
  const byId = new Map(persons.map((p) => [p.id, p]));
  const oldEvents = existing.events ?? {};
  const oldPersons = existing.persons ?? {};
  const eventIds = new Set(events.map((e) => e.id));
  const personIds = new Set(persons.map((p) => p.id));
  const goneEvents = Object.keys(oldEvents).filter((id) => !eventIds.has(id));
  const gonePersons = Object.keys(oldPersons).filter((id) => !personIds.has(id));
  const lines = [
    ...HEADER,
    'events:',
    ...events.flatMap((e) =>
      entry(e.id, oldEvents[e.id], `${e.date} ${e.type}, ${personLabel(byId.get(e.person))} (${e.person}); ${e.agencies.join(', ')}`),
    ),
    ...goneEvents.flatMap((id, i) => [...(i === 0 ? ['  # not in this chronology when this file was last written:'] : []), ...entry(id, oldEvents[id], undefined)]),
    'persons:',
    ...persons.flatMap((p) => entry(p.id, oldPersons[p.id], `${personLabel(p)}${p.dob ? `, born ${p.dob}` : ''}`)),
    ...gonePersons.flatMap((id, i) => [...(i === 0 ? ['  # not in this chronology when this file was last written:'] : []), ...entry(id, oldPersons[id], undefined)]),
  ];
  return `${lines.join('\n')}\n`;
}
