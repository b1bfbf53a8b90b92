import { describe, expect, it } from 'vitest';
import { CAUTION } from '../../src/analyse/index.js';
import type { ChronologyEvent } from '../../src/model/stages.js';
import { yearStrip } from '../../src/render/text/timeline.js';
import { FAMILY } from '../family.js';
import { runBin } from './run-bin.js';

/** What a review author reads (issue 20), through the built bin on the fictional family. */

const wide = { COLUMNS: '200' };
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const decode = (html: string): string => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe("every agency's own account of a merged event", () => {
  // 2022-04-02: Health's record comes first, Police's account of the same assault second.
  for (const format of ['table', 'markdown', 'html']) {
    it(`is shown in ${format}, and where agencies differ both sides are`, () => {
      const { stdout, code } = runBin(['analyse', ...FAMILY, '--format', format], wide);
      expect(code).toBe(0);
      const text = flat(format === 'html' ? decode(stdout.replace(/<[^>]+>/g, ' ')) : stdout.replace(/\\/g, ''));
      expect(text).toContain('ED: neck bruising and petechiae after assault by partner');
      expect(text).toContain('Non-fatal strangulation disclosed. DASH high, MARAC.');
      expect(text).toContain('did not want to go home');
      expect(text).toMatch(/Agencies differ on outcome: Health "Discharged", Police "Suspect charged"/);
    });
  }
});

describe('the caution that the analysis supports judgement', () => {
  for (const format of ['table', 'markdown', 'html']) {
    it(`is in the ${format} timeline`, () => {
      const { stdout } = runBin(['timeline', ...FAMILY, '--format', format], wide);
      expect(flat(decode(stdout).replace(/\\/g, ''))).toContain(CAUTION);
    });
  }
});

describe('wording and order a reader can rely on', () => {
  const { stdout } = runBin(['analyse', ...FAMILY], wide);

  it('says "recorded only by", what is measured, not "known to one agency only"', () => {
    expect(stdout).not.toMatch(/known to one agency only/);
    expect(stdout).toMatch(/housing \(4\) recorded only by Housing/);
  });

  it('puts the children first, then the highest level, then the name', () => {
    const order = [...stdout.matchAll(/^(P-[0-9A-Z]{6}) /gm)].map((m) => m[1]);
    expect(order).toEqual(['P-6BWMAN', 'P-JSTVPQ', 'P-B6K9Z0', 'P-CSYHCS', 'P-A8N8R0']);
  });

  it('takes --sort for other orders, in every human format', () => {
    const order = (args: string[], pattern: RegExp) => [...runBin(['analyse', ...FAMILY, ...args]).stdout.matchAll(pattern)].map((m) => m[1]);
    expect(order(['--sort', 'id'], /^(P-[0-9A-Z]{6}) /gm)).toEqual(['P-6BWMAN', 'P-A8N8R0', 'P-B6K9Z0', 'P-CSYHCS', 'P-JSTVPQ']);
    expect(order(['--sort', 'level'], /^(P-[0-9A-Z]{6}) /gm)).toEqual(['P-B6K9Z0', 'P-6BWMAN', 'P-JSTVPQ', 'P-CSYHCS', 'P-A8N8R0']);
    expect(order(['--format', 'markdown', '--sort', 'name'], /^## (P-[0-9A-Z]{6}) /gm)).toEqual(['P-A8N8R0', 'P-B6K9Z0', 'P-6BWMAN', 'P-CSYHCS', 'P-JSTVPQ']);
    expect(order(['--format', 'html', '--sort', 'id'], /<section class="person" id="person-(P-[0-9A-Z]{6})"/g)).toEqual(['P-6BWMAN', 'P-A8N8R0', 'P-B6K9Z0', 'P-CSYHCS', 'P-JSTVPQ']);
  });

  it('names no statutory threshold in a level and gives the alleged perpetrator none', () => {
    expect(stdout).not.toMatch(/SIGNIFICANT|SEVERE|Cumulative-harm level/);
    expect(stdout).toMatch(/^Indicator level \(how far the findings reach; not a legal threshold\): not assessed: recorded as the source of harm to P-6BWMAN, P-B6K9Z0, P-JSTVPQ/m);
  });

  it('counts the father and the mother\'s partner as one person', () => {
    expect(flat(stdout)).toContain("P-A8N8R0 Craig Fenner (as mother's partner and father, 8) and P-B6K9Z0 Donna Brennick (as mother, 4)");
  });

  it('wraps every line of text to the width (160 off a terminal) and cuts no description', () => {
    for (const view of ['timeline', 'analyse']) {
      const text = runBin([view, ...FAMILY]).stdout.split('\n').filter((line) => !line.startsWith('─'));
      expect(Math.max(...text.map((line) => line.length)), view).toBeLessThanOrEqual(160);
      expect(text.join('\n')).not.toMatch(/…/);
    }
  });

  it('prints a run of years without events as one line', () => {
    const event = (id: string, date: string) =>
      ({ id, person: 'P1', date, type: 'neglect', agencies: ['School'], sources: [] }) as ChronologyEvent;
    const strip = yearStrip([event('E1', '2001-03-01'), event('E2', '2016-05-01'), event('E3', '2018-01-01')], { color: false, width: 160 });
    const firsts = strip.split('\n').map((line) => line.trim().split(/\s+/)[0]).filter((word) => !word?.startsWith('─'));
    expect(firsts).toEqual(['year', '2001', '2002–2015', '2016', '2017', '2018', 'events']);
  });
});

describe('the HTML report a reader can follow', () => {
  const html = runBin(['analyse', ...FAMILY, '--format', 'html']).stdout;

  it("starts each person's time axis at their own first year", () => {
    // Siân Pryce's first record is March 2019; the family's is 2017.
    expect(html).toContain('aria-label="Timeline of P-CSYHCS Siân Pryce: 4 events in 1 lanes, one per type, from 2019 to 2023."');
  });

  it('never draws a group name on the line of a lane label', () => {
    const at = (cls: string) => new Set([...html.matchAll(new RegExp(`<text x="[^"]*" y="([^"]*)" class="${cls}"`, 'g'))].map((m) => m[1]));
    const groups = at('group-label');
    expect(groups.size).toBeGreaterThan(0);
    expect([...groups].filter((y) => at('lane-label').has(y))).toEqual([]);
  });

  it('names an evidence list already shown instead of repeating it', () => {
    expect(html).toContain('Evidence: the same 29 events as <code>accelerating_frequency</code> above');
  });

  it('spells out the severity distribution', () => {
    expect(html).not.toMatch(/\d×\d/);
    expect(html).toContain('rated 1 (low): 1, 2 (moderate): 9, 3 (significant): 3');
  });
});

describe('persons', () => {
  it('prints a summary by default and every link field by field with --links', () => {
    const summary = runBin(['persons', ...FAMILY]).stdout;
    expect(summary.split('\n').length).toBeLessThan(100);
    expect(summary).toContain('linked by 16 pairs of records: 2 on a valid NHS number, 11 on the same agency and person id, 3 scored');
    expect(summary).not.toMatch(/^ {4}prior /m);
    const links = runBin(['persons', ...FAMILY, '--links']).stdout;
    expect(links).toMatch(/^ {4}prior /m);
    expect(links.split('\n').length).toBeGreaterThan(1000);
  });
});
