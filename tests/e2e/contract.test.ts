import { describe, expect, it } from 'vitest';
import { AnalyseOutput, MergeOutput, PersonsOutput, ValidateOutput } from '../../src/model/output.js';
import { runBin } from './run-bin.js';
import { FAMILY } from '../family.js';

/** The machine-readable contract of PRODUCT.md, checked on the built bin's output for the fixtures. */

function json(args: string[]): unknown {
  const result = runBin([...args, '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('JSON contract', () => {
  it('merge: every input row is a source of exactly one event or a rejected record', () => {
    const merged = MergeOutput.parse(json(['merge', ...FAMILY]));
    const seen = [...merged.events.flatMap((e) => e.sources), ...merged.rejected].map((r) => `${r.file}:${r.line}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(merged.summary.rows - merged.summary.skipped);
    for (const event of merged.events) {
      expect(event.id).toMatch(/^E-[0-9A-HJKMNP-TV-Z]{6}(-\d+)?$/);
      expect(merged.persons.map((p) => p.id)).toContain(event.person);
      expect(event.sources.length).toBeGreaterThan(0);
    }
    expect(merged.rejected.every((r) => r.reason.length > 0 && r.line >= 1)).toBe(true);
  });

  it('analyse: each person has its sources, the five dimensions and indicators whose evidence are events', () => {
    const analysed = AnalyseOutput.parse(json(['analyse', ...FAMILY]));
    const eventIds = new Set(analysed.events.map((e) => e.id));
    const attributed = analysed.persons.flatMap((p) => p.sources.map((s) => `${s.file}:${s.line}`));
    expect(new Set(attributed).size).toBe(attributed.length);
    expect(attributed.length + analysed.rejected.length).toBe(analysed.summary.rows);
    for (const person of analysed.persons) {
      for (const indicator of person.indicators) {
        expect(indicator.events.length).toBeGreaterThan(0);
        for (const id of indicator.events) expect(eventIds.has(id)).toBe(true);
      }
    }
    expect(analysed.caution).toMatch(/professional judgement/);
  });

  it('persons and validate follow their schemas', () => {
    const persons = PersonsOutput.parse(json(['persons', ...FAMILY]));
    expect(persons.persons.length).toBe(5);
    const validated = ValidateOutput.parse(json(['validate', ...FAMILY]));
    expect(validated.summary.accepted + validated.summary.rejected).toBe(validated.summary.rows);
  });
});
