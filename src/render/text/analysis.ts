import { CAUTION, type Indicator, type PersonAnalysis } from '../../analyse/index.js';
import type { ChronologyEvent } from '../../model/stages.js';
import { readingOrder } from '../order.js';
import type { RenderOptions, Report } from '../report.js';
import { countsLine, problemsBlock } from './summary.js';
import { painter, wrapText } from './table.js';
import { annotationBlock, eventsByPerson, eventsTable, personHeading, shownDate, yearStrip } from './timeline.js';

export const LEVEL_LABEL = {
  not_assessed: 'not assessed',
  none: 'none',
  emerging: 'EMERGING',
  marked: 'MARKED',
  extensive: 'EXTENSIVE',
} as const;
/** What a level is, where it is shown: a count of findings, never a legal threshold. */
export const LEVEL_TITLE = 'Indicator level (how far the findings reach; not a legal threshold)';
export const label = (type: string): string => type.replace(/_/g, ' ');
const pct = (share: number | undefined): string => (share === undefined ? 'n/a' : `${Math.round(share * 100)}%`);
/** The terminal shows the first few items of a long list; JSON and the other formats carry them all. */
const SHOWN = 8;
const more = (total: number): string => (total > SHOWN ? `, and ${total - SHOWN} more` : '');

/** Sources as recorded, each with the person the records tie it to: "father 2 (intra familial; P004 Craig Fenner)". */
function sourceText(p: PersonAnalysis): string {
  const names = new Map(p.source.people.map((x) => [x.person, x.name === undefined ? x.person : `${x.person} ${x.name}`]));
  const sources = p.source.sources.map(
    (x) => `${x.source} ${x.count} (${label(x.category)}${x.person === undefined ? '' : `; ${names.get(x.person) ?? x.person}`})`,
  );
  if (sources.length === 0) return 'none recorded';
  const people = p.source.people.length;
  const roles = p.source.unresolved_roles.length;
  return `${sources.join(', ')}; ${people} ${people === 1 ? 'person' : 'people'} identified, ${roles} role${roles === 1 ? '' : 's'} not tied to anyone`;
}

/** The five dimensions of the guidance and the system pattern, each as a label and one sentence. */
export function dimensionEntries(p: PersonAnalysis): [label: string, text: string][] {
  const f = p.frequency;
  const t = p.type;
  const s = p.severity;
  const d = p.duration;
  const sys = p.system;
  const byType = t.concern_types.map((c) => `${label(c.type)} ${c.count}`).join(', ') || 'none';
  return [
    ['Frequency', `${f.concerns} concerns` +
      (f.peak_window ? `; at most ${f.peak_window.count} in ${f.peak_window.days} days (from ${f.peak_window.start})` : '') +
      (f.acceleration.accelerating ? `; accelerating (${f.acceleration.earlier_half} then ${f.acceleration.later_half})` : '') +
      (f.intervals ? `; median ${f.intervals.median} days between concerns` : '')],
    ['Type', byType +
      (t.co_occurring.length > 0
        ? `; co-occurring: ${t.co_occurring.slice(0, SHOWN).map((c) => c.types.map(label).join(' + ')).join(', ')}${more(t.co_occurring.length)}`
        : '')],
    ['Severity', `max ${s.max ?? 'unknown'}; ${s.low_level.count} low level (≤${s.low_level.max_severity}, ${pct(s.low_level.share)})` +
      (s.trend.first_third_mean !== undefined && s.trend.last_third_mean !== undefined
        ? `; mean ${s.trend.first_third_mean} in the earliest third, ${s.trend.last_third_mean} in the latest`
        : '')],
    ['Source', sourceText(p)],
    ['Duration', `${d.first ? `${d.first} to ${d.last} (${d.span_days} days)` : 'no concerns'}; ${d.episodes.length} episode${d.episodes.length === 1 ? '' : 's'}` +
      (d.longest_episode ? `, longest ${d.longest_episode.days} days` : '') +
      (d.plans.days > 0 ? `; ${d.plans.days} days under plans` : '') +
      `; ${d.referrals.threshold_not_met} of ${d.referrals.total} referrals below threshold`],
    ['System', `${sys.referrals_below_threshold.length} referrals below threshold, ${sys.closed_before_engagement.length} closed before engagement, ` +
      `${sys.start_again.length} start-again, ${sys.missed_appointments.total} missed appointments, ${sys.single_agency_concerns.length} concern types recorded by one agency only` +
      (sys.disagreements.length > 0 ? `, ${sys.disagreements.length} event${sys.disagreements.length === 1 ? '' : 's'} the agencies disagreed about` : '') +
      (sys.long_gaps.length > 0 ? `, ${sys.long_gaps.length} long gaps in contact` : '')],
  ];
}

