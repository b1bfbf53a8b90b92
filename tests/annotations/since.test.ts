import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalyseOutput, MergeOutput } from '../../src/model/output.js';
import { runBin } from '../e2e/run-bin.js';

const FAMILY = ['fixtures/family/health.csv', 'fixtures/family/housing.yaml', 'fixtures/family/police.csv', 'fixtures/family/school.csv', 'fixtures/family/social-care.csv'];
const WITHOUT_HEALTH = FAMILY.filter((f) => !f.includes('health'));

describe('--since PREVIOUS.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chronology-since-'));
  const previous = join(dir, 'previous.json');
  writeFileSync(previous, runBin(['analyse', ...WITHOUT_HEALTH, '--format', 'json', '-q']).stdout);

  it('marks exactly the events the new export brought or changed, and says which levels and indicators changed', () => {
    const result = runBin(['analyse', ...FAMILY, '--format', 'json', '--since', previous, '-q']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as AnalyseOutput;
    for (const event of json.events) {
      const health = event.sources.filter((s) => s.agency === 'Health').length;
      const expected = health === 0 ? 'unchanged' : health === event.sources.length ? 'new' : 'updated';
      expect([event.id, event.change]).toEqual([event.id, expected]);
    }
    const counts = json.summary.since!;
    expect(counts.new + counts.updated + counts.unchanged).toBe(json.events.length);
    expect(counts.new).toBeGreaterThan(10);
    expect(counts.unchanged).toBeGreaterThan(50);
    // The assault Health and Police both recorded took Health's record as its anchor: found again by Police's record id.
    const updated = json.events.filter((e) => e.change === 'updated');
    const before = (JSON.parse(readFileSync(previous, 'utf8')) as AnalyseOutput).events.map((e) => e.id);
    for (const e of updated) expect(before).toContain(e.previous_id ?? e.id);
    expect(counts.gone).toEqual([]);
    expect(counts.persons!.length).toBeGreaterThan(0);
    expect(counts.persons!.some((p) => p.indicators_new.includes('missed_health_appointments'))).toBe(true);

    const table = runBin(['timeline', ...FAMILY, '--since', previous]).stdout;
    expect(table.match(/\[new\] /g)?.length).toBe(counts.new);
    expect(table).toContain(`since ${previous}: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  });

  it('marks an event updated when only its record changed, and nothing when nothing did, whatever the file is called', () => {
    const same = JSON.parse(runBin(['merge', ...FAMILY, '--since', previous, '-q']).stdout) as MergeOutput;
    const rerun = join(dir, 'rerun.json');
    writeFileSync(rerun, JSON.stringify(same));
    const school = readFileSync('fixtures/family/school.csv', 'utf8');
    const line = school.split('\n').find((l) => l.includes('hungry'))!;
    const edited = join(dir, 'school-export-2.csv');
    writeFileSync(edited, school.replace(line, line.replace('hungry', 'very hungry')));
    const again = JSON.parse(runBin(['merge', ...FAMILY.filter((f) => !f.includes('school')), edited, '--since', rerun, '-q']).stdout) as MergeOutput;
    const changed = again.events.filter((e) => e.change !== 'unchanged');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.change).toBe('updated');
    expect(changed[0]?.description).toContain('very hungry');
    expect(runBin(['timeline', ...FAMILY, '--since', rerun]).stdout).not.toMatch(/\[(new|updated)\]/);
  });

  it('refuses a file that is not an earlier JSON output, naming it', () => {
    const result = runBin(['timeline', ...FAMILY, '--since', 'fixtures/family/police.csv']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('fixtures/family/police.csv: not JSON');
  });
});
