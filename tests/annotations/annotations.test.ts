import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnotations } from '../../src/model/annotations.js';
import type { MergeOutput } from '../../src/model/output.js';
import { applyAnnotations } from '../../src/pipeline/annotate.js';
import type { ChronologyEvent, Person } from '../../src/model/stages.js';
import { runBin } from '../e2e/run-bin.js';

const FAMILY = ['fixtures/family/health.csv', 'fixtures/family/housing.yaml', 'fixtures/family/police.csv', 'fixtures/family/school.csv', 'fixtures/family/social-care.csv'];
const WITHOUT_HEALTH = FAMILY.filter((f) => !f.includes('health'));

const event = (id: string): ChronologyEvent => ({ id, person: 'P-AAAAAA', date: '2021-03-04', type: 'referral', agencies: ['School'], sources: [] });

describe('applyAnnotations', () => {
  it('attaches annotations by id, lists the excluded, and names every annotated id that is not in the chronology', () => {
    const persons: Person[] = [{ id: 'P-AAAAAA', records: [], name: {} }];
    const file = parseAnnotations(
      'events:\n  E-1: { analysis: "pattern", relevance: key }\n  E-2: { relevance: exclude }\n  E-GONE: { note: "x" }\n  E-3:\npersons:\n  P-AAAAAA: { note: "n" }\n  P-GONE: { note: "y" }\n',
      'a.yaml',
    );
    const { events, persons: annotated, summary } = applyAnnotations([event('E-1'), event('E-2'), event('E-3')], persons, file, 'a.yaml');
    expect(events.map((e) => e.annotation)).toEqual([{ analysis: 'pattern', relevance: 'key' }, { relevance: 'exclude' }, undefined]);
    expect(annotated[0]?.annotation).toEqual({ note: 'n' });
    expect(summary).toEqual({ file: 'a.yaml', events: 2, persons: 1, excluded: ['E-2'], unknown: ['E-GONE', 'P-GONE'] });
  });

  it('names the file, line and key of a mistake in the file', () => {
    expect(() => parseAnnotations('events:\n  E-1:\n    analysys: "typo"\n', 'a.yaml')).toThrow('a.yaml:3: events.E-1.analysys: unknown key');
    expect(() => parseAnnotations('events:\n  E-1:\n    relevance: maybe\n', 'a.yaml')).toThrow(/a\.yaml:3: events\.E-1\.relevance/);
  });
});

describe('--annotations and chronology annotate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chronology-annotations-'));

  it('keeps annotations across a re-run with a new export, shows them in every format, and leaves out excluded events saying so', () => {
    const file = join(dir, 'annotations.yaml');
    expect(runBin(['annotate', ...WITHOUT_HEALTH, '-o', file, '-q']).code).toBe(0);
    const template = readFileSync(file, 'utf8');
    const ids = [...template.matchAll(/^ {2}(E-[0-9A-Z]{6}):/gm)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(50);
    const [key, excluded] = [ids[3]!, ids[4]!];
    // The practitioner writes into the template by hand.
    writeFileSync(
      file,
      template
        .replace(new RegExp(`^  ${key}:.*$`, 'm'), (line) => `${line}\n    analysis: "Third contact in a month: a pattern"\n    relevance: key`)
        .replace(new RegExp(`^  ${excluded}:.*$`, 'm'), (line) => `${line}\n    relevance: exclude\n    note: "wrong child"`)
        .replace(/^events:$/m, 'events:\n  E-000000:\n    note: "an event since corrected away"')
        .replace(/^(  P-[0-9A-Z]{6}):(.*)$/m, '$1:$2\n    note: "Lives with her grandmother"'),
    );

    // Months later the health export arrives; the annotations still attach by id.
    const merged = runBin(['merge', ...FAMILY, '--annotations', file]);
    expect(merged.code).toBe(0);
    const json = JSON.parse(merged.stdout) as MergeOutput;
    expect(json.events.find((e) => e.id === key)?.annotation).toEqual({ analysis: 'Third contact in a month: a pattern', relevance: 'key' });
    expect(json.summary.annotations).toMatchObject({ events: 2, excluded: [excluded], unknown: ['E-000000'] });
    expect(merged.stderr).toContain(`${file}: E-000000 is not in this chronology`);

    const table = runBin(['timeline', ...FAMILY, '--annotations', file]);
    expect(table.stdout).toContain(`  ${key}  `);
    expect(table.stdout).toContain('Analysis: Third contact in a month: a pattern');
    expect(table.stdout).toMatch(new RegExp(`1 left out as relevance: exclude \\(${excluded}\\)`));
    const timelineJson = JSON.parse(runBin(['timeline', ...FAMILY, '--annotations', file, '--format', 'json']).stdout) as { persons: { events: { id: string }[] }[] };
    const shown = timelineJson.persons.flatMap((p) => p.events.map((e) => e.id));
    expect(shown).toContain(key);
    expect(shown).not.toContain(excluded);
    for (const format of ['table', 'markdown', 'html', 'yaml']) {
      const out = runBin(['analyse', ...FAMILY, '--annotations', file, '--format', format]).stdout;
      expect(out, format).toContain('Third contact in a month');
      expect(out, format).toContain('Lives with her grandmother');
    }
    expect(runBin(['timeline', ...FAMILY, '--annotations', file, '--format', 'csv']).stdout.split('\r\n')[0]).toMatch(/,analysis,assessed_impact,relevance,note$/);

    // Annotating again with the new data keeps every entry, the vanished one included, and lists the new events.
    expect(runBin(['annotate', ...FAMILY, '-o', file, '-q']).code).toBe(0);
    const again = readFileSync(file, 'utf8');
    expect(again).toContain('analysis: "Third contact in a month: a pattern"');
    expect(again).toContain('note: wrong child');
    expect(again).toMatch(/E-000000:\n {4}note: an event since corrected away/);
    expect([...again.matchAll(/^ {2}(E-[0-9A-Z]{6}):/gm)].length).toBeGreaterThan(ids.length);
  });

  it('refuses annotations with --anonymise, and an output that is an input', () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'events: {}\n');
    const anonymised = runBin(['timeline', ...FAMILY, '--annotations', file, '--anonymise']);
    expect(anonymised.code).toBe(2);
    expect(anonymised.stderr).toContain('--annotations cannot be used with --anonymise');
    expect(runBin(['annotate', ...FAMILY, '-o', FAMILY[0]!]).code).toBe(2);
  });
});
