import { annotationLines } from '../../pipeline/annotate.js';
import { CAUTION, type Indicator, type PersonAnalysis } from '../../analyse/index.js';
import { ageAtEvent, anonymisationOf } from '../../anonymise/index.js';
import { compareRefs } from '../../model/record.js';
import { SEVERITY_WORDS } from '../../model/vocabulary.js';
import type { ChronologyEvent, Person } from '../../model/stages.js';
import { summaryOf } from '../documents.js';
import { accountsOf, differenceText } from '../accounts.js';
import type { Report } from '../report.js';
import { anchorId, escapeHtml as h } from './escape.js';
import { dateLabel, severityLabel, sourceLabels, typeLabel, whenLabel } from './event-text.js';
import { LEVEL_LABEL, LEVEL_TITLE } from '../text/analysis.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const STRENGTH_KIND = { safety: 'safety (someone stepped in)', protective: 'protective factor', resilience: 'resilience' } as const;
const pct = (share: number | undefined): string => (share === undefined ? 'n/a' : `${Math.round(share * 100)}%`);

export function personName(person: Person): string {
  return [person.name.given, person.name.family].filter(Boolean).join(' ') || '(no name)';
}

/** A link to an event's row in the chronology, or plain text when the event is not in this report. */
export function eventLink(id: string, shown: ReadonlySet<string>, text = id): string {
  return shown.has(id) ? `<a href="#${anchorId(id)}">${h(text)}</a>` : h(text);
}

/** The title, the caution (every human-readable output carries it), the counts and the files read. */
export function reportHeader(report: Report, title: string): string {
  const s = summaryOf(report.load, report.linkage?.persons.length, report.events?.length);
  const counts: Array<[string, number]> = [
    ['rows read', s.rows],
    ['accepted', s.accepted],
    ['rejected', s.rejected],
    ...(s.skipped > 0 ? [['skipped by profile rules', s.skipped] as [string, number]] : []),
    ['with warnings', s.warned],
    ['people', s.persons ?? 0],
    ['events after merging', s.events ?? 0],
  ];
  const files = s.files.map(
    (f) =>
      `<tr><td><code>${h(f.file)}</code></td><td>${h(f.error ? `unreadable: ${f.error}` : `${f.format ?? ''} ${f.encoding ?? ''}`.trim())}</td>` +
      `<td class="num">${f.rows}</td><td class="num">${f.accepted}</td><td class="num">${f.rejected}</td><td class="num">${f.skipped}</td><td class="num">${f.warned}</td></tr>`,
  );
  return [
    '<header>',
    `<h1>${h(title)}</h1>`,
    `<p class="caution" role="note"><strong>Caution.</strong> ${h(CAUTION)}</p>`,
    `<dl class="counts">${counts.map(([label, n]) => `<div><dt>${h(label)}</dt><dd>${n}</dd></div>`).join('')}</dl>`,
    '<table class="files"><caption>Files read</caption>',
    '<thead><tr><th scope="col">file</th><th scope="col">read as</th><th scope="col">rows</th><th scope="col">accepted</th><th scope="col">rejected</th><th scope="col">skipped</th><th scope="col">warned</th></tr></thead>',
    `<tbody>${files.join('')}</tbody></table>`,
    '</header>',
  ].join('\n');
}

export function contents(entries: ReadonlyArray<{ id: string; label: string; badge?: string }>): string {
  if (entries.length === 0) return '';
  const items = entries.map((e) => `<li><a href="#person-${anchorId(e.id)}">${h(e.label)}</a>${e.badge ?? ''}</li>`);
  return `<nav aria-label="People in this report"><h2>People</h2><ul class="contents">${items.join('')}</ul></nav>`;
}

export function levelBadge(level: PersonAnalysis['level']): string {
  return `<span class="badge level-${level}">${h(LEVEL_LABEL[level].toLowerCase())}</span>`;
}

/** The line under a person's name: date of birth (only its age, once anonymised), role and household. */
export function personFacts(report: Report, person: Person, events: readonly ChronologyEvent[], analysis?: PersonAnalysis): string {
  const anonymised = anonymisationOf(report) !== undefined;
  const last = events[events.length - 1];
  const age = last ? ageAtEvent(report, person, last) : undefined;
  const facts = [
    ...(anonymised ? [] : [person.dob ? `born ${dateLabel(person.dob)}` : 'date of birth not recorded']),
    ...(age === undefined ? [] : [`aged ${age} at the last event`]),
    ...(analysis ? [analysis.role === 'unknown' ? 'role unknown' : analysis.role] : []),
    ...(analysis?.household ? [`household ${analysis.household}`] : []),
    plural(events.length, 'event'),
  ];
  return `<p class="facts">${facts.map(h).join(' · ')}</p>`;
}

