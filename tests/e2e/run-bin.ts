import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/chronology.js', import.meta.url));

export interface BinResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs the built bin from the repository root, as a user would, without colour and in UTC. */
export function runBin(args: readonly string[], env: Record<string, string> = {}): BinResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}

const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));

/**
 * Compares a run with tests/golden/<name>.{stdout,stderr,code}, byte for byte; `UPDATE_GOLDEN=1`
 * rewrites them, and a missing one is written and fails the test until it has been checked.
 */
export function expectGolden(name: string, result: BinResult): void {
  const files = { stdout: result.stdout, stderr: result.stderr, code: `${result.code}\n` };
  for (const [part, actual] of Object.entries(files)) {
    const path = join(GOLDEN, `${name}.${part}`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, actual);
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`wrote missing golden file ${path}; check it and run again`);
    }
    expect(actual, `${name}.${part}`).toBe(readFileSync(path, 'utf8'));
  }
  expect(result.stderr).not.toMatch(/\n\s+at /);
}
