import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const INPUTS = 'tests/hostile/inputs';
const BIN = fileURLToPath(new URL('../../bin/chronology.js', import.meta.url));

/** The heap a hostile input must fit in; a run that needs more dies, and the test sees it. */
export const HEAP_MB = 512;

export interface HostileRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
  env?: Record<string, string>;
  /** Extra node flags before the bin, e.g. `--import` a preload. */
  nodeFlags?: string[];
}

/**
 * Runs the built bin from the repository root with a bounded heap, timing it. Asynchronous, so
 * the cases of one file can run side by side on both cores.
 */
export function runBounded(args: readonly string[], options: RunOptions = {}): Promise<HostileRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...(options.nodeFlags ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    uid: options.uid,
    gid: options.gid,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...options.env },
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code,
        signal,
        ms: performance.now() - started,
      });
    });
  });
}

/** What every run on hostile input must show: a contract exit code, no stack trace, no crash, in time. */
export function expectControlled(run: HostileRun, maxMs: number): void {
  expect(run.signal, `killed: ${run.stderr.slice(0, 300)}`).toBeNull();
  expect([0, 1, 2, 3], `exit code, stderr: ${run.stderr.slice(0, 300)}`).toContain(run.code);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toMatch(/internal error|heap out of memory|FATAL ERROR/i);
  expect(run.ms).toBeLessThan(maxMs);
}

/** The single stderr line (after "chronology: ") for a file that could not be read at all. */
export function expectFileError(run: HostileRun, file: string, problem: RegExp, line?: number): void {
  expect(run.code).toBe(3);
  const lines = run.stderr.trimEnd().split('\n');
  const where = line === undefined ? file : `${file}:${line}`;
  const ours = lines.filter((l) => l.startsWith(`chronology: ${where}: `));
  expect(ours, run.stderr).toHaveLength(1);
  expect(ours[0]).toMatch(problem);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `chronology-${prefix}-`));
}
