import { ageAtEvent, anonymisationOf } from '../../anonymise/index.js';
import { precisionOf } from '../../model/date.js';
import { annotationLines } from '../../pipeline/annotate.js';
import { changeMark } from '../../pipeline/since.js';
import type { ChronologyEvent, Person } from '../../model/stages.js';
import { typeGroup, type Severity, type TypeGroup } from '../../model/vocabulary.js';
import type { RenderOptions, Report } from '../report.js';
import { accountText, differenceText } from '../accounts.js';
import { painter, textTable } from './table.js';

/** The person's id, name and date of birth; in an anonymised report, the pseudonym and age at the last event. */
export function personHeading(person: Person, report: Report): string {
  const name = [person.name.given, person.name.family].filter(Boolean).join(' ') || '(no name)';
  const anonymisation = anonymisationOf(report);
  if (anonymisation) {
    const age = anonymisation.lastAges.get(person.id);
    return `${person.id}  ${name}${age === undefined ? '' : `, aged ${age} at the last record`}`;
  }
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
/** Agencies wrap at this width, so the description keeps most of the line. */
const AGENCIES_WIDTH = 24;
/** The description never gets less than this, however narrow the terminal: it wraps instead. */
const MIN_DESCRIPTION = 30;

/** The event's text: every agency's own account, and where they differ on severity, threshold or outcome. */
function eventText(report: Report, event: ChronologyEvent): string {
  return [accountText(report, event), differenceText(report, event)].filter((t) => t !== '').join(' ▸ ');
}

export function eventsTable(report: Report, person: Person, events: readonly ChronologyEvent[], options: RenderOptions): string {
  const cells = events.map((e) => [
    shownDate(e.date),
    String(ageAtEvent(report, person, e) ?? ''),
    e.type,
    e.severity === undefined ? '' : String(e.severity),
    e.agencies.join(', '),
  ]);
  const natural = HEAD.slice(0, -1).map((head, column) => Math.max(head.length, ...cells.map((row) => row[column]!.length)));
  natural[4] = Math.min(natural[4]!, AGENCIES_WIDTH);
  const used = natural.reduce((sum, width) => sum + width + PADDING, 0);
  const descriptionWidth = Math.max(MIN_DESCRIPTION, options.width - used - PADDING);
  const rows = events.map((e, index) => [
    ...cells[index]!.slice(0, 3),
    severityCell(e.severity, options),
    cells[index]![4]!,
    `${changeMark(e)}${eventText(report, e).replace(/\s+/g, ' ').trim()}`,
  ]);
  return textTable(HEAD, rows, { ...options, widths: [...natural, descriptionWidth].map((w) => w + PADDING) });
}

/** The practitioner's annotations of the person and their events, under the table (which has no room for them). */
export function annotationBlock(person: Person, events: readonly ChronologyEvent[]): string[] {
  const lines = [
    ...(person.annotation?.note ? [`  ${person.id}  Note: ${person.annotation.note}`] : []),
    ...events.flatMap((e) => {
      const annotation = annotationLines(e);
      return annotation.length === 0 ? [] : [`  ${e.id}  ${shownDate(e.date)}  ${e.type}`, ...annotation.map((line) => `      ${line}`)];
    }),
  ];
  return lines.length === 0 ? [] : ['  Annotations', ...lines];
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
    .map((person) => {
      const events = byPerson.get(person.id) ?? [];
      return [paint.bold(personHeading(person, report)), eventsTable(report, person, events, options), ...annotationBlock(person, events), yearStrip(events, options)].join('\n');
    })
    .join('\n\n');
}

const STRIP_GROUPS: readonly TypeGroup[] = ['harm', 'household', 'presentation', 'response', 'balance', 'other'];
const STRIP_HEAD: Record<TypeGroup, string> = {
  harm: 'harm', household: 'household', presentation: 'presentation', response: 'response', balance: 'strength', other: 'other',
};
const BLOCKS = '▁▂▃▄▅▆▇█';

/** A count as a block whose height is its share of the busiest cell, then the number: `▅ 4`. */
export function blockCell(count: number, max: number): string {
  if (count === 0) return '';
  return `${BLOCKS[Math.max(0, Math.ceil((count / max) * BLOCKS.length) - 1)]} ${count}`;
}

/**
 * How many events of each type group fell in each calendar year: a strip to see at a glance when
 * concerns clustered. Groups with no events are left out.
 */
export function yearStrip(events: readonly ChronologyEvent[], options: RenderOptions): string {
  if (events.length === 0) return '';
  const counts = new Map<string, Map<TypeGroup, number>>();
  for (const e of events) {
    const year = e.date.slice(0, 4);
    const row = counts.get(year) ?? new Map<TypeGroup, number>();
    row.set(typeGroup(e.type), (row.get(typeGroup(e.type)) ?? 0) + 1);
    counts.set(year, row);
  }
  const groups = STRIP_GROUPS.filter((g) => [...counts.values()].some((row) => row.has(g)));
  const max = Math.max(...[...counts.values()].flatMap((row) => [...row.values()]));
  const first = Number(events.reduce((min, e) => (e.date < min ? e.date : min), events[0]!.date).slice(0, 4));
  const last = Number(events.reduce((top, e) => (e.date > top ? e.date : top), events[0]!.date).slice(0, 4));
  const rows: string[][] = [];
  for (let year = first; year <= last; year += 1) {
    const row = counts.get(String(year));
    if (row !== undefined) {
      rows.push([String(year), ...groups.map((g) => blockCell(row.get(g) ?? 0, max))]);
      continue;
    }
    // A run of years without events is one line, not one line a year.
    let end = year;
    while (end + 1 <= last && !counts.has(String(end + 1))) end += 1;
    rows.push([end === year ? String(year) : `${year}–${end}`, ...groups.map(() => '')]);
    year = end;
  }
  const legend = `  events per year by type group; bars are scaled to the busiest cell (${max})`;
  const table = textTable(['year', ...groups.map((g) => STRIP_HEAD[g])], rows, options)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `${table}\n${painter(options.color).dim(legend)}`;
}
