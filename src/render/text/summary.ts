import type { Rejected, Warning } from '../../model/record.js';
import { compareRefs } from '../../model/record.js';
import { oneLine } from '../../errors.js';
import { summaryOf } from '../documents.js';
import type { Report, RenderOptions } from '../report.js';
import { painter, textTable } from './table.js';

export function fileTable(report: Report, options: RenderOptions): string {
  const summary = summaryOf(report.load);
  const rows = summary.files.map((f) => [
    f.file,
    f.error ? 'unreadable' : `${f.format ?? ''} ${f.encoding ?? ''}`.trim(),
    f.rows,
    f.accepted,
    f.rejected,
    f.skipped,
    f.warned,
  ]);
  rows.push(['total', '', summary.rows, summary.accepted, summary.rejected, summary.skipped, summary.warned]);
  return textTable(['file', 'read as', 'rows', 'accepted', 'rejected', 'skipped', 'warned'], rows, options);
}

/** One sentence with the counts every summary states. */
export function countsLine(report: Report, persons?: number, events?: number): string {
  const s = summaryOf(report.load, persons, events);
  const parts = [
    `${s.rows} row${s.rows === 1 ? '' : 's'} read from ${s.files.length} file${s.files.length === 1 ? '' : 's'}`,
    `${s.accepted} accepted`,
    `${s.rejected} rejected`,
  ];
  if (s.skipped > 0) parts.push(`${s.skipped} skipped by profile rules`);
  parts.push(`${s.warned} with warnings`);
  const tail =
    persons === undefined ? '' : `; ${persons} ${persons === 1 ? 'person' : 'people'}, ${events ?? 0} event${events === 1 ? '' : 's'} after linking and merging`;
  return `${parts.join(', ')}${tail}${annotationsNote(report)}${sinceNote(report)}.`;
}

/** What --since found: the counts, and each person whose level or indicators changed. */
function sinceNote(report: Pick<Report, 'since'>): string {
  const s = report.since;
  if (s === undefined) return '';
  const gone = s.gone.length === 0 ? '' : `, ${s.gone.length} no longer present (${s.gone.join(', ')})`;
  const persons = (s.persons ?? []).map((p) => {
    const parts = [
      ...(p.level ? [`level ${p.level.from ?? 'none before'} → ${p.level.to}`] : []),
      ...(p.indicators_new.length ? [`new indicators ${p.indicators_new.join(', ')}`] : []),
      ...(p.indicators_gone.length ? [`indicators gone ${p.indicators_gone.join(', ')}`] : []),
    ];
    return `; ${p.person}: ${parts.join(', ')}`;
  });
  return `; since ${s.file}: ${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged${gone}${persons.join('')}`;
}

/** What --annotations did, so an excluded event is never left out without saying so. */
function annotationsNote(report: Pick<Report, 'annotations'>): string {
  const a = report.annotations;
  if (a === undefined) return '';
  const excluded = a.excluded.length === 0 ? '' : `, ${a.excluded.length} left out as relevance: exclude (${a.excluded.join(', ')})`;
  const unknown = a.unknown.length === 0 ? '' : `, ${a.unknown.length} not in this chronology (${a.unknown.join(', ')})`;
  return `; ${a.events} event and ${a.persons} person annotation${a.events + a.persons === 1 ? '' : 's'} from ${a.file}${excluded}${unknown}`;
}

function refLines(title: string, items: readonly (Rejected | Warning)[], options: RenderOptions): string[] {
  if (items.length === 0) return [];
  const paint = painter(options.color);
  const sorted = [...items].sort(compareRefs);
  return [
    paint.bold(`${title} (${items.length})`),
    ...sorted.map((i) => `  ${oneLine(`${i.file}:${i.line}  ${'reason' in i ? i.reason : i.message}`)}`),
  ];
}

/** The rejects, skipped rows and notes on files (and, when asked, the warnings), each with file:line. */
export function problemsBlock(report: Report, options: RenderOptions, withWarnings: boolean): string {
  const { load } = report;
  const notes = load.files.flatMap((f) => f.notes.map((n) => `  ${oneLine(`${f.file}: ${n}`)}`));
  const lines = [
    ...(load.failures.length > 0 ? [painter(options.color).bold(`Unreadable files (${load.failures.length})`)] : []),
    ...load.failures.map((f) => `  ${oneLine(f.message)}`),
    ...refLines('Rejected', load.rejected, options),
    ...refLines('Skipped', load.skipped, options),
    ...(withWarnings ? refLines('Warnings', load.warnings, options) : []),
    ...(notes.length > 0 ? [painter(options.color).bold(`File notes (${notes.length})`), ...notes] : []),
  ];
  return lines.join('\n');
}
