import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRules, RuleSetSchema } from '../../src/analyse/index.js';
import { loadRules } from '../../src/analyse/rules-file.js';
import { RULES } from '../../src/analyse/rules/registry.js';
import { InputError } from '../../src/errors.js';

const DEFAULT = await readFile(new URL('../../rules/default.yaml', import.meta.url), 'utf8');

function problemOf(text: string): InputError {
  try {
    parseRules(text, 'my-rules.yaml');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('the rules were accepted');
}

/** The default rules with one line replaced, and the 1-based number of that line. */
function edit(find: string, replace: string): { text: string; line: number } {
  const lines = DEFAULT.split('\n');
  const index = lines.findIndex((l) => l.includes(find));
  if (index < 0) throw new Error(`no line with ${find}`);
  lines[index] = lines[index]!.replace(find, replace);
  return { text: lines.join('\n'), line: index + 1 };
}

describe('rules/default.yaml', () => {
  it('is valid, and has every registered rule with a description citing its guidance', async () => {
    const rules = await loadRules();
    expect(Object.keys(rules.indicators).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const entry of Object.values(rules.indicators)) expect(entry.description).toMatch(/\b00[0-4] '/);
  });

  it('has a JSON Schema', () => {
    expect(z.toJSONSchema(RuleSetSchema, { io: 'input', unrepresentable: 'any' })).toHaveProperty('properties.indicators');
  });
});

describe('parseRules errors name the path and the line', () => {
  it('reports a value of the wrong type with the value', () => {
    const { text, line } = edit('min_span_days: 365', 'min_span_days: a year');
    const error = problemOf(text);
    expect(error.file).toBe('my-rules.yaml');
    expect(error.line).toBe(line);
    expect(error.problem).toMatch(/^indicators\.chronic_duration\.params\.min_span_days: .*number.*, got "a year"$/);
  });

  it('reports an unknown (misspelt) key at the key', () => {
    const { text, line } = edit('min_rise: 1', 'min_rsie: 1');
    const error = problemOf(text);
    expect(error.line).toBe(line);
    expect(error.problem).toBe('indicators.escalating_severity.params.min_rsie: unknown key (check the spelling)');
  });

  it('reports a value out of range', () => {
    const { text, line } = edit('low_severity_max: 2', 'low_severity_max: 7');
    const error = problemOf(text);
    expect(error.line).toBe(line);
    expect(error.problem).toMatch(/^analysis\.low_severity_max: .*, got "7"$/);
  });

  it('reports a missing rule at its parent', () => {
    const text = DEFAULT.replace(/\n  strengths_present:[\s\S]*?min_count: 1\n/, '\n');
    const error = problemOf(text);
    expect(error.problem).toMatch(/^indicators\.strengths_present: /);
    expect(error.line).toBe(DEFAULT.split('\n').findIndex((l) => l === 'indicators:') + 2);
  });

  it('reports an invalid list item at its line', () => {
    const { text, line } = edit('factors: [domestic_abuse,', 'factors: [domestic_abuse_x,');
    const error = problemOf(text);
    expect(error.line).toBe(line);
    expect(error.problem).toMatch(/^indicators\.parental_risk_factors\.params\.factors\.0: .*, got "domestic_abuse_x"$/);
  });

  it('rejects a level that names no indicator, and one source in two categories', () => {
    const level = edit('with_indicator: chronic_duration', 'with_indicator: chronic');
    const error = problemOf(level.text);
    expect(error.line).toBe(level.line);
    expect(error.problem).toMatch(/^levels\.extensive\.with_indicator: "chronic" is not an indicator/);
    const twice = edit('    - peer', '    - mother');
    expect(problemOf(twice.text).problem).toMatch(/^sources\.extra_familial\.0: "mother" is also listed under intra_familial/);
    expect(problemOf(twice.text).line).toBe(twice.line);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = problemOf('version: 1\nanalysis:\n  rolling_window_days: [90\n');
    expect(error.problem).toMatch(/^not valid YAML: /);
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(problemOf('').problem).toMatch(/^\(top level\): /);
  });

  it('reports an unreadable --rules file as an input error', async () => {
    await expect(loadRules('no/such/rules.yaml')).rejects.toThrow('no/such/rules.yaml: cannot read the rules file (ENOENT)');
  });
});
