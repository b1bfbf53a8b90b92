import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRedactTerms } from '../../src/commands/render.js';
import { AnalyseOutput, MergeOutput, PersonsOutput } from '../../src/model/output.js';
import JSZip from 'jszip';
import { formatsFor } from '../../src/render/registry.js';
import type { View } from '../../src/render/report.js';
import { runBin } from '../e2e/run-bin.js';

/**
 * The hostile anonymisation corpus (hostile/records.csv, fictional): seven people whose names,
 * dates of birth, NHS numbers, postcodes and addresses are written into free text and into the
 * wrong columns in every form a review author has met, and hostile/redact.txt, what the author
 * knows that the records cannot tell.
 */
const CORPUS = 'tests/anonymise/hostile/records.csv';
const REDACT = 'tests/anonymise/hostile/redact.txt';

/** As the checker reads output: NFKC, invisible characters gone, HTML entities read, accents and case folded. */
function fold(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each identity's variants, each a pattern over folded output; what the corpus writes is listed beside it. */
const IDENTITIES: Record<string, Record<string, RegExp>> = {
  'Lacey Brennick (child, born 19/06/2012)': {
    ...Object.fromEntries(['Lacey', 'Brennick', 'Лейси', 'Бренник'].map((n) => [n, new RegExp(escape(fold(n)))])),
    'NHS 9434765919 in any grouping': /9[\s.\-]*4[\s.\-]*3[\s.\-]*4[\s.\-]*7[\s.\-]*6[\s.\-]*5[\s.\-]*9[\s.\-]*1[\s.\-]*9/,
    'L. Brennick / Brennick L': /(?<![\p{L}])l\.? ?brennick|brennick,? l(?![\p{L}])/u,
    ...Object.fromEntries(
      ['19th of june 2012', '19th june 2012', 'june 19, 2012', 'jun 19 2012', '19062012', '20120619', '19/06/2012', '2012-06-19'].map(
        (d) => [d, new RegExp(`(?<!\\d)${escape(d)}(?!\\d)`)],
      ),
    ),
    'laceyb2012 handle': /laceyb/,
  },
  'Will Rose (child, born 03/05/2012)': {
    'Will, capitalised': /(?<![\p{L}])will(?![\p{L}])/u,
    'Rose, capitalised': /(?<![\p{L}])rose(?![\p{L}])/u,
    'will rose / willrose / will_rose / w. rose / wrose': /will[\s_]?rose|w\.? ?rose/,
    'NHS 9435817343': /9[\s.\-]*4[\s.\-]*3[\s.\-]*5[\s.\-]*8[\s.\-]*1[\s.\-]*7[\s.\-]*3[\s.\-]*4[\s.\-]*3/,
    ...Object.fromEntries(['3.5.12', '03/05/2012', '3rd of may 2012', '2012-05-03'].map((d) => [d, new RegExp(`(?<![\\d.])${escape(d)}(?![\\d.]\\d)`)])),
  },
  'May Hope (child, born 21/07/2014)': {
    'May, capitalised and not a month': /(?<![\p{L}])may(?![\p{L}])(?! \d{4})/u,
    'Hope, capitalised': /(?<![\p{L}])hope(?![\p{L}])/u,
    ...Object.fromEntries(['21st july 2014', '21.07.14', '21 july 2014', '21/07/2014', '2014-07-21'].map((d) => [d, new RegExp(escape(d))])),
  },
  'Donna Brennick (mother, born 08/02/1990)': {
    donna: /donna/,
    'D. Brennick': /d\. brennick/,
    ...Object.fromEntries(['08/02/1990', '1990-02-08'].map((d) => [d, new RegExp(escape(d))])),
  },
  '王小明 (child, born 01/09/2013)': { 王小明: /王小明/, 小明: /小明/, 王: /王/ },
  'Ольга Иванова (adult, born 11/11/1985)': Object.fromEntries(['Ольга', 'Иванова', 'Olga', 'Ivanova'].map((n) => [n, new RegExp(escape(fold(n)))])),
  'Mohammed Hussain (adult, born 02/02/1980)': Object.fromEntries(
    ['Mohammed', 'Muhammad', 'Mohamed', 'Hussain', 'Hussein', 'Husain'].map((n) => [n, new RegExp(escape(fold(n)))]),
  ),
  'the household': {
    'DN4 7QX in any spacing': /dn4[\s.\-]*7qx/,
    'DN5 8AB': /dn5[\s.\-]*8ab/,
    'Larch Close / Larch Cl': /larch/,
    'Elm Road / Elm Rd': /elm r(oa)?d/,
    'lbrennick@x.com': /@x\.com/,
    'wrose2012@hotmail.co.uk': /hotmail/,
  },
  'redact.txt': { 'Oakfield Primary': /oakfield/, 'Gary Pike': /gary|pike/ },
};

/** Checked in the output as written (NFKC, invisible characters gone): these names are also words, so only capitalised. */
const CAPITALISED = new Set(['Will, capitalised', 'Rose, capitalised', 'May, capitalised and not a month', 'Hope, capitalised']);

function leaksIn(output: string): string[] {
  const folded = fold(output);
  const written = output.normalize('NFKC').replace(/\p{Cf}/gu, '');
  const leaks: string[] = [];
  for (const [identity, variants] of Object.entries(IDENTITIES)) {
    for (const [variant, pattern] of Object.entries(variants)) {
      const found = CAPITALISED.has(variant)
        ? new RegExp(`(?<![\\p{L}])${variant.slice(0, variant.indexOf(','))}(?![\\p{L}])${variant.startsWith('May') ? '(?! \\d{4})' : ''}`, 'u').test(written)
        : pattern.test(folded);
      if (found) leaks.push(`${identity}: ${variant}`);
    }
  }
  return leaks;
}

const folder = mkdtempSync(join(tmpdir(), 'chronology-hostile-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const COMMANDS: View[] = ['merge', 'persons', 'timeline', 'analyse'];
const cases = COMMANDS.flatMap((view) => formatsFor(view).map((format) => [view, format] as const));

describe('the hostile anonymisation corpus', () => {
  it('leaks every variant when not anonymised, so the checker finds what it looks for', () => {
    const plain = ['merge', 'analyse'].map((view) => runBin([view, CORPUS, '--format', 'json']).stdout).join('\n');
    const timeline = runBin(['timeline', CORPUS]).stdout;
    const found = leaksIn(`${plain}\n${timeline}`);
    const all = Object.entries(IDENTITIES).flatMap(([identity, variants]) => Object.keys(variants).map((v) => `${identity}: ${v}`));
    expect(all).toHaveLength(55);
    expect(found).toEqual(all);
  });

  it.each(['timeline', 'analyse'])('%s --format docx: no variant of any identity survives in the Word document', async (view) => {
    const output = join(folder, `${view}.docx`);
    const result = runBin([view, CORPUS, '--format', 'docx', '--redact', REDACT, '-o', output]);
    expect(result.code, result.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(output));
    const xml = await zip.file('word/document.xml')!.async('string');
    // Words are split across runs of XML; the text a reader sees is what counts.
    const text = xml.replace(/<w:tab\/>/g, ' ').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toMatch(/supports professional judgement/);
    expect(leaksIn(text + result.stderr)).toEqual([]);
  });

  it.each(cases)('%s --format %s: no variant of any identity survives', (view, format) => {
    const output = join(folder, `${view}.${format}`);
    const key = join(folder, `${view}-${format}.key.json`);
    const result = runBin([view, CORPUS, '--format', format, '--anonymise-key', key, '--redact', REDACT, '-o', output]);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(leaksIn(text + result.stderr)).toEqual([]);
    // The key, by contrast, re-identifies.
    expect(readFileSync(key, 'utf8')).toContain('Brennick');
  });

  it.each(formatsFor('analyse'))("analyse --format %s keeps the tool's own words beside children called May, Will, Rose and Hope", (format) => {
    const { stdout } = runBin(['analyse', CORPUS, '--format', format, '--anonymise', '--redact', REDACT]);
    expect(stdout).toContain('together they may amount to significant harm');
    expect(stdout).toContain('in isolation each may look minor');
    // The period starts at a birth record: on a date of birth, so given to the month.
    expect(stdout).toContain('period 2012-06 to 2018-05-07');
    expect(stdout).toContain('Child D');
    // Data text keeps the ordinary words and the month too.
    if (format !== 'table') expect(stdout).toMatch(/he will be fine; tension rose; there is hope/);
    expect(stdout).toMatch(/come in May 2018/);
  });

  it('keeps the JSON contract: anonymised outputs parse against the output schemas', () => {
    const json = (view: string) => JSON.parse(runBin([view, CORPUS, '--format', 'json', '--anonymise', '--redact', REDACT]).stdout);
    expect(MergeOutput.parse(json('merge')).events.length).toBeGreaterThan(15);
    expect(AnalyseOutput.parse(json('analyse')).persons).toHaveLength(7);
    expect(PersonsOutput.parse(json('persons')).persons).toHaveLength(7);
  });

  it('shows the Source dimension as roles and pseudonyms only', () => {
    const { stdout } = runBin(['analyse', CORPUS, '--format', 'json', '--anonymise']);
    const persons = (JSON.parse(stdout) as { persons: { name: string; source: { sources: { source: string }[] } }[] }).persons;
    const labels = (name: string) => persons.find((p) => p.name === name)!.source.sources.map((s) => s.source).sort();
    expect(labels('Child B')).toEqual(['Child B', 'mother', "mother's partner"]);
    // "Lacey's uncle" and "Gary Pike" name someone else: never shown as Child B, nor by name.
    expect(labels('Child A')).toEqual(['another person (withheld)', 'another person (withheld)', 'mother']);
  });
});

describe('--redact FILE', () => {
  it('reads terms one a line, with an optional replacement, skipping blank lines and comments', () => {
    expect(parseRedactTerms('\uFEFF# the school\nOakfield Primary = the school\n\n  Gary Pike  \r\nElm Rd\n')).toEqual([
      { term: 'Oakfield Primary', replacement: 'the school' },
      { term: 'Gary Pike' },
      { term: 'Elm Rd' },
    ]);
  });

  it('replaces its terms, in any case and with street abbreviations, in agencies as well as text', () => {
    const folderOf = mkdtempSync(join(tmpdir(), 'chronology-redact-'));
    try {
      const list = join(folderOf, 'redact.txt');
      writeFileSync(list, 'Oakfield Primary = the school\nGary Pike\nBirch Avenue\n');
      const data = join(folderOf, 'school.csv');
      writeFileSync(data, 'agency,name,date,type,description\nOakfield Primary,Ann Ash,01/02/2020,neglect,"GARY PIKE came; lives on Birch Ave; oakfield primary told"\n');
      const { stdout, code } = runBin(['timeline', data, '--format', 'json', '--redact', list]);
      expect(code).toBe(0);
      expect(stdout).toContain('[redacted] came; lives on [redacted]; the school told');
      expect(stdout).toContain('"the school"');
      expect(stdout).not.toMatch(/oakfield|gary|birch/i);
    } finally {
      rmSync(folderOf, { recursive: true, force: true });
    }
  });

  it('fails before reading any input when the list cannot be read, and is never overwritten by -o', () => {
    const missing = runBin(['merge', CORPUS, '--redact', 'no/such/redact.txt']);
    expect([missing.code, missing.stderr]).toEqual([3, 'chronology: no/such/redact.txt: cannot read the --redact file (ENOENT)\n']);
    const overwrite = runBin(['merge', CORPUS, '--redact', REDACT, '-o', REDACT]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toContain(REDACT);
  });
});

describe('notes on stderr under --anonymise', () => {
  it('wait for the anonymiser: an unmapped value that is a name is printed as the pseudonym', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronology-notes-'));
    try {
      const profile = join(dir, 'police.yaml');
      writeFileSync(profile, 'agency: Police\ncolumns: { date: Date, type: Category, outcome: Result, name: Name }\nvalues:\n  outcome: [{ equals: NFA, to: no further action }]\n');
      const data = join(dir, 'police.csv');
      writeFileSync(data, 'Date,Category,Result,Name\n01/02/2020,neglect,Lacey Brennick,Lacey Brennick\n');
      const plain = runBin(['merge', data, '--profile', profile, '-o', join(dir, 'plain.json')]);
      expect(plain.stderr).toContain('"Lacey Brennick" ×1');
      const anonymised = runBin(['merge', data, '--profile', profile, '--anonymise', '-o', join(dir, 'anonymised.json')]);
      expect(anonymised.code).toBe(0);
      expect(anonymised.stderr).toContain('"Person 1" ×1');
      expect(anonymised.stderr).not.toMatch(/lacey|brennick/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
