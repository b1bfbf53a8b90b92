import type { AnnotationsFile } from '../model/annotations.js';
import type { ChronologyEvent, Person } from '../model/stages.js';

/** What applying an annotations file did, for the summary and the warnings. */
export interface AnnotationSummary {
  file: string;
  events: number;
  persons: number;
  /** Ids of events annotated `relevance: exclude`. */
  excluded: string[];
  /** Annotated ids (events, then persons) that are not in this chronology. */
  unknown: string[];
}

/** Attaches each annotation to its event or person by id. Pure; nothing annotated is lost: unknown ids are listed. */
export function applyAnnotations(
  events: readonly ChronologyEvent[],
  persons: readonly Person[],
  annotations: AnnotationsFile,
  file: string,
): { events: ChronologyEvent[]; persons: Person[]; summary: AnnotationSummary } {
  const byEvent = new Map(Object.entries(annotations.events ?? {}).filter(([, a]) => a != null && Object.keys(a).length > 0));
  const byPerson = new Map(Object.entries(annotations.persons ?? {}).filter(([, a]) => a != null && Object.keys(a).length > 0));
  const eventIds = new Set(events.map((e) => e.id));
  const personIds = new Set(persons.map((p) => p.id));
  const annotatedEvents = events.map((e) => {
    const annotation = byEvent.get(e.id);
    return annotation ? { ...e, annotation } : e;
  });
  const annotatedPersons = persons.map((p) => {
    const annotation = byPerson.get(p.id);
    return annotation ? { ...p, annotation } : p;
  });
  return {
    events: annotatedEvents,
    persons: annotatedPersons,
    summary: {
      file,
      events: [...byEvent.keys()].filter((id) => eventIds.has(id)).length,
      persons: [...byPerson.keys()].filter((id) => personIds.has(id)).length,
      excluded: annotatedEvents.filter((e) => e.annotation?.relevance === 'exclude').map((e) => e.id),
      unknown: [...[...byEvent.keys()].filter((id) => !eventIds.has(id)), ...[...byPerson.keys()].filter((id) => !personIds.has(id))],
    },
  };
}

/** The chronology shown: without the events annotated `relevance: exclude`. */
export function shownEvents(events: readonly ChronologyEvent[]): ChronologyEvent[] {
  return events.filter((e) => e.annotation?.relevance !== 'exclude');
}

/** The annotation as labelled lines, for the human formats. */
export function annotationLines(e: Pick<ChronologyEvent, 'annotation'>): string[] {
  const a = e.annotation;
  if (!a) return [];
  return [
    ...(a.analysis ? [`Analysis: ${a.analysis}`] : []),
    ...(a.impact ? [`Assessed impact: ${a.impact}`] : []),
    ...(a.relevance ? [`Relevance: ${a.relevance}`] : []),
    ...(a.note ? [`Note: ${a.note}`] : []),
  ];
}
