import { precisionOf } from '../../model/date.js';
import type { ChronologyEvent } from '../../model/stages.js';
import { SEVERITY_WORDS, type Severity } from '../../model/vocabulary.js';

export const typeLabel = (type: string): string => type.replace(/_/g, ' ');

/** A partial date says so, so nobody reads `2021-03` as the first of March. */
export function dateLabel(date: string): string {
  const precision = precisionOf(date);
  if (precision === 'year') return `${date} (year only)`;
  if (precision === 'month') return `${date} (month only)`;
  return date.replace('T', ' ');
}

export function whenLabel(event: ChronologyEvent): string {
  return event.end_date ? `${dateLabel(event.date)} to ${dateLabel(event.end_date)}` : dateLabel(event.date);
}

export function severityLabel(severity: Severity | undefined): string {
  return severity === undefined ? 'not rated' : `${severity} (${SEVERITY_WORDS[severity - 1]})`;
}

/** Where one input record of the event came from: agency, file:line and the agency's record id. */
export function sourceLabels(event: ChronologyEvent): string[] {
  return event.sources.map(
    (s) => `${s.agency}, ${s.file}:${s.line}${s.record_id === undefined ? '' : ` (${s.record_id})`}`,
  );
}

/** The plain-text summary a marker's <title> carries: everything the detail panel shows, on one line each. */
export function eventTitle(event: ChronologyEvent): string {
  return [
    `${event.id}  ${whenLabel(event)}`,
    `${typeLabel(event.type)}, severity ${severityLabel(event.severity)}`,
    ...(event.description ? [event.description] : []),
    ...(event.sources.length > 1 ? [`merged from ${event.sources.length} records:`] : ['recorded by:']),
    ...sourceLabels(event).map((s) => `  ${s}`),
  ].join('\n');
}
