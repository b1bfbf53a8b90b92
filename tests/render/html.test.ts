import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/index.js';
import { loadRules } from '../../src/analyse/rules-file.js';
import { anonymiseReport } from '../../src/anonymise/index.js';
import { linkConfig } from '../../src/link/index.js';
import { loadNicknames } from '../../src/link/nicknames-file.js';
import { buildChronology } from '../../src/pipeline/chronology.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { createMappingResolver } from '../../src/profile/resolve.js';
import { TEXT_PAIRS } from '../../src/render/html/palette.js';
import { rendererFor } from '../../src/render/registry.js';
import type { RenderOptions, Report } from '../../src/render/report.js';
import { FAMILY } from '../family.js';

const OPTIONS: RenderOptions = { color: false, width: 160 };
const HOSTILE = '<script>alert(1)</script> & "quoted" \'x\'';
const HOSTILE_NAME = '<img src=x onerror=alert(2)>';

/** The fixtures' report, built the way `chronology analyse` builds it; `tamper` edits the records first. */
async function familyReport(tamper?: (load: Report['load']) => void): Promise<Report> {
  const load = await loadInputs(FAMILY, await createMappingResolver({}));
  tamper?.(load);
  const chronology = buildChronology(load.records, linkConfig(loadNicknames()));
  const analysis = analyse({ records: load.records, persons: chronology.linkage.persons, events: chronology.events }, await loadRules());
  return { load, ...chronology, analysis };
}

const renderHtml = (report: Report, view: 'analyse' | 'timeline' = 'analyse'): string =>
  rendererFor(view, 'html')(report, OPTIONS);

/** WCAG 2 relative luminance and contrast ratio, written here independently of the renderer. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** What the page shows for a plain string. */
const h = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const idsIn = (html: string): Set<string> => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

