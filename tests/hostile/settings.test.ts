import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAMILY } from '../family.js';
import { expectControlled, expectFileError, INPUTS, runBounded, tempDir } from './run.js';

/**
 * Hostile settings files (issue 19): a rules file or profile that is an alias bomb or nested too
 * deeply gets the one-line message an input gets (exit 3, naming the file), never an internal
 * error or the parser's stack overflow. Each case runs the built bin.
 */

const MS = 40_000;
const BOMB = `${INPUTS}/alias-bomb.yaml`;
let dir: string;
let deep: string;
beforeAll(() => {
  dir = tempDir('settings');
  deep = join(dir, 'deep.yaml');
  writeFileSync(deep, `events: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
});
afterAll(() => {
  execFileSync('rm', ['-rf', dir]);
});

describe.concurrent('hostile settings files', { timeout: 90_000 }, () => {
  it.each([
    ['rules file', '--rules'],
    ['profile', '--profile'],
  ])('an alias bomb as the %s: exit 3, "too many YAML aliases"', async (_kind, option) => {
    const run = await runBounded(['analyse', ...FAMILY, option, BOMB]);
    expectControlled(run, MS);
    expectFileError(run, BOMB, /: too many YAML aliases \(possible alias bomb\)$/);
  });

  it.each([
    ['rules file', ['analyse', ...FAMILY, '--rules']],
    ['profile', ['analyse', ...FAMILY, '--profile']],
    ['input', ['validate']],
  ])('YAML nested 20,000 deep as the %s: exit 3, "is nested too deeply to read"', async (_kind, args) => {
    const run = await runBounded([...args, deep]);
    expectControlled(run, MS);
    expectFileError(run, deep, /: is nested too deeply to read$/);
    expect(run.stderr).not.toMatch(/call stack/);
  });
});
