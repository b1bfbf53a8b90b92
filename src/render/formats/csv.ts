import { ageAtEvent } from '../../anonymise/index.js';
import type { ChronologyEvent } from '../../model/stages.js';
import type { OutputFormat, Report } from '../report.js';

/**
 * Excel runs a cell that starts with one of these as a formula (CSV injection). Every such cell is
 * prefixed with `'`, including text that merely looks negative (`-5`, `- mould`), so a cell's
 * treatment depends only on its first character.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLines = (rows: readonly (readonly (string | number | boolean | undefined)[])[]): string =>
  `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;

export const MERGE_CSV_COLUMNS = [
  'id', 'person', 'date', 'end_date', 'type', 'severity', 'agencies', 'source', 'threshold_met',
  'outcome', 'description', 'impact', 'sources',
] as const;

function eventCells(e: ChronologyEvent): (string | number | undefined)[] {
  return [
    e.id, e.person, e.date, e.end_date, e.type, e.severity, e.agencies.join('; '), e.source,
    e.threshold_met === undefined ? undefined : e.threshold_met ? 'yes' : 'no',
    e.outcome, e.description, e.impact, e.sources.map((s) => `${s.file}:${s.line}`).join('; '),
  ];
}

/** With --annotations only, so that a data team's columns stay fixed for the usual run. */
const ANNOTATION_COLUMNS = ['analysis', 'assessed_impact', 'relevance', 'note'] as const;
const annotationCells = (e: ChronologyEvent) => [e.annotation?.analysis, e.annotation?.impact, e.annotation?.relevance, e.annotation?.note];
/** The optional columns: annotations with --annotations, change with --since. */
function extraColumns(report: Report): string[] {
  return [...(report.annotations ? ANNOTATION_COLUMNS : []), ...(report.since ? ['change'] : [])];
}
function extraCells(report: Report, e: ChronologyEvent): (string | undefined)[] {
  return [...(report.annotations ? annotationCells(e) : []), ...(report.since ? [e.change] : [])];
}

/** One row per merged event; `sources` lists every input record as file:line, `;`-separated. */
function mergeCsv(report: Report): string {
  return csvLines([[...MERGE_CSV_COLUMNS, ...extraColumns(report)], ...(report.events ?? []).map((e) => [...eventCells(e), ...extraCells(report, e)])]);
}

export const TIMELINE_CSV_COLUMNS = ['name', 'age', ...MERGE_CSV_COLUMNS] as const;

/** The merge columns, with each event's person named (or pseudonymised) and their age at the event. */
function timelineCsv(report: Report): string {
  const persons = new Map((report.linkage?.persons ?? []).map((p) => [p.id, p]));
  const rows = (report.events ?? []).map((e) => {
    const person = persons.get(e.person);
    const name = [person?.name.given, person?.name.family].filter(Boolean).join(' ');
    return [name, ageAtEvent(report, person, e), ...eventCells(e), ...extraCells(report, e)];
  });
  return csvLines([[...TIMELINE_CSV_COLUMNS, ...extraColumns(report)], ...rows]);
}

export const csvFormat: OutputFormat = {
  name: 'csv',
  views: { merge: mergeCsv, timeline: timelineCsv },
};