export function levelBlock(analysis: PersonAnalysis): string {
  return `<p class="level">${h(LEVEL_TITLE)}: ${levelBadge(analysis.level)} <span>${h(analysis.level_reason)}</span></p>`;
}

/** The guidance's five dimensions, the system's pattern and the strengths, as a definition list. */
export function dimensions(p: PersonAnalysis, shown: ReadonlySet<string>): string {
  const f = p.frequency;
  const t = p.type;
  const s = p.severity;
  const d = p.duration;
  const sys = p.system;
  const rows: Array<[string, string]> = [
    [
      'Frequency',
      h(
        `${plural(f.concerns, 'concern')}` +
          (f.peak_window ? `; at most ${f.peak_window.count} in ${f.peak_window.days} days (from ${dateLabel(f.peak_window.start)})` : '') +
          `; ${f.acceleration.earlier_half} in the earlier half of the span, ${f.acceleration.later_half} in the later` +
          (f.acceleration.accelerating ? ' (accelerating)' : '') +
          (f.intervals ? `; median ${f.intervals.median} days between concerns` : ''),
      ),
    ],
    [
      'Type',
      h(t.concern_types.map((c) => `${typeLabel(c.type)} ${c.count}`).join(', ') || 'no concerns') +
        (t.co_occurring.length > 0
          ? `<br>co-occurring within a year: ${h(t.co_occurring.map((c) => c.types.map(typeLabel).join(' + ')).join('; '))}`
          : ''),
    ],
    [
      'Severity',
      h(
        `highest ${s.max ?? 'not rated'}; ${s.low_level.count} low level (≤ ${s.low_level.max_severity}, ${pct(s.low_level.share)})` +
          (s.trend.first_third_mean !== undefined && s.trend.last_third_mean !== undefined
            ? `; mean ${s.trend.first_third_mean} in the earliest third of rated concerns, ${s.trend.last_third_mean} in the latest`
            : '') +
          `; rated ${[1, 2, 3, 4, 5]
            .filter((n) => s.distribution[n as 1] > 0)
            .map((n) => `${n} (${SEVERITY_WORDS[n - 1]}): ${s.distribution[n as 1]}`)
            .join(', ') || 'none'}; ${s.distribution.unknown} not rated`,
      ),
    ],
    [
      'Source',
      h(
        p.source.sources
          .map((x) => {
            const who = p.source.people.find((person) => person.person === x.person);
            const held = who === undefined ? '' : `; ${who.person}${who.name === undefined ? '' : ` ${who.name}`}`;
            return `${x.source} ${x.count} (${x.category.replace(/_/g, ' ')}${held})`;
          })
          .join(', ') || 'none recorded',
      ) + (p.source.unrecorded > 0 ? h(`; ${p.source.unrecorded} harm events without a recorded source`) : ''),
    ],
    [
      'Duration',
      h(
        (d.first ? `${dateLabel(d.first)} to ${dateLabel(d.last ?? d.first)} (${d.span_days ?? 0} days)` : 'no concerns') +
          `; ${plural(d.episodes.length, 'episode')}` +
          (d.longest_episode ? `, the longest ${d.longest_episode.days} days` : '') +
          (d.plans.days > 0 ? `; ${d.plans.days} days under plans` : '') +
          `; ${d.referrals.threshold_not_met} of ${plural(d.referrals.total, 'referral')} below threshold`,
      ),
    ],
    [
      'System',
      h(
        `${sys.referrals_below_threshold.length} referrals below threshold, ${sys.closed_before_engagement.length} closed before engagement, ` +
          `${sys.start_again.length} start-again, ${sys.missed_appointments.total} missed appointments (${sys.missed_appointments.health} health), ` +
          `${plural(sys.single_agency_concerns.length, 'concern type')} recorded by one agency only` +
          (sys.disagreements.length > 0 ? `, ${plural(sys.disagreements.length, 'event')} the agencies disagreed about` : '') +
          (sys.long_gaps.length > 0 ? `, ${plural(sys.long_gaps.length, 'long gap')} in contact` : ''),
      ) +
        (sys.single_agency_concerns.length > 0
          ? `<br>recorded by one agency only: ${h(sys.single_agency_concerns.map((c) => `${typeLabel(c.type)} (${c.agency})`).join(', '))}`
          : ''),
    ],
    [
      'Strengths',
      p.strengths.length === 0
        ? 'none recorded'
        : `<ul>${p.strengths
            .map((x) => `<li>${eventLink(x.event, shown, dateLabel(x.date))} <span class="muted">${h(STRENGTH_KIND[x.kind])}:</span> ${h(x.description ?? '')}</li>`)
            .join('')}</ul>`,
    ],
    ...(p.caring_roles.length === 0
      ? []
      : [
          [
            'Needs',
            `<ul>${p.caring_roles
              .map((x) => `<li>${eventLink(x.event, shown, dateLabel(x.date))} <span class="muted">caring role, not a strength:</span> ${h(x.description ?? '')}</li>`)
              .join('')}</ul>`,
          ] as [string, string],
        ]),
  ];
  return `<dl class="dimensions">${rows.map(([term, text]) => `<div><dt>${term}</dt><dd>${text}</dd></div>`).join('')}</dl>`;
}

