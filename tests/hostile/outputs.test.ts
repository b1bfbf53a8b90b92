import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protectedInputs } from '../../src/commands/shared.js';
import { writeOutput } from '../../src/output.js';
import { expectControlled, ROOT, runBounded, tempDir } from './run.js';

/**
 * Hostile outputs (issue 19): `-o` onto things that are not regular files, onto files the run
 * reads, and over an earlier output when no input could be read. Each case runs the built bin.
 */

const POLICE = join(ROOT, 'fixtures/family/police.csv');
const MS = 40_000;
const asRoot = process.getuid?.() === 0;

let dir: string;
beforeAll(() => {
  dir = tempDir('outputs');
});
afterAll(() => {
  execFileSync('rm', ['-rf', dir]);
});

describe.concurrent('hostile outputs', { timeout: 90_000 }, () => {
  it('-o onto a character device writes into it and leaves it a device', { skip: !asRoot }, async () => {
    // A device of our own (the null device's numbers), so a failure never replaces the real /dev/null.
    const device = join(dir, 'null');
    execFileSync('mknod', [device, 'c', '1', '3']);
    const run = await runBounded(['merge', POLICE, '-o', device]);
    expectControlled(run, MS);
    expect(run.code).toBe(0);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('-o onto a link to /proc/self/fd/1 (what /dev/stdout is) writes to stdout and keeps the link', async () => {
    const link = join(dir, 'stdout');
    symlinkSync('/proc/self/fd/1', link);
    const [run, direct] = await Promise.all([runBounded(['merge', POLICE, '-o', link]), runBounded(['merge', POLICE])]);
    expectControlled(run, MS);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(direct.stdout);
    expect(run.stdout).toContain('"events"');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('-o onto a link to /proc/self/fd/1 with stdout appended to a file (>>) appends, keeping what the file held', () => {
    const link = join(dir, 'stdout-append');
    symlinkSync('/proc/self/fd/1', link);
    const log = join(dir, 'appended.log');
    writeFileSync(log, 'earlier line\n');
    execFileSync('sh', ['-c', `"$0" "$1" merge "$2" -o "$3" >> "$4"`, process.execPath, join(ROOT, 'bin/chronology.js'), POLICE, link, log], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
    });
    const text = readFileSync(log, 'utf8');
    expect(text.startsWith('earlier line\n{')).toBe(true);
    expect(text).toContain('"events"');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('-o onto a FIFO writes into it for its reader and leaves it a FIFO', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    const read: Buffer[] = [];
    reader.stdout.on('data', (chunk: Buffer) => read.push(chunk));
    const closed = new Promise((done) => reader.on('close', done));
    const run = await runBounded(['merge', POLICE, '-o', fifo]);
    // A FIFO replaced by a file never gets a writer: its reader is stopped rather than left waiting.
    await Promise.race([closed, new Promise((done) => setTimeout(done, 10_000))]);
    reader.kill();
    expectControlled(run, MS);
    expect(run.code).toBe(0);
    expect(Buffer.concat(read).toString('utf8')).toContain('"events"');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('-o onto a profile that --profiles DIR holds is refused before anything is read, and the profile is unchanged', async () => {
    const profiles = join(dir, 'profiles');
    mkdirSync(profiles);
    copyFileSync(join(ROOT, 'profiles/examples/police.yaml'), join(profiles, 'police.yaml'));
    const before = readFileSync(join(profiles, 'police.yaml'), 'utf8');
    const run = await runBounded(['merge', POLICE, '--profiles', profiles, '-o', join(profiles, 'police.yaml')]);
    expectControlled(run, MS);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/police\.yaml" is one of the inputs/);
    expect(readFileSync(join(profiles, 'police.yaml'), 'utf8')).toBe(before);
  });

  it('every file a run reads is protected: profiles in the directory, the bundled rules, nickname and transliteration lists', () => {
    const profiles = join(ROOT, 'profiles/examples');
    const protectedFiles = protectedInputs(['a.csv'], { profiles });
    for (const name of readdirSync(profiles).filter((n) => n.endsWith('.yaml'))) expect(protectedFiles).toContain(join(profiles, name));
    expect(protectedFiles).toContain(fileURLToPath(new URL('../../rules/default.yaml', import.meta.url)));
    expect(protectedFiles).toContain(fileURLToPath(new URL('../../data/nicknames.csv', import.meta.url)));
    expect(protectedFiles).toContain(fileURLToPath(new URL('../../data/transliterations.csv', import.meta.url)));
  });

  it.each(['merge', 'analyse', 'validate'])('%s: when no input could be read, an earlier -o file is left as it was', async (command) => {
    const output = join(dir, `earlier-${command}.json`);
    writeFileSync(output, 'earlier output\n');
    const run = await runBounded([command, join(dir, 'missing.csv'), '-o', output, '--format', 'json']);
    expectControlled(run, MS);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/missing\.csv: no such file/);
    expect(run.stderr).toMatch(/; nothing written\.\n$/);
    expect(readFileSync(output, 'utf8')).toBe('earlier output\n');
  });

  it('merge prints nothing on stdout when no input could be read', async () => {
    const run = await runBounded(['merge', join(dir, 'missing.csv')]);
    expectControlled(run, MS);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
  });

  it('-o over an existing file keeps its mode (a new file takes the umask)', async () => {
    const output = join(dir, 'kept-mode.json');
    writeFileSync(output, 'old');
    chmodSync(output, 0o640);
    const run = await runBounded(['merge', POLICE, '-o', output]);
    expectControlled(run, MS);
    expect(statSync(output).mode & 0o777).toBe(0o640);
    expect(readFileSync(output, 'utf8')).toContain('"events"');
  });

  it('the temporary file that holds the output while it is written is readable by its owner only', async () => {
    const folder = join(dir, 'temporary');
    mkdirSync(folder);
    const modes: number[] = [];
    function* content(): Generator<string> {
      yield 'personal data, ';
      for (const name of readdirSync(folder)) modes.push(statSync(join(folder, name)).mode & 0o777);
      yield 'the rest';
    }
    await writeOutput(content(), join(folder, 'out.txt'));
    expect(modes).toEqual([0o600]);
    expect(readdirSync(folder)).toEqual(['out.txt']);
    expect(existsSync(join(folder, 'out.txt'))).toBe(true);
  });
});
