import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_PER_INPUT_BYTE, inputBytes, relaunchHeapMib } from '../../src/launch.js';
import { ROOT, runBin } from '../e2e/run-bin.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const dir = mkdtempSync(join(tmpdir(), 'chronology-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('relaunchHeapMib', () => {
  const machine = { heapLimit: 4 * GIB, memory: 24 * GIB };

  it('keeps the heap node started with while the inputs fill at most half of it', () => {
    expect(relaunchHeapMib({ ...machine, inputBytes: 0 })).toBeUndefined();
    expect(relaunchHeapMib({ ...machine, inputBytes: (2 * GIB) / HEAP_PER_INPUT_BYTE })).toBeUndefined();
  });

  it('asks for twice the expected peak when the inputs would fill more than half', () => {
    const inputs = 600 * MIB;
    expect(relaunchHeapMib({ ...machine, inputBytes: inputs })).toBe(2 * HEAP_PER_INPUT_BYTE * 600);
  });

  it('never asks for more than three quarters of the memory', () => {
    expect(relaunchHeapMib({ ...machine, inputBytes: 10 * GIB })).toBe(18 * 1024);
  });

  it('does not start again for a limit barely above the one it has', () => {
    expect(relaunchHeapMib({ heapLimit: 4 * GIB, memory: 6 * GIB, inputBytes: 1 * GIB })).toBeUndefined();
  });
});

describe('inputBytes', () => {
  it('adds up the files named, not options, directories or missing paths', () => {
    writeFileSync(join(dir, 'a.csv'), 'x'.repeat(100));
    writeFileSync(join(dir, 'b.csv'), 'y'.repeat(23));
    mkdirSync(join(dir, 'profiles'), { recursive: true });
    const args = ['analyse', join(dir, 'a.csv'), join(dir, 'b.csv'), '--profiles', join(dir, 'profiles'), join(dir, 'none.csv'), '-'];
    expect(inputBytes(args)).toBe(123);
  });

  it('does not count the file an earlier run wrote with -o or --output', () => {
    expect(inputBytes(['merge', join(dir, 'b.csv'), '-o', join(dir, 'a.csv')])).toBe(23);
    expect(inputBytes(['merge', join(dir, 'b.csv'), '--output', join(dir, 'a.csv')])).toBe(23);
  });

  it('skips a path it cannot stat, such as one that runs through a file', () => {
    expect(inputBytes([join(dir, 'a.csv', 'x.csv'), join(dir, 'b.csv')])).toBe(23);
  });
});

/** A preload that reports each process's heap limit, so a test can see node started again. */
function heapReporter(): string {
  const path = join(dir, 'report-heap.cjs');
  writeFileSync(path, "process.stderr.write(`heap ${require('v8').getHeapStatistics().heap_size_limit >> 20}\\n`);\n");
  return path;
}

/** A script file that relaunches node on `args` and prints the exit code it resolves to. */
function relauncher(name: string, args: readonly string[]): string {
  const path = join(dir, name);
  const launch = JSON.stringify(join(ROOT, 'dist/src/launch.js'));
  writeFileSync(path, `const { relaunch } = await import(${launch});\nconsole.log(String(await relaunch(256, ${JSON.stringify(args)})));\n`);
  return path;
}