function threshold(indicator: Indicator): string {
  return Object.entries(indicator.rule.threshold)
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(' | ') : String(v)}`)
    .join(', ');
}

export function indicatorList(indicators: readonly Indicator[], events: ReadonlyMap<string, ChronologyEvent>, shown: ReadonlySet<string>): string {
  if (indicators.length === 0) return '<p>No indicator fired.</p>';
  const listed = new Map<string, string>();
  const items = indicators.map((i) => {
    // A long evidence list already shown under an earlier indicator is named, not repeated.
    const key = i.events.join(' ');
    const earlier = listed.get(key);
    if (earlier === undefined) listed.set(key, i.code);
    const evidence = i.events.map((id) => {
      const e = events.get(id);
      return `<li>${eventLink(id, shown)}${e ? ` <span>${h(dateLabel(e.date))} ${h(typeLabel(e.type))}</span>` : ''}</li>`;
    });
    const limits = threshold(i);
    return (
      `<li class="indicator indicator-${i.severity}">` +
      `<p class="indicator-head"><span class="badge indicator-badge-${i.severity}">${h(i.severity)}</span> <code>${h(i.code)}</code></p>` +
      `<p class="indicator-summary">${h(i.summary)}</p>` +
      `<details><summary>Rule <code>${h(i.rule.id)}</code>${limits ? `: ${h(limits)}` : ''}</summary><p class="rule">${h(i.rule.description)}</p></details>` +
      (earlier !== undefined && i.events.length > 1
        ? `<p class="evidence-title">Evidence: the same ${plural(i.events.length, 'event')} as <code>${h(earlier)}</code> above</p>`
        : `<p class="evidence-title">Evidence: ${plural(i.events.length, 'event')}</p><ul class="evidence">${evidence.join('')}</ul>`) +
      '</li>'
    );
  });
  return `<ol class="indicators">${items.join('')}</ol>`;
}

/** The person's chronology: one row per merged event, anchored by its id, with every source. */
export function chronologyTable(report: Report, person: Person, events: readonly ChronologyEvent[]): string {
  const rows = events.map((e) => {
    const age = ageAtEvent(report, person, e);
    const accounts = accountsOf(report, e);
    const differ = differenceText(report, e);
    // Each agency's own account of a merged event: one agency's text never stands for the others'.
    const told =
      new Set(accounts.map((a) => `${a.description ?? ''}\u0000${a.impact ?? ''}`)).size > 1
        ? accounts
            .map(
              (a) =>
                `<p class="account"><span>${h(a.agency)}:</span> ${h(a.description ?? '')}` +
                `${a.impact ? ` <span>Impact:</span> ${h(a.impact)}` : ''}</p>`,
            )
            .join('')
        : (e.description ? `<p>${h(e.description)}</p>` : '') + (e.impact ? `<p class="more"><span>Impact:</span> ${h(e.impact)}</p>` : '');
    const details = [
      e.change === 'new' || e.change === 'updated' ? `<p class="change"><strong>${e.change}</strong> since the last review</p>` : '',
      told,
      differ === '' && e.outcome ? `<p class="more"><span>Outcome:</span> ${h(e.outcome)}</p>` : '',
      differ === '' ? '' : `<p class="more differ">${h(differ)}</p>`,
      e.impact ? `<p class="more"><span>Impact:</span> ${h(e.impact)}</p>` : '',
      e.source ? `<p class="more"><span>Harm by:</span> ${h(e.source)}</p>` : '',
      e.threshold_met === undefined ? '' : `<p class="more"><span>Threshold met:</span> ${e.threshold_met ? 'yes' : 'no'}</p>`,
      ...annotationLines(e).map((line) => `<p class="annotation">${h(line)}</p>`),
    ].join('');
    return (
      `<tr id="${anchorId(e.id)}"><th scope="row">${h(e.id)}</th><td class="date">${h(whenLabel(e))}</td><td class="num">${age ?? ''}</td>` +
      `<td>${h(typeLabel(e.type))}</td><td class="sev sev-${e.severity ?? 'none'}">${h(severityLabel(e.severity))}</td>` +
      `<td>${e.agencies.map(h).join('<br>')}</td><td class="what">${details}</td>` +
      `<td class="sources">${sourceLabels(e).map(h).join('<br>')}</td></tr>`
    );
  });
  return (
    `<table class="chronology"><caption>Chronology of ${h(personName(person))} (${h(person.id)})</caption>` +
    '<thead><tr><th scope="col">event</th><th scope="col">date</th><th scope="col">age</th><th scope="col">type</th><th scope="col">severity</th>' +
    '<th scope="col">agencies</th><th scope="col">what happened</th><th scope="col">sources (file:line)</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** Households as the analysis formed them, and why. */
export function householdList(report: Report): string {
  const households = report.analysis?.households ?? [];
  if (households.length === 0) return '';
  const items = households.map(
    (x) => `<li><strong>${h(x.id)}</strong>: ${x.members.map((m) => `<a href="#person-${anchorId(m)}">${h(m)}</a>`).join(', ')} <span class="muted">(${h(x.basis.join('; '))})</span></li>`,
  );
  return `<section aria-labelledby="households"><h2 id="households">Households</h2><ul>${items.join('')}</ul></section>`;
}

/** Rows that were not used, with file:line and reason, so that nothing is silently dropped. */
export function problems(report: Report): string {
  const { load } = report;
  const block = (title: string, items: ReadonlyArray<{ file: string; line: number; reason: string }>): string =>
    items.length === 0
      ? ''
      : `<h3>${h(title)} (${items.length})</h3><table class="problems"><thead><tr><th scope="col">file:line</th><th scope="col">reason</th></tr></thead><tbody>${[...items]
          .sort(compareRefs)
          .map((i) => `<tr><td><code>${h(`${i.file}:${i.line}`)}</code></td><td>${h(i.reason)}</td></tr>`)
          .join('')}</tbody></table>`;
  const failures =
    load.failures.length === 0
      ? ''
      : `<h3>Unreadable files (${load.failures.length})</h3><ul>${load.failures.map((f) => `<li>${h(f.message)}</li>`).join('')}</ul>`;
  const body = failures + block('Rejected rows', load.rejected) + block('Skipped rows', load.skipped);
  return `<section class="problems-section" aria-labelledby="not-used"><h2 id="not-used">Rows not used</h2>${body || '<p>Every row read was used.</p>'}</section>`;
}

/** Rows used with a warning (a value not used, kept as other), and notes on whole files, beside the rows not used. */
export function warnings(report: Report): string {
  const { load } = report;
  const rows = [...load.warnings]
    .sort(compareRefs)
    .map((w) => `<tr><td><code>${h(`${w.file}:${w.line}`)}</code></td><td>${h(w.field ?? '')}</td><td>${h(w.message)}</td></tr>`);
  const table =
    rows.length === 0
      ? '<p>No row was read with a warning.</p>'
      : `<h3>Warnings on rows that were used (${rows.length})</h3><table class="problems"><thead><tr><th scope="col">file:line</th><th scope="col">field</th><th scope="col">warning</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const notes = load.files.flatMap((f) => f.notes.map((n) => `<li><code>${h(f.file)}</code>: ${h(n)}</li>`));
  const noteList = notes.length === 0 ? '' : `<h3>Notes on files (${notes.length})</h3><ul>${notes.join('')}</ul>`;
  return `<section class="problems-section" aria-labelledby="warnings"><h2 id="warnings">Warnings</h2>${table}${noteList}</section>`;
}
