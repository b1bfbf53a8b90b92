import { UsageError } from '../errors.js';
import type { ChronologyEvent, Person } from '../model/stages.js';
import { EVENT_TYPES, EventType } from '../model/vocabulary.js';
import { parseDate } from '../normalise/date.js';
import { personMatches, type EventFilter } from '../pipeline/filter.js';
import { closestNote } from '../util/closest.js';
import type { FilterCliOptions } from './options.js';

const FILTER_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A filter date as written, refused when it is not YYYY, YYYY-MM or YYYY-MM-DD or names no real day (2020-02-31, 0000). */
function checkDate(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!FILTER_DATE.test(value)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`);
  // Day-first, not auto: auto reads a bare 1799 as an Excel serial, a filter's four digits are always a year.
  const read = parseDate(value, 'dayfirst');
  if (!('date' in read) || read.date !== value) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a date of the calendar: use YYYY, YYYY-MM or YYYY-MM-DD`);
  return value;
}

/** The vocabulary's code for a `--type` value (case, spaces and hyphens are not significant). */
function typeCode(value: string): string {
  return value.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function filterFromOptions(options: FilterCliOptions): EventFilter {
  const types = options.type?.map((t) => {
    const parsed = EventType.safeParse(typeCode(t));
    if (!parsed.success) throw new UsageError(`--type ${JSON.stringify(t)} is not a type of the vocabulary${closestNote(typeCode(t), EVENT_TYPES)}`);
    return parsed.data;
  });
  const minSeverity = options.minSeverity === undefined ? undefined : Number(options.minSeverity);
  if (minSeverity !== undefined && !(Number.isInteger(minSeverity) && minSeverity >= 1 && minSeverity <= 5)) {
    throw new UsageError(`--min-severity ${JSON.stringify(options.minSeverity)} is not a severity from 1 to 5`);
  }
  const from = checkDate('--from', options.from);
  const to = checkDate('--to', options.to);
  // Compared at the coarser precision: --from 2021-03 --to 2021 is a real range.
  if (from !== undefined && to !== undefined && from.slice(0, to.length) > to.slice(0, from.length)) {
    throw new UsageError(`--from ${JSON.stringify(from)} is after --to ${JSON.stringify(to)}: no date is in that range`);
  }
  return { persons: options.person, from, to, types, agencies: options.onlyAgency, minSeverity };
}

function personLabel(person: Person, withName: boolean): string {
  const name = [person.name.given, person.name.family].filter(Boolean).join(' ');
  return withName && name !== '' ? `${name} (${person.id})` : person.id;
}

/**
 * Refuses a `--person`, `--only-agency` or `--type` value that matches nothing in the chronology, naming
 * the closest that would: a typo must not read as an empty answer. Names are offered only when
 * the output keeps them (`showNames`), never beside an anonymised report.
 */
export function checkFilterMatches(filter: EventFilter, persons: readonly Person[], events: readonly ChronologyEvent[], showNames: boolean): void {
  for (const wanted of filter.persons ?? []) {
    if (persons.some((p) => personMatches(p, [wanted]))) continue;
    throw new UsageError(`--person ${JSON.stringify(wanted)} matches no one${closestNote(wanted, persons.map((p) => personLabel(p, showNames)))}`);
  }
  const agencies = new Set(events.flatMap((e) => e.agencies));
  for (const wanted of filter.agencies ?? []) {
    if ([...agencies].some((a) => a.toLowerCase() === wanted.toLowerCase())) continue;
    throw new UsageError(`--only-agency ${JSON.stringify(wanted)} matches no agency of the inputs${closestNote(wanted, [...agencies].sort())}`);
  }
  const types = new Set(events.map((e) => e.type));
  for (const wanted of filter.types ?? []) {
    if (types.has(wanted)) continue;
    throw new UsageError(`--type ${JSON.stringify(wanted)} matches no event of the inputs${closestNote(wanted, [...types].sort())}`);
  }
}
