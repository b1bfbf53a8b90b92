import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedHeap, HEAP_PER_ROW, inputRows, relaunchHeapMib, rowsMatter, tooLarge } from '../../src/launch.js';
import { expectControlled, runBounded, tempDir } from './run.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

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

/** `rows` rows of one date: the smallest rows an export can have (11 bytes each). */
function tinyRows(name: string, rows: number): string {
  const file = join(dir, name);
  writeFileSync(file, `agency,date\n${'Police,2019-01-01\n'.repeat(rows)}`);
  return file;
}

describe('memory is estimated by rows as well as bytes', () => {
  const machine = { heapLimit: 4 * GIB, memory: 24 * GIB };

  it('counts the rows of CSV inputs, not YAML, options or the -o file', () => {
    const csv = tinyRows('counted.csv', 1000);
    const yaml = join(dir, 'counted.yaml');
    writeFileSync(yaml, 'events:\n  - date: 2019-01-01\n');
    expect(inputRows(['merge', csv, yaml, '--agency', 'Police', '-o', csv])).toBe(1001);
  });

  it('starts node again for 4.7 million 11-byte rows, which bytes alone would say fit', () => {
    const tiny = { ...machine, inputBytes: 52 * MIB, inputRows: 4_700_000 };
    expect(relaunchHeapMib({ ...tiny, inputRows: undefined })).toBeUndefined();
    expect(expectedHeap(tiny)).toBe(4_700_000 * HEAP_PER_ROW);
    expect(relaunchHeapMib(tiny)).toBe(Math.floor((2 * 4_700_000 * HEAP_PER_ROW) / MIB));
    expect(rowsMatter({ ...machine, inputBytes: 52 * MIB })).toBe(true);
    expect(rowsMatter({ ...machine, inputBytes: 1 * MIB })).toBe(false);
    // Bytes that already ask for all a run may take: tried with it, not counted.
    expect(rowsMatter({ ...machine, inputBytes: 4 * GIB })).toBe(false);
  });

  it('refuses inputs that cannot fit in three quarters of the memory, in one line naming the rows', () => {
    const huge = { ...machine, inputBytes: 200 * MIB, inputRows: 18_000_000 };
    expect(tooLarge(huge)).toMatch(/^the inputs \(18,000,000 rows, 200 MiB\) need about 28\.5 GiB of memory, more than the 18\.0 GiB a run may take here; split them/);
    expect(tooLarge({ ...huge, inputRows: 1_000_000 })).toBeUndefined();
    expect(tooLarge({ ...machine, inputBytes: 4 * GIB })).toBeUndefined();
  });
});

describe.concurrent('hostile resources', { timeout: 90_000 }, () => {
  it('rows that outgrow the heap stop the run with one line naming the file and line, never a fatal error', async () => {
    const file = tinyRows('tiny.csv', 300_000);
    // A small heap (the last flag wins), so a modest file is too large for it.
    const run = await runBounded(['merge', file, '--format', 'json'], { nodeFlags: ['--max-old-space-size=96'] });
    expectControlled(run, MS);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^chronology: \S+tiny\.csv:\d+: the inputs are too large for this run's memory: by this line the records fill \d+ MiB, more than the \d+ MiB of its \d+ MiB heap that reading may take/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

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
