import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectControlled, expectFileError, runBounded, tempDir } from './run.js';

/**
 * Patterns from profiles (issue 19): value maps, skip rules and `match.files` globs that would
 * backtrack catastrophically in a JavaScript RegExp run in linear time on RE2JS; a pattern RE2
 * cannot run is refused when the profile is loaded. Each case runs the built bin; the old engine
 * never finished them (the run's 60 s kill ends it, and the case fails).
 */

const MS = 40_000;
let dir: string;
beforeAll(() => {
  dir = tempDir('patterns');
});
afterAll(() => {
  execFileSync('rm', ['-rf', dir]);
});

/** A canonical export whose second row's type is `cell`; the third is ordinary. */
function exportWith(name: string, cell: string): string {
  const file = join(dir, name);
  writeFileSync(file, `agency,date,type,description\nPolice,03/04/2021,${cell},x\nPolice,04/04/2021,neglect,y\n`);
  return file;
}

function profile(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `agency: Police\ncolumns:\n  date: { column: date, format: dayfirst }\n  type: type\n  description: description\n${body}`);
  return file;
}

describe.concurrent('hostile patterns', { timeout: 90_000 }, () => {
  it('a value map ^(a+)+$ against a 41-character cell finishes, and maps what it matches', async () => {
    const data = exportWith('nested.csv', `${'a'.repeat(40)}!`);
    const rules = profile('nested.yaml', 'values:\n  type:\n    - { matches: "^(a+)+$", to: neglect }\n');
    const run = await runBounded(['validate', data, '--profile', rules, '--format', 'json']);
    expectControlled(run, MS);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { summary: { accepted: number } };
    expect(doc.summary.accepted).toBe(2);
  });

  it('a skip rule (a|aa)+$ against a long cell finishes, and skips what it matches', async () => {
    const data = exportWith('alternation.csv', `${'a'.repeat(5000)}b`);
    writeFileSync(data, `agency,date,type,description\nPolice,03/04/2021,neglect,${'a'.repeat(5000)}b\nPolice,04/04/2021,neglect,aaaa\n`);
    const rules = profile('alternation.yaml', 'skip:\n  - { column: description, matches: "^(a|aa)+$" }\n');
    const run = await runBounded(['validate', data, '--profile', rules, '--format', 'json']);
    expectControlled(run, MS);
    const doc = JSON.parse(run.stdout) as { summary: { accepted: number; skipped: number }; skipped: { line: number }[] };
    expect(doc.summary).toMatchObject({ accepted: 1, skipped: 1 });
    expect(doc.skipped.map((s) => s.line)).toEqual([3]);
  });

  it('a backtracking glob in match.files against a long file name finishes', async () => {
    const profiles = join(dir, 'profiles');
    mkdirSync(profiles);
    writeFileSync(
      join(profiles, 'glob.yaml'),
      `agency: Police\nmatch:\n  files: "${'*a'.repeat(12)}*b.csv"\ncolumns:\n  date: { column: date, format: dayfirst }\n  type: type\n`,
    );
    const data = exportWith(`${'a'.repeat(200)}.csv`, 'neglect');
    const run = await runBounded(['validate', data, '--profiles', profiles, '--format', 'json']);
    expectControlled(run, MS);
    expect(run.code).toBe(0);
  });

  it.each([
    ['a lookahead', '^(?=DA)', 8],
    ['a backreference', '^(a)\\\\1$', 8],
  ])('%s is refused when the profile is loaded: exit 3, file and line', async (_kind, pattern, line) => {
    const data = exportWith(`refused-${line}-${pattern.length}.csv`, 'neglect');
    const rules = profile(`refused-${pattern.length}.yaml`, `values:\n  type:\n    - { matches: "${pattern}", to: neglect }\n`);
    const run = await runBounded(['validate', data, '--profile', rules]);
    expectControlled(run, MS);
    expectFileError(run, rules, /values\.type\[0\]\.matches: invalid regular expression .*linear time/, line);
  });

  it('an unusable glob is refused when the profile is loaded', async () => {
    const profiles = join(dir, 'bad-glob');
    mkdirSync(profiles);
    const file = join(profiles, 'range.yaml');
    writeFileSync(file, 'agency: Police\nmatch:\n  files: "[z-a].csv"\ncolumns:\n  date: date\n');
    const run = await runBounded(['validate', exportWith('any.csv', 'neglect'), '--profiles', profiles]);
    expectControlled(run, MS);
    expectFileError(run, file, /match\.files: invalid glob "\[z-a\]\.csv"/, 3);
  });
});
