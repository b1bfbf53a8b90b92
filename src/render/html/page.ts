import { createHash } from 'node:crypto';
import { annotationLines } from '../../pipeline/annotate.js';
import type { PersonAnalysis } from '../../analyse/index.js';
import type { ChronologyEvent, Person } from '../../model/stages.js';
import { readingOrder } from '../order.js';
import type { SortOrder } from '../sort-orders.js';
import type { Report } from '../report.js';
import { axisFor, type TimeAxis } from './axis.js';
import { anchorId, escapeHtml as h } from './escape.js';
import { accountText, differenceText } from '../accounts.js';
import { severityLabel, sourceLabels, typeLabel, whenLabel } from './event-text.js';
import { frequencyChart } from './frequency-chart.js';
import { PAGE_SCRIPT } from './script.js';
import {
  chronologyTable,
  contents,
  dimensions,
  householdList,
  indicatorList,
  levelBadge,
  levelBlock,
  personFacts,
  personName,
  problems,
  reportHeader,
  warnings,
} from './sections.js';
import { PAGE_STYLE } from './styles.js';
import { timelineChart, timelineLegend } from './timeline-chart.js';

export type HtmlView = 'analyse' | 'timeline';

const TITLES: Record<HtmlView, string> = {
  analyse: 'Multi-agency chronology and cumulative-harm analysis',
  timeline: 'Multi-agency chronology',
};

/** The escaped content the script copies into the tooltip when a marker is hovered or focused. */
function detailTemplate(report: Report, e: ChronologyEvent): string {
  const differ = differenceText(report, e);
  const merged = e.sources.length > 1 ? `Merged from ${e.sources.length} records` : 'Recorded by';
  return (
    `<template id="detail-${anchorId(e.id)}">` +
    `<p><strong>${h(whenLabel(e))}</strong> · ${h(typeLabel(e.type))} · severity ${h(severityLabel(e.severity))} · ${h(e.id)}</p>` +
    (accountText(report, e) ? `<p>${h(accountText(report, e))}</p>` : '') +
    (differ !== '' ? `<p>${h(differ)}</p>` : e.outcome ? `<p>Outcome: ${h(e.outcome)}</p>` : '') +
    annotationLines(e).map((line) => `<p>${h(line)}</p>`).join('') +
    `<p>${merged}:</p><ul>${sourceLabels(e).map((s) => `<li>${h(s)}</li>`).join('')}</ul>` +
    '</template>'
  );
}

function timelineBlock(report: Report, person: Person, events: readonly ChronologyEvent[], axis: TimeAxis): string {
  const label = `${person.id} ${personName(person)}`;
  const group = `lanes-${anchorId(person.id)}`;
  const choice = (value: 'type' | 'agency', text: string, checked: boolean): string =>
    `<span><input type="radio" name="${group}" id="${group}-${value}" value="${value}"${checked ? ' checked' : ''}><label for="${group}-${value}">${text}</label></span>`;
  return [
    '<h3>Timeline</h3>',
    `<fieldset class="lane-switch"><legend>Lanes:</legend>${choice('type', 'one per type', true)}${choice('agency', 'one per agency', false)}</fieldset>`,
    '<div class="chart-wrap">',
    `<figure class="timeline by-type">${timelineChart(label, events, axis, 'type')}</figure>`,
    `<figure class="timeline by-agency">${timelineChart(label, events, axis, 'agency')}</figure>`,
    '<div class="tip" aria-live="polite" hidden></div>',
    '</div>',
    timelineLegend(),
    '<p class="muted">Hover over or Tab to a marker for its details and sources; select it to go to its row in the chronology.</p>',
    events.map((e) => detailTemplate(report, e)).join(''),
    '<h3>Concerns per year</h3>',
    frequencyChart(label, events, axis),
  ].join('\n');
}

function personSection(
  report: Report,
  person: Person,
  events: readonly ChronologyEvent[],
  analysis: PersonAnalysis | undefined,
  eventById: ReadonlyMap<string, ChronologyEvent>,
  shown: ReadonlySet<string>,
): string {
  const id = anchorId(person.id);
  // Each person's own years: a shared axis would start decades before a younger person's first event.
  const axis = axisFor(events);
  return [
    `<section class="person" id="person-${id}" aria-labelledby="name-${id}">`,
    `<h2 id="name-${id}"><span class="pid">${h(person.id)}</span>${h(personName(person))}</h2>`,
    ...(person.annotation?.note ? [`<p class="annotation">Note: ${h(person.annotation.note)}</p>`] : []),
    personFacts(report, person, events, analysis),
    analysis ? levelBlock(analysis) : '',
    axis && events.length > 0 ? timelineBlock(report, person, events, axis) : '<p class="no-events">No events recorded.</p>',
    ...(analysis
      ? [
          '<h3>The five dimensions, the system and strengths</h3>',
          dimensions(analysis, shown),
          `<h3>Indicators (${analysis.indicators.length})</h3>`,
          indicatorList(analysis.indicators, eventById, shown),
        ]
      : []),
    events.length > 0 ? `<h3>Chronology</h3>${chronologyTable(report, person, events)}` : '',
    '</section>',
  ].join('\n');
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The whole report as one self-contained HTML document: a pure function of the report. */
export function htmlPage(report: Report, view: HtmlView, sort?: SortOrder): string {
  const events = report.events ?? [];
  const byPerson = new Map<string, ChronologyEvent[]>();
  for (const e of events) {
    const list = byPerson.get(e.person);
    if (list) list.push(e);
    else byPerson.set(e.person, [e]);
  }
  const eventById = new Map(events.map((e) => [e.id, e]));
  const shown = new Set(events.map((e) => e.id));
  const persons = new Map((report.linkage?.persons ?? []).map((p) => [p.id, p]));
  const analysed = view === 'analyse' ? readingOrder(report.analysis?.persons ?? [], sort) : undefined;
  const entries = analysed
    ? analysed.flatMap((a) => {
        const person = persons.get(a.id);
        return person ? [{ person, analysis: a as PersonAnalysis | undefined }] : [];
      })
    : [...persons.values()].filter((p) => byPerson.has(p.id)).map((person) => ({ person, analysis: undefined }));

  const sections = entries.map(({ person, analysis }) =>
    personSection(report, person, byPerson.get(person.id) ?? [], analysis, eventById, shown),
  );
  const nav = contents(
    entries.map(({ person, analysis }) => ({
      id: person.id,
      label: `${person.id} ${personName(person)}`,
      ...(analysis ? { badge: levelBadge(analysis.level) } : {}),
    })),
  );
  const policy = `default-src 'none'; style-src ${sha256(PAGE_STYLE)}; script-src ${sha256(PAGE_SCRIPT)}; img-src data:; form-action 'none'; base-uri 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(TITLES[view])}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the report</a>',
    '<main id="main">',
    reportHeader(report, TITLES[view]),
    nav,
    view === 'analyse' ? householdList(report) : '',
    ...sections,
    problems(report),
    warnings(report),
    '</main>',
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
