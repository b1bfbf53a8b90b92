import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectControlled, runBounded, tempDir } from './run.js';

/**
 * Inputs that cost time or memory out of proportion to their size (issue 19). Each case runs the
 * built bin in the corpus's 512 MB heap; the old code took minutes over them, and the run's 60 s
 * kill ends it, failing the case.
 */

const MS = 40_000;
let dir: string;
beforeAll(() => {
  dir = tempDir('resources');
});
afterAll(() => {
  execFileSync('rm', ['-rf', dir]);
});

/** Five rows whose names and address are about 100 KB each, words of random letters (fixed seed). */
function longNames(): string {
  let seed = 19;
  const letter = (): string => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return 'abcdefghij '[seed % 11] ?? 'a';
  };
  const text = (): string => Array.from({ length: 100_000 }, letter).join('').trim();
  const rows = ['agency,date,type,given_name,family_name,dob,address,description'];
  for (let i = 1; i <= 5; i += 1) rows.push(`Police,0${i}/04/2021,neglect,${text()},Smith${text()},01/02/2015,${text()},note`);
  const file = join(dir, 'long-names.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe.concurrent('hostile resources', { timeout: 90_000 }, () => {
  it('five rows with 100 KB names: merge and analyse --format html finish, and each long name is warned about', async () => {
    const file = longNames();
    const [merge, html, validate] = await Promise.all([
      runBounded(['merge', file]),
      runBounded(['analyse', file, '--format', 'html']),
      runBounded(['validate', file, '--format', 'json']),
    ]);
    for (const run of [merge, html, validate]) {
      expectControlled(run, MS);
      expect(run.code).toBe(0);
    }
    const warnings = (JSON.parse(validate.stdout) as { warnings: { line: number; field: string; message: string }[] }).warnings;
    expect(warnings.filter((w) => w.field === 'given_name').map((w) => w.line)).toEqual([2, 3, 4, 5, 6]);
    expect(warnings.filter((w) => w.field === 'address')).toHaveLength(5);
    expect(warnings[0]?.message).toMatch(/^given_name is [\d,]+ characters long: only its first 100 are compared when linking people$/);
  });
});
