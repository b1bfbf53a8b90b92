import { remember } from '../util/remember.js';
import { startDay } from '../model/date.js';
import type { ChronologyEvent } from '../model/stages.js';
import { typeGroup } from '../model/vocabulary.js';
import { datum } from './data-spans.js';

// Sorting and windows ask for the same event's day many times; parsing the date once is enough.
const DAYS = new WeakMap<ChronologyEvent, number>();

/** The day an event is placed on: the first day its (possibly partial) date can mean. */
export function dayOf(event: ChronologyEvent): number {
  let day = DAYS.get(event);
  if (day === undefined) {
    day = startDay(event.date);
    DAYS.set(event, day);
  }
  return day;
}

/** Concerns are what the guidance calls harm: harm, household factors and the person's presentation. */
export function isConcern(event: ChronologyEvent): boolean {
  const group = typeGroup(event.type);
  return group === 'harm' || group === 'household' || group === 'presentation';
}

const ID_ORDER = new Intl.Collator('en', { numeric: true });

/** Orders ids so that E2 precedes E10, the same on every machine. */
export function compareIds(a: string, b: string): number {
  return ID_ORDER.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareIds);
}

/** The events' ids in the order the events happened. */
export function idsOf(events: Iterable<ChronologyEvent>): string[] {
  return [...new Set([...events].sort(compareEvents).map((e) => e.id))];
}

/** Chronological order, then id, so that input order never matters. */
export function compareEvents(a: ChronologyEvent, b: ChronologyEvent): number {
  return dayOf(a) - dayOf(b) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || compareIds(a.id, b.id);
}

/** Lower case, curly apostrophes straightened, runs of space, underscore and hyphen made one space. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** A rules file's phrase lists, normalised once: they are asked about every event of a caseload. */
const NORMALISED_PHRASES = new WeakMap<readonly string[], string[]>();

/** Whether a free-text value contains any of the phrases, compared as normalised text. */
export function containsPhrase(text: string | undefined, phrases: readonly string[]): boolean {
  if (text === undefined) return false;
  const normalised = normaliseText(text);
  return remember(NORMALISED_PHRASES, phrases, (list) => list.map(normaliseText)).some((p) => normalised.includes(p));
}

export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A type code as a practitioner reads it: `parental_mental_health` → "parental mental health". */
export function typeLabel(type: string): string {
  return type.replace(/_/g, ' ');
}

export function listLabel(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "on 2019-04-02" for one date, "between 2019-04-02 and 2021-01-15" for a span; events in order. */
export function whenLabel(events: readonly ChronologyEvent[]): string {
  const first = events[0]?.date;
  const last = events[events.length - 1]?.date;
  if (first === undefined || last === undefined) return '';
  return first === last ? `on ${datum(first)}` : `between ${datum(first)} and ${datum(last)}`;
}
