import { annotationLines } from '../../pipeline/annotate.js';
import { changeMark } from '../../pipeline/since.js';
import { CAUTION, type Indicator, type PersonAnalysis } from '../../analyse/index.js';
import { ageAtEvent } from '../../anonymise/index.js';
import { compareRefs } from '../../model/record.js';
import type { ChronologyEvent, Person } from '../../model/stages.js';
import { accountText, differenceText } from '../accounts.js';
import { readingOrder } from '../order.js';
import type { SortOrder } from '../sort-orders.js';
import type { OutputFormat, Report } from '../report.js';
import { dimensionEntries, label, LEVEL_LABEL, LEVEL_TITLE } from '../text/analysis.js';
import { countsLine } from '../text/summary.js';
import { eventsByPerson, personHeading, shownDate } from '../text/timeline.js';

/**
 * User text as literal Markdown inside a table cell or list item (never at the start of a line):
 * the characters GitHub Markdown reads as inline syntax, tables, entities or maths are
 * backslash-escaped, and line breaks become spaces so that a cell never ends its row.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&$]/g, (c) => `\\${c}`);
}

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** The chronology of one person: one row per event, with its agencies and a footnote to its sources. */
function chronologyTable(report: Report, person: Person, events: readonly ChronologyEvent[]): string {
  if (events.length === 0) return '_No events shown._';
  return [
    row(['Date', 'Age', 'Type', 'Severity', 'Recorded by', 'Description']),
    row(['---', '--:', '---', '--:', '---', '---']),
    ...events.map((e) =>
      row([
        escapeMarkdown(shownDate(e.date)),
        String(ageAtEvent(report, person, e) ?? ''),
        escapeMarkdown(label(e.type)),
        e.severity === undefined ? '' : String(e.severity),
        `${escapeMarkdown(e.agencies.join(', '))}[^${e.id}]`,
        [
          escapeMarkdown(
            [changeMark(e).trim(), e.previous_id && `(was ${e.previous_id})`, accountText(report, e, true), e.impact && `Impact: ${e.impact}`, ...annotationLines(e)]
              .filter(Boolean)
              .join(' '),
          ),
          differenceText(report, e),
        ]
          .filter((t) => t !== '')
          .map((t, i) => (i === 0 ? t : `_${escapeMarkdown(t)}_`))
          .join(' '),
      ]),
    ),
  ].join('\n');
}

/** Every input record behind an event: file:line, agency and, unless anonymised, the agency's record id. */
function footnote(event: ChronologyEvent): string {
  const sources = event.sources.map((s) =>
    escapeMarkdown(`${s.file}:${s.line} (${s.agency}${s.record_id === undefined ? '' : `, ${s.record_id}`})`),
  );
  return `[^${event.id}]: ${event.id}: ${sources.join('; ')}`;
}

function indicatorBlock(indicator: Indicator, shown: ReadonlySet<string>): string {
  const threshold = Object.entries(indicator.rule.threshold)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`)
    .join(', ');
  const evidence = indicator.events.map((id) => (shown.has(id) ? `${id}[^${id}]` : id));
  return [
    `- **${indicator.severity}: ${escapeMarkdown(indicator.code)}**: ${escapeMarkdown(indicator.summary)}`,
    `  - Rule: ${escapeMarkdown(indicator.rule.description)}${threshold ? ` (${escapeMarkdown(threshold)})` : ''}`,
    `  - Evidence: ${evidence.join(', ')}`,
  ].join('\n');
}

function analysisBlock(p: PersonAnalysis, shown: ReadonlySet<string>): string {
  return [
    '### Analysis',
    '',
    ...dimensionEntries(p).map(([name, text]) => `- **${name}**: ${escapeMarkdown(text)}`),
    `- **Strengths**: ${p.strengths.length === 0 ? 'none recorded' : `${p.strengths.length} recorded`}`,
    ...p.strengths.map((x) => `  - ${escapeMarkdown(x.date)}: ${escapeMarkdown(x.description ?? '')}`),
    '',
    '### Indicators',
    '',
    p.indicators.length === 0 ? 'None fired.' : p.indicators.map((i) => indicatorBlock(i, shown)).join('\n'),
  ].join('\n');
}

function problems(report: Report): string {
  const rejected = [...report.load.rejected];
  if (rejected.length === 0) return '';
  return [
    `## Rejected rows (${rejected.length})`,
    '',
    ...rejected.map((r) => `- ${escapeMarkdown(`${r.file}:${r.line}`)}: ${escapeMarkdown(r.reason)}`),
  ].join('\n');
}

/** Rows used with a warning and notes on whole files, after the rejected rows: the report shows what it read with doubts. */
function warnings(report: Report): string {
  const { load } = report;
  const notes = load.files.flatMap((f) => f.notes.map((n) => `- ${escapeMarkdown(f.file)}: ${escapeMarkdown(n)}`));
  if (load.warnings.length === 0 && notes.length === 0) return '';
  return [
    ...(load.warnings.length === 0
      ? []
      : [
          `## Warnings (${load.warnings.length})`,
          '',
          ...[...load.warnings].sort(compareRefs).map((w) => `- ${escapeMarkdown(`${w.file}:${w.line}`)}: ${escapeMarkdown(w.message)}`),
        ]),
    ...(notes.length === 0 ? [] : [...(load.warnings.length === 0 ? [] : ['']), `## Notes on files (${notes.length})`, '', ...notes]),
  ].join('\n');
}

function document(report: Report, title: string, withAnalysis: boolean, sort?: SortOrder): string {
  const byPerson = eventsByPerson(report);
  const persons = report.linkage?.persons ?? [];
  const analyses = new Map((report.analysis?.persons ?? []).map((p) => [p.id, p]));
  const byId = new Map(persons.map((p) => [p.id, p]));
  const shownPersons = withAnalysis
    ? readingOrder([...analyses.values()], sort).flatMap((a) => byId.get(a.id) ?? [])
    : persons.filter((p) => byPerson.has(p.id));
  const shownEvents = shownPersons.flatMap((p) => byPerson.get(p.id) ?? []);
  const shownIds = new Set(shownEvents.map((e) => e.id));
  const sections = shownPersons.map((person) => {
    const analysis = analyses.get(person.id);
    return [
      `## ${escapeMarkdown(personHeading(person, report))}`,
      ...(person.annotation?.note ? ['', `Note: ${escapeMarkdown(person.annotation.note)}`] : []),
      ...(analysis
        ? [
            '',
            `${escapeMarkdown(`${analysis.role}${analysis.household ? `, household ${analysis.household}` : ''}`)}. ` +
              `**${LEVEL_TITLE}: ${LEVEL_LABEL[analysis.level]}**: ${escapeMarkdown(analysis.level_reason)}`,
          ]
        : []),
      '',
      '### Chronology',
      '',
      chronologyTable(report, person, byPerson.get(person.id) ?? []),
      ...(analysis ? ['', analysisBlock(analysis, shownIds)] : []),
    ].join('\n');
  });
  const blocks = [
    `# ${title}`,
    `> ${escapeMarkdown(CAUTION)}`,
    escapeMarkdown(countsLine(report, persons.length, report.events?.length)),
    ...sections,
    problems(report),
    warnings(report),
    shownEvents.map(footnote).join('\n'),
  ];
  return `${blocks.filter((b) => b.length > 0).join('\n\n')}\n`;
}

export const markdownFormat: OutputFormat = {
  name: 'markdown',
  views: {
    timeline: (report) => document(report, 'Multi-agency chronology', false),
    analyse: (report, options) => document(report, 'Multi-agency chronology and cumulative-harm analysis', true, options.sort),
  },
};
