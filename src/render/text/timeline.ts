import { ageAt, precisionOf } from '../../model/date.js';
import type { ChronologyEvent, Person } from '../../model/stages.js';
import type { Severity } from '../../model/vocabulary.js';
import type { RenderOptions, Report } from '../report.js';
import { painter, textTable, trimTo } from './table.js';

export function personHeading(person: Person): string {
  const name = [person.name.given, person.name.family].filter(Boolean).join(' ') || '(no name)';
  return `${person.id}  ${name}${person.dob ? `, born ${person.dob}` : ''}`;
}

/** A partial date is marked so nobody reads `2021-03` as the first of March. */
export function shownDate(date: string): string {
  return precisionOf(date) === 'day' || precisionOf(date) === 'time' ? date : `${date} (~)`;
}

function severityCell(severity: Severity | undefined, options: RenderOptions): string {
  if (severity === undefined) return '';
  const paint = painter(options.color);
  const colours = [paint.green, paint.green, paint.yellow, paint.red, paint.bold.red] as const;
  return colours[severity - 1]!(String(severity));
}

const HEAD = ['date', 'age', 'type', 'sev', 'agencies', 'description'] as const;
/** Each column is followed by two spaces of padding (src/render/text/table.ts). */
const PADDING = 2;

export function eventsTable(person: Person, events: readonly ChronologyEvent[], options: RenderOptions): string {
  const cells = events.map((e) => [
    shownDate(e.date),
    String(ageAt(person.dob, e.date) ?? ''),
    e.type,
    e.severity === undefined ? '' : String(e.severity),
    e.agencies.join(', '),
  ]);
  const used = HEAD.slice(0, -1).reduce(
    (sum, head, column) => sum + PADDING + Math.max(head.length, ...cells.map((row) => row[column]!.length)),
    0,
  );
  const descriptionWidth = Math.max(20, options.width - used - PADDING);
  const rows = events.map((e, index) => [
    ...cells[index]!.slice(0, 3),
    severityCell(e.severity, options),
    cells[index]![4]!,
    trimTo(e.description ?? '', descriptionWidth),
  ]);
  return textTable(HEAD, rows, options);
}

export function eventsByPerson(report: Report): Map<string, ChronologyEvent[]> {
  const byPerson = new Map<string, ChronologyEvent[]>();
  for (const event of report.events ?? []) {
    const list = byPerson.get(event.person);
    if (list) list.push(event);
    else byPerson.set(event.person, [event]);
  }
  return byPerson;
}

export function timelineText(report: Report, options: RenderOptions): string {
  const paint = painter(options.color);
  const byPerson = eventsByPerson(report);
  return (report.linkage?.persons ?? [])
    .filter((person) => byPerson.has(person.id))
    .map((person) => `${paint.bold(personHeading(person))}\n${eventsTable(person, byPerson.get(person.id) ?? [], options)}`)
    .join('\n\n');
}