describe('relaunch (built bin)', () => {
  const big = join(dir, 'big.csv');
  beforeAll(() => {
    // A sparse file: 4 GiB by its size, no space on disk; --version never reads it.
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 4 * GIB);
    closeSync(fd);
  });

  it('runs node again with a larger heap when the named files are large, passing on output and exit code', () => {
    const version = runBin(['--version', big], { NODE_OPTIONS: `--require=${heapReporter()}` });
    const limits = [...version.stderr.matchAll(/^heap (\d+)$/gm)].map((m) => Number(m[1]));
    expect(limits).toHaveLength(2);
    expect(limits[1]).toBeGreaterThan((limits[0] ?? 0) * 1.25);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(version.code).toBe(0);

    const usage = runBin(['analyse', big, '--threads', '0'], { NODE_OPTIONS: `--require=${heapReporter()}` });
    expect(usage.stderr.match(/^heap /gm)).toHaveLength(2);
    expect(usage.code).toBe(2);
  });

  it('runs as started for small inputs or a heap the user chose', () => {
    const small = runBin(['--version', join(ROOT, 'package.json')], { NODE_OPTIONS: `--require=${heapReporter()}` });
    expect(small.stderr.match(/^heap /gm)).toHaveLength(1);
    for (const flag of ['--max-old-space-size=512', '--max_old_space_size=512']) {
      const chosen = runBin(['--version', big], { NODE_OPTIONS: `--require=${heapReporter()} ${flag}` });
      expect(chosen.stderr.match(/^heap /gm)).toHaveLength(1);
    }
  });

  it('resolves to nothing when node cannot be started again, so the run goes on in this process', () => {
    const script = relauncher('missing-node.mjs', ['-e', '0']);
    writeFileSync(script, `process.execPath = '/nonexistent/node';\n${readFileSync(script, 'utf8')}`);
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.stdout).toBe('undefined\n');
    expect(result.status).toBe(0);
  });

  it('passes on the exit code of the relaunched run', () => {
    const result = spawnSync(process.execPath, [relauncher('exit.mjs', ['-e', 'process.exitCode = 4'])], { encoding: 'utf8' });
    expect(result.stdout).toBe('4\n');
  });

  it('ends by the signal that ended the relaunched run', () => {
    const script = relauncher('killed.mjs', ['-e', "process.kill(process.pid, 'SIGTERM')"]);
    const result = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(result.signal).toBe('SIGTERM');
  });

  it('passes a signal sent to it on to the relaunched run', async () => {
    const child = `process.on('SIGTERM', () => { console.log('child stopped'); process.exit(7); }); setInterval(() => {}, 1000); console.log('ready');`;
    const parent = spawn(process.execPath, [relauncher('forward.mjs', ['-e', child])], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    const ended = new Promise<number | null>((resolve) => parent.on('exit', (code) => resolve(code)));
    parent.stdout.on('data', (data: Buffer) => {
      const waiting = !stdout.includes('ready');
      stdout += data.toString();
      if (waiting && stdout.includes('ready')) parent.kill('SIGTERM');
    });
    expect(await ended).toBe(0);
    expect(stdout).toBe('ready\nchild stopped\n7\n');
  });

  it.skipIf(process.platform !== 'linux')('ends the relaunched run when the first node is killed outright', async () => {
    // The preload keeps the relaunched node alive after its work, so only the dead parent can end it.
    const keepAlive = join(dir, 'keep-alive.cjs');
    writeFileSync(keepAlive, "if (process.env.CHRONOLOGY_RELAUNCHED) { process.stderr.write(`relaunched ${process.pid}\\n`); setInterval(() => {}, 1000); }\n");
    const parent = spawn(process.execPath, [join(ROOT, 'bin/chronology.js'), '--version', big], {
      env: { ...process.env, NODE_OPTIONS: `--require=${keepAlive}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const childPid = await printedPid(parent, parent.stderr, /relaunched (\d+)\n/);
    parent.kill('SIGKILL');
    await expectGone(childPid);
  });

  it.skipIf(process.platform !== 'linux')('stops quietly when the first node was gone before it listened', async () => {
    const launch = JSON.stringify(join(ROOT, 'dist/src/launch.js'));
    const child =
      `process.once('disconnect', () => setTimeout(() => import(${launch}).then((m) => { m.endWithParent(); setInterval(() => {}, 1000); }), 50));` +
      ` console.log('ready ' + process.pid);`;
    const parent = spawn(process.execPath, [relauncher('gone-first.mjs', ['-e', child])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    const childPid = await printedPid(parent, parent.stdout, /ready (\d+)\n/);
    parent.kill('SIGKILL');
    await expectGone(childPid);
    expect(stderr).toBe('');
  });
});

/** The pid a process prints on `stream`, once the line is whole; fails if `parent` ends first. */
function printedPid(parent: ChildProcess, stream: Readable, pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (data: Buffer) => {
      text += data.toString();
      const found = pattern.exec(text);
      if (found) resolve(Number(found[1]));
    });
    parent.on('exit', () => reject(new Error(`ended before printing a pid: ${JSON.stringify(text)}`)));
  });
}

/** Waits for the process to end, and kills it if it has not, so no test leaves one behind. */
async function expectGone(pid: number): Promise<void> {
  try {
    await expect.poll(() => running(pid), { timeout: 5000, interval: 50 }).toBe(false);
  } finally {
    if (running(pid)) process.kill(pid, 'SIGKILL');
  }
}

/** Whether a process is alive: not gone, and not a zombie waiting for init to reap it. */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}
