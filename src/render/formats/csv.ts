import type { OutputFormat, Report } from '../report.js';

/** Excel runs a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const MERGE_CSV_COLUMNS = [
  'id', 'person', 'date', 'end_date', 'type', 'severity', 'agencies', 'source', 'threshold_met',
  'outcome', 'description', 'impact', 'sources',
] as const;

/** One row per merged event; `sources` lists every input record as file:line, `;`-separated. */
function mergeCsv(report: Report): string {
  const lines = [MERGE_CSV_COLUMNS.join(',')];
  for (const e of report.events ?? []) {
    const cells = [
      e.id, e.person, e.date, e.end_date, e.type, e.severity, e.agencies.join('; '), e.source,
      e.threshold_met === undefined ? undefined : e.threshold_met ? 'yes' : 'no',
      e.outcome, e.description, e.impact, e.sources.map((s) => `${s.file}:${s.line}`).join('; '),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const csvFormat: OutputFormat = {
  name: 'csv',
  views: { merge: mergeCsv },
};
