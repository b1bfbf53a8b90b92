import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/output.js';
import { expectControlled, ROOT, runBounded, tempDir } from './run.js';
import { FAMILY } from '../family.js';

/** Predictable output (issue 8): byte-identical runs, order independence, atomic writes, inputs never changed. */

const RUN_MS = 60_000;

const RUNS: string[][] = [
  ['validate', '--format', 'json'],
  ['merge', '--format', 'json'],
  ['merge', '--format', 'csv'],
  ['persons', '--format', 'json'],
  ['timeline'],
  ['analyse', '--format', 'json'],
];

const sha = (path: string): string => createHash('sha256').update(readFileSync(join(ROOT, path))).digest('hex');

interface Source {
  file: string;
  line: number;
}
interface MergedEvent {
  id: string;
  person: string;
  date: string;
  type: string;
  severity?: number;
  agencies: string[];
  sources: Source[];
}
interface MergeDocument {
  events: MergedEvent[];
  persons: { id: string; sources: Source[] }[];
  rejected: (Source & { reason: string })[];
}

const key = (s: Source): string => `${s.file}:${s.line}`;

describe.concurrent('predictable output', { timeout: 90_000 }, () => {
  const dir = tempDir('predictable');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(RUNS)('chronology %s ... twice gives byte-identical output, with no timestamp', async (command, ...options) => {
    const before = FAMILY.map(sha);
    const [first, second] = await Promise.all([1, 2].map(() => runBounded([command as string, ...FAMILY, ...options])));
    for (const run of [first!, second!]) {
      expectControlled(run, RUN_MS);
      expect(run.code).toBe(0);
    }
    expect(second!.stdout).toBe(first!.stdout);
    expect(second!.stderr).toBe(first!.stderr);
    // The run's own date would show as this year next to a time; the fixtures end in 2023.
    expect(first!.stdout).not.toContain(new Date().toISOString().slice(0, 10));
    expect(first!.stdout).not.toMatch(/generated|created_at|timestamp/i);
    expect(FAMILY.map(sha)).toEqual(before);
  });

  it('the input files in another order give the same people, events and rejects', async () => {
    const reversed = [...FAMILY].reverse();
    const [forward, backward] = await Promise.all([FAMILY, reversed].map((files) => runBounded(['merge', ...files, '--format', 'json'])));
    const a = JSON.parse(forward!.stdout) as MergeDocument;
    const b = JSON.parse(backward!.stdout) as MergeDocument;
    // Ids, dates, types, severities, agencies and each event's sources do not depend on file order.
    const events = (d: MergeDocument): string[] =>
      d.events.map((e) => JSON.stringify([e.id, e.person, e.date, e.type, e.severity, e.agencies, e.sources.map(key).sort()]));
    expect(events(b)).toEqual(events(a));
    const persons = (d: MergeDocument): string[] => d.persons.map((p) => `${p.id} ${p.sources.map(key).sort().join(' ')}`);
    expect(persons(b)).toEqual(persons(a));
    const rejects = (d: MergeDocument): string[] => d.rejected.map((r) => `${key(r)} ${r.reason}`).sort();
    expect(rejects(b)).toEqual(rejects(a));
  });

  it('-o writes the same bytes as stdout, leaving no temporary file beside it', async () => {
    const target = join(dir, 'merged.json');
    const [toFile, toStdout] = await Promise.all([
      runBounded(['merge', ...FAMILY, '-o', target]),
      runBounded(['merge', ...FAMILY]),
    ]);
    expect(toFile.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(toStdout.stdout);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('-o into a folder that does not exist is a one-line usage error', async () => {
    const run = await runBounded(['merge', FAMILY[0]!, '-o', join(dir, 'no-such-folder', 'out.json')]);
    expectControlled(run, RUN_MS);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^chronology: cannot write "[^"]+out\.json": its folder does not exist\n$/);
  });

  describe('an output path that is one of the inputs is refused, however it is written', () => {
    const input = join(dir, 'police.csv');
    writeFileSync(input, readFileSync(join(ROOT, FAMILY[0]!)));
    const link = join(dir, 'link-to-police.csv');
    symlinkSync(input, link);
    const hardLink = join(dir, 'hard-link-to-police.csv');
    linkSync(input, hardLink);
    const original = readFileSync(input, 'utf8');
    const fromRoot = relative(ROOT, input);

    it.each([
      ['the same path', input, input],
      ['an absolute path for a relative input', fromRoot, input],
      ['a ./ variant', input, `${dir}/./police.csv`],
      ['a hard link to the input', input, hardLink],
      ['a symbolic link to the input', input, link],
      ['the input through a symbolic link', link, input],
    ])('%s', async (_name, given, output) => {
      const run = await runBounded(['merge', given, '-o', output]);
      expectControlled(run, RUN_MS);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^chronology: output "[^"]+" is one of the inputs; choose another path\n$/);
      expect(readFileSync(input, 'utf8')).toBe(original);
    });
  });

  it('a failed write leaves no temporary file and does not clobber the target', async () => {
    // A directory in the way makes the final rename fail after the temporary file is written.
    const target = join(dir, 'occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'kept');
    await expect(writeOutput('new content', target)).rejects.toThrow(/cannot write ".*occupied": it is a directory/);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(dir).filter((name) => name.includes('occupied') && name.endsWith('.tmp'))).toEqual([]);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('a write stopped by %s leaves no partial file and ends by that signal', async (signal) => {
    const target = join(dir, `stopped-${signal}.json`);
    const script = join(dir, `stopped-${signal}.mjs`);
    // Output that never ends: the write is surely under way when the signal comes.
    writeFileSync(
      script,
      `import { writeSync } from 'node:fs';\nconst { writeOutput } = await import(${JSON.stringify(join(ROOT, 'dist/src/output.js'))});\n` +
        `function* chunks() { yield '['; writeSync(1, 'ready\\n'); for (;;) yield '{"event": 1},\\n'; }\n` +
        `await writeOutput(chunks(), ${JSON.stringify(target)});\n`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, by) => resolve(by)));
    child.stdout.once('data', () => child.kill(signal));
    expect(await ended).toBe(signal);
    expect(readdirSync(dir).filter((name) => name.includes(`stopped-${signal}.json`))).toEqual([]);
  });

  it('a successful write replaces the target whole', async () => {
    const target = join(dir, 'replaced.txt');
    writeFileSync(target, 'old content that is longer than the new');
    await writeOutput('new', target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(existsSync(target)).toBe(true);
  });
});