describe('the HTML report of the fixtures', () => {
  let report: Report;
  let html: string;
  beforeAll(async () => {
    report = await familyReport();
    html = renderHtml(report);
  });

  it('is one self-contained file: nothing is fetched from anywhere', () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('allows exactly its own inline style and script by hash, so the browser runs them and nothing else', () => {
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(html).toContain(`style-src ${hash(styles[0]!)};`);
    expect(html).toContain(`script-src ${hash(scripts[0]!)};`);
    expect(scripts[0]).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('links every indicator to its evidence events, and every in-page link has its anchor', () => {
    const ids = idsIn(html);
    const evidence = report.analysis!.persons.flatMap((p) => p.indicators.flatMap((i) => i.events));
    expect(evidence.length).toBeGreaterThan(50);
    for (const id of evidence) {
      expect(html).toContain(`<a href="#${id}">`);
      expect(ids.has(id)).toBe(true);
    }
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
    expect(html).toMatch(/<tr id="E-K2C2FP">/);
  });

  it('shows each indicator with its code, severity, summary, rule and threshold', () => {
    const p002 = report.analysis!.persons.find((p) => p.id === 'P-6BWMAN')!;
    for (const i of p002.indicators) {
      expect(html).toContain(`<code>${i.code}</code>`);
      expect(html).toContain(`<code>${i.rule.id}</code>`);
    }
    expect(html).toContain('Rule <code>referrals_below_threshold</code>: min_count = 2, require_continuing_concerns = true');
    expect(html).toContain('<span class="badge indicator-badge-serious">serious</span> <code>parental_risk_factors</code>');
  });

  it('states the caution, the counts and the files, and lists the rejected rows with file:line', () => {
    expect(html).toContain('This analysis supports professional judgement; it does not replace it.');
    expect(html).toMatch(/<dt>rows read<\/dt><dd>145<\/dd>/);
    expect(html).toMatch(/<dt>rejected<\/dt><dd>3<\/dd>/);
    expect(html).toMatch(/<dt>people<\/dt><dd>5<\/dd>/);
    expect(html).toContain('<code>fixtures/family/health.csv</code>');
    expect(html).toContain('<code>fixtures/family/police.csv:16</code></td><td>impossible date &quot;31/02/2020 01:10&quot;');
    expect(html).toContain('<code>fixtures/family/school.csv:20</code></td><td>no date');
  });

  it('draws every event as a focusable marker with a title and an escaped detail template naming its sources', () => {
    const byType = html.split('class="timeline by-type"').slice(1).map((part) => part.split('</figure>')[0]!).join('');
    for (const e of report.events!) {
      expect(byType).toContain(`<a class="mk" href="#${e.id}" data-event="${e.id}" tabindex="0" aria-label="${e.id}: `);
      const template = html.split(`<template id="detail-${e.id}">`)[1]!.split('</template>')[0]!;
      for (const s of e.sources) expect(template).toContain(`${s.file}:${s.line}`);
    }
    const merged = report.events!.find((e) => e.sources.length === 3)!;
    expect(html.split(`<template id="detail-${merged.id}">`)[1]!.split('</template>')[0]).toContain('Merged from 3 records');
  });

  it('draws a date known only to the month as a span, not a point', () => {
    const partial = report.events!.find((e) => e.date.length === 7)!;
    const marker = html.split(`data-event="${partial.id}"`)[1]!.split('</a>')[0]!;
    expect(marker).toContain('<rect class="span"');
    expect(marker).not.toContain('<circle');
    expect(marker).toContain('(month only)');
  });

  it('offers lanes per type and per agency with radio buttons, showing the type lanes by default', () => {
    expect(html).toMatch(/<input type="radio" name="lanes-P-6BWMAN" id="lanes-P-6BWMAN-type" value="type" checked>/);
    expect(html).toMatch(/<input type="radio" name="lanes-P-6BWMAN" id="lanes-P-6BWMAN-agency" value="agency">/);
    expect(html).toContain('.by-agency{display:none}');
    const agencyChart = html.split('class="timeline by-agency"')[2]!.split('</figure>')[0]!;
    for (const agency of ['Police', 'Health', 'School', 'Housing', 'Children&#39;s Social Care']) {
      expect(agencyChart).toContain(`>${agency}</text>`);
    }
  });

  it('charts concerns per year with the counts the analysis reports', () => {
    for (const p of report.analysis!.persons) {
      if (Object.keys(p.frequency.by_year).length === 0) {
        expect(html).toContain(`<p>No harm, household or presentation concern recorded for ${p.id} `);
        continue;
      }
      const label = html.match(new RegExp(`aria-label="Concerns recorded per year for ${p.id} [^:]*: ([^"]*)\\."`))![1]!;
      const charted = Object.fromEntries(
        label.split(', ').map((pair) => pair.split(': ').map(Number)).filter(([, n]) => n! > 0).map(([y, n]) => [String(y), n]),
      );
      expect(charted).toEqual(p.frequency.by_year);
    }
  });

  it('is structured for assistive technology: language, headings in order, labelled charts, table headers', () => {
    expect(html).toMatch(/<html lang="en-GB">/);
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
    for (const svg of html.match(/<svg\b[^>]*>/g)!) expect(svg).toMatch(/aria-label="[^"]+"/);
    expect((html.match(/<table\b/g) ?? []).length).toBe((html.match(/<thead><tr><th scope="col">/g) ?? []).length);
  });

  it('prints without controls, with page breaks between people and colours kept', () => {
    const print = html.split('@media print{')[1]!.split('\n}\n')[0]!;
    expect(print).toContain('.lane-switch,.tip,.skip{display:none!important}');
    expect(print).toContain('.person{break-before:page}');
    expect(html).toContain('print-color-adjust:exact');
  });

  it('is byte-identical when the same inputs are rendered again', async () => {
    expect(renderHtml(await familyReport())).toBe(html);
    expect(renderHtml(report)).toBe(html);
  });

  it('renders the timeline view as the same page without the analysis', () => {
    const timeline = renderHtml(report, 'timeline');
    expect(timeline).toContain('<h1>Multi-agency chronology</h1>');
    expect(timeline).not.toContain('Indicators');
    expect(timeline).not.toContain('Cumulative-harm level');
    for (const e of report.events!) expect(timeline).toContain(`<tr id="${e.id}">`);
  });
});

describe('the anonymised HTML report', () => {
  it('contains none of the names, NHS numbers, postcodes, addresses or dates of birth of the input, and shows ages', async () => {
    const report = await familyReport();
    const html = renderHtml(anonymiseReport(report, loadNicknames()).report);
    const identifiers = new Set<string>();
    for (const r of report.load.records) {
      for (const value of [r.name.given, r.name.family, r.nhs_number, r.postcode, r.address, r.dob, r.original.dob]) {
        if (value !== undefined && value.length > 2) identifiers.add(value);
      }
    }
    expect(identifiers.size).toBeGreaterThan(10);
    expect([...identifiers].filter((value) => html.includes(h(value)))).toEqual([]);
    expect(html).toContain('Child A');
    expect(html).toMatch(/<p class="facts">aged 10 at the last event · child/);
  });
});

describe('escaping', () => {
  it('escapes user strings wherever they appear: descriptions, names, file names and reasons', async () => {
    const report = await familyReport((load) => {
      load.records[0]!.description = HOSTILE;
      load.records[0]!.outcome = HOSTILE;
      load.rejected[0]!.reason = HOSTILE;
    });
    report.linkage!.persons[0]!.name = { given: HOSTILE_NAME, family: '</title></svg><b>' };
    report.load.files[0]!.file = `${HOSTILE_NAME}.csv`;
    const html = renderHtml(report);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</title></svg><b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;x&#39;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

describe('the palette', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('gives every text colour at least 4.5:1 against its background (WCAG AA)', () => {
    expect(TEXT_PAIRS.length).toBeGreaterThan(15);
    const failing = TEXT_PAIRS.filter((p) => contrast(p.fg, p.bg) < 4.5).map((p) => `${p.use} ${p.fg} on ${p.bg}`);
    expect(failing).toEqual([]);
  });

  it('uses only palette colours for text in the page', async () => {
    const html = renderHtml(await familyReport());
    const allowed = new Set(TEXT_PAIRS.map((p) => p.fg.toLowerCase()));
    const textFills = [...html.matchAll(/<text [^>]*fill="(#[0-9a-f]{6})"/gi)].map((m) => m[1]!.toLowerCase());
    expect(textFills.length).toBeGreaterThan(100);
    expect([...new Set(textFills)].filter((c) => !allowed.has(c))).toEqual([]);
  });
});
