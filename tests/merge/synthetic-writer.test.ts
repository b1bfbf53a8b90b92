import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate, writeDataset } from '../../bench/synthetic/generate.js';

describe('synthetic exports written to files (bench/run.ts)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes, row by row, exactly the CSV that generate() returns for the same seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronology-synthetic-'));
    dirs.push(dir);
    const options = { people: 150, seed: 7, agencies: 5 };
    const written = writeDataset(options, dir);
    const generated = generate(options);
    expect(written.files.map((f) => f.agency)).toEqual(generated.files.map((f) => f.agency));
    for (const [k, file] of written.files.entries()) {
      const expected = generated.files[k]!;
      expect(readFileSync(file.path, 'utf8')).toBe(expected.csv);
      expect(file.rows).toBe(expected.truth.length);
    }
    expect(written.rows).toBe(generated.files.reduce((n, f) => n + f.truth.length, 0));
    expect(written.persons).toBe(generated.persons.length);
  });
});