/** The dimensions, the system pattern and strengths, one line each. */
function dimensionLines(p: PersonAnalysis, width: number): string[] {
  const lines = [
    ...dimensionEntries(p).map(([name, text]) => `${name.padEnd(10)} ${text}`),
    `Strengths  ${p.strengths.length === 0 ? 'none recorded' : `${p.strengths.length} recorded`}`,
    ...p.strengths.slice(0, SHOWN).map((x) => `           ${x.date}  ${x.kind}: ${x.description ?? ''}`.trimEnd()),
    ...(p.strengths.length > SHOWN ? [`           and ${p.strengths.length - SHOWN} more`] : []),
    ...p.caring_roles.map((x) => `Needs      ${x.date}  caring role, not a strength: ${x.description ?? ''}`.trimEnd()),
  ];
  return lines.map((line) => wrapText(`  ${line}`, width, '             '));
}

function indicatorLines(indicator: Indicator, events: Map<string, ChronologyEvent>, options: RenderOptions): string[] {
  const paint = painter(options.color);
  const tag = indicator.severity === 'serious' ? paint.red('serious') : indicator.severity === 'concern' ? paint.yellow('concern') : 'info';
  const threshold = Object.entries(indicator.rule.threshold)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`)
    .join(', ');
  return [
    wrapText(`  [${tag}] ${paint.bold(indicator.code)}: ${indicator.summary}`, options.width, '      '),
    wrapText(`      rule: ${indicator.rule.description}${threshold ? ` (${threshold})` : ''}`, options.width, '      '),
    ...indicator.events.slice(0, SHOWN).map((id) => {
      const e = events.get(id);
      return e ? `      ${id}  ${shownDate(e.date)}  ${label(e.type)}  ${e.agencies.join(', ')}` : `      ${id}  (not in the events shown)`;
    }),
    ...(indicator.events.length > SHOWN
      ? [`      and ${indicator.events.length - SHOWN} more evidence events (all of them in --format json)`]
      : []),
  ];
}

export function analyseText(report: Report, options: RenderOptions): string {
  const paint = painter(options.color);
  const analysis = report.analysis;
  const byPerson = eventsByPerson(report);
  const eventById = new Map((report.events ?? []).map((e) => [e.id, e]));
  const persons = new Map((report.linkage?.persons ?? []).map((p) => [p.id, p]));
  const blocks = readingOrder(analysis?.persons ?? [], options.sort).map((p) => {
    const person = persons.get(p.id)!;
    return [
      paint.bold(`${personHeading(person, report)}  ${p.role}${p.household ? `, household ${p.household}` : ''}`),
      wrapText(`${LEVEL_TITLE}: ${paint.bold(LEVEL_LABEL[p.level])}: ${p.level_reason}`, options.width, '  '),
      eventsTable(report, person, byPerson.get(p.id) ?? [], options),
      ...annotationBlock(person, byPerson.get(p.id) ?? []),
      yearStrip(byPerson.get(p.id) ?? [], options),
      ...dimensionLines(p, options.width),
      p.indicators.length > 0 ? 'Indicators' : 'Indicators: none fired',
      ...p.indicators.flatMap((i) => indicatorLines(i, eventById, options)),
    ].join('\n');
  });
  return `${[
    paint.italic(wrapText(CAUTION, options.width)),
    ...blocks,
    countsLine(report, report.linkage?.persons.length, report.events?.length),
    problemsBlock(report, options, false),
  ]
    .filter((b) => b.length > 0)
    .join('\n\n')}\n`;
}
