import { dayRange } from '../model/date.js';
import type { ChronologyEvent, Person } from '../model/stages.js';
import type { EventType } from '../model/vocabulary.js';

export interface EventFilter {
  persons?: readonly string[];
  from?: string;
  to?: string;
  types?: readonly EventType[];
  agencies?: readonly string[];
  minSeverity?: number;
}

/** A person matches by id (P-6BWMAN) or by a name part, case-insensitively. */
export function personMatches(person: Person, wanted: readonly string[]): boolean {
  const name = `${person.name.given ?? ''} ${person.name.family ?? ''}`.toLowerCase();
  return wanted.some((w) => person.id.toLowerCase() === w.toLowerCase() || name.includes(w.toLowerCase()));
}

/** Keeps the events that meet every criterion given; a partial date is kept when any of it is in range. */
export function filterEvents(
  events: readonly ChronologyEvent[],
  persons: readonly Person[],
  filter: EventFilter,
): ChronologyEvent[] {
  const personIds = filter.persons?.length
    ? new Set(persons.filter((p) => personMatches(p, filter.persons!)).map((p) => p.id))
    : undefined;
  const from = filter.from ? dayRange(filter.from)[0] : undefined;
  const to = filter.to ? dayRange(filter.to)[1] : undefined;
  const agencies = filter.agencies?.map((a) => a.toLowerCase());
  return events.filter((e) => {
    if (personIds && !personIds.has(e.person)) return false;
    const [first, last] = dayRange(e.date);
    if (from !== undefined && last < from) return false;
    if (to !== undefined && first > to) return false;
    if (filter.types?.length && !filter.types.includes(e.type)) return false;
    if (agencies && !e.agencies.some((a) => agencies.includes(a.toLowerCase()))) return false;
    if (filter.minSeverity !== undefined && (e.severity ?? 0) < filter.minSeverity) return false;
    return true;
  });
}
