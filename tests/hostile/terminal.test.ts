import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileLimit } from '../../src/launch.js';
import { painter, safeForTerminal } from '../../src/render/text/table.js';
import { FAMILY } from '../family.js';
import { expectControlled, ROOT, runBounded, tempDir } from './run.js';

/**
 * Hostile text on the terminal (issue 19): control characters in the data never reach the
 * terminal raw, a file name never splits a one-line message, and a low limit on open files is
 * one line, not an internal error. Each case runs the built bin.
 */

const MS = 40_000;
const BIN = fileURLToPath(new URL('../../bin/chronology.js', import.meta.url));
/** What a terminal acts on: C0 controls except the line break, DEL and C1 controls. */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

let dir: string;
let data: string;
beforeAll(() => {
  dir = tempDir('terminal');
  data = join(dir, 'controls.csv');
  // ESC [2J clears the screen, OSC 0 sets the window title, backspace and CR overwrite what was shown.
  writeFileSync(
    data,
    'agency,date,type,severity,description,given_name,family_name,dob\n' +
      'Police,03/04/2021,neglect,4,"clear\x1b[2Jscreen \x1b]0;owned\x07title back\x08space",Ann\x1b[8m,Smith\x1b[0m,01/02/2015\n' +
      'School,04/04/2021,neglect,,"carriage\rreturn",Ann\x1b[8m,Smith\x1b[0m,01/02/2015\n',
  );
});
afterAll(() => {
  execFileSync('rm', ['-rf', dir]);
});

describe.concurrent('hostile text on the terminal', { timeout: 90_000 }, () => {
  it.each(['timeline', 'analyse', 'persons', 'validate'])('%s: control characters in the data are shown escaped in the table', async (command) => {
    const run = await runBounded([command, data]);
    expectControlled(run, MS);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    if (command !== 'validate') expect(run.stdout).toContain('Ann\\u001b[8m');
    if (command === 'timeline' || command === 'analyse') expect(run.stdout).toContain('clear\\u001b[2Jscreen \\u001b]0;owned\\u0007title back\\bspace');
  });

  it('colour keeps the painter\'s codes and escapes the data\'s, even inside painted text', () => {
    const paint = painter(true);
    const text = `${paint.bold(`Ann\x1b[31m\x1b[2J`)}\n${paint.bold.red('next')}\r`;
    expect(safeForTerminal(text, true)).toBe('\x1b[1mAnn\\u001b[31m\\u001b[2J\x1b[22m\n\x1b[1m\x1b[31mnext\x1b[39m\x1b[22m\\r');
    expect(safeForTerminal(text, false)).toBe('Ann\\u001b[31m\\u001b[2J\nnext\\r');
    expect(safeForTerminal(painter(false).bold('plain'), true)).toBe('plain');
  });

  /** The bin run on a terminal (a pseudo-terminal from util-linux `script`), colour on; what the terminal received. */
  function onTerminal(args: readonly string[]): string {
    const command = [process.execPath, BIN, ...args].map((arg) => `'${arg}'`).join(' ');
    return execFileSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', TERM: 'xterm' }, encoding: 'utf8' });
  }
  const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

  it.runIf(hasScript)('on a terminal the coloured table keeps its colours and shows the data\'s codes escaped', () => {
    const shown = onTerminal(['timeline', data]);
    expect(shown).toContain('\x1b[1mdate\x1b[22m');
    // A painted cell keeps its colour: the table measures around the codes, and they are not escaped as data.
    expect(shown).toMatch(/\x1b\[31m4\x1b\[39m/);
    expect(shown).toContain('Ann\\u001b[8m Smith\\u001b[0m');
    expect(shown).toContain('clear\\u001b[2Jscreen');
    expect(shown.replace(/\x1b\[(?:1|22|2|3|23|31|32|33|39)m/g, '').replace(/\r\n/g, '\n')).not.toMatch(RAW_CONTROL);
  });

  it.runIf(hasScript)('on a terminal markdown and CSV show the data\'s control characters escaped too', () => {
    for (const format of ['markdown', 'csv']) {
      const shown = onTerminal(['timeline', data, '--format', format]).replace(/\r\n/g, '\n');
      expect(shown).not.toMatch(RAW_CONTROL);
      // Markdown escapes the bracket itself (`\\u001b\\[2J`).
      expect(shown).toMatch(/clear\\u001b\\?\[2J/);
    }
  });

  it('a newline in a file name stays on the one line of its message', async () => {
    const run = await runBounded(['validate', join(dir, 'a\nb.csv')]);
    expectControlled(run, MS);
    expect(run.code).toBe(3);
    const lines = run.stderr.trimEnd().split('\n');
    // The error, then the run's closing line of counts: each whole on its own line.
    expect(lines[0]).toBe(`chronology: ${join(dir, 'a\\nb.csv')}: no such file`);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^chronology: 0 rows read from 1 file/);
    expect(run.stdout).toContain('a\\nb.csv');
    expect(run.stdout).not.toMatch(/^b\.csv/m);
  });

  it('control characters in an unreadable file\'s name are escaped on stderr', async () => {
    const name = join(dir, 'x\x1b[2J\ry.csv');
    writeFileSync(name, 'agency,type,type\n');
    const run = await runBounded(['merge', name]);
    expectControlled(run, MS);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain('x\\u001b[2J\\ry.csv');
  });

  function underLimit(limit: number): { code: number | null; stderr: string } {
    const result = spawnSync('sh', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, BIN, 'analyse', ...FAMILY, '--format', 'html'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
      encoding: 'utf8',
    });
    return { code: result.status, stderr: result.stderr };
  }

  it.runIf(process.platform === 'linux')('under ulimit -n 256 a run works', () => {
    const run = underLimit(256);
    expect(run.stderr).not.toMatch(/EMFILE|open files|internal error/);
    expect(run.code).toBe(0);
  });

  it.runIf(process.platform === 'linux')('under ulimit -n 64 a run stops with one line saying what limit it needs', () => {
    const run = underLimit(64);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('chronology: the limit on open files is 64; chronology needs at least 128 (raise it with ulimit -n 128)\n');
  });

  it('the limit is read from the soft column of /proc/self/limits', () => {
    const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            256                  1048576              files\n';
    expect(openFileLimit(limits)).toBe(256);
    expect(openFileLimit('Max open files            unlimited            unlimited            files\n')).toBeUndefined();
  });
});
