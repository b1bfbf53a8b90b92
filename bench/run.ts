/**
 * End-to-end scale benchmark: `npm run bench -- [--sizes 100000,1000000] [--quick] [--runs N] [--seed N]`.
 * Generates synthetic agency exports of each size (cached in bench/out/), then times the built
 * command line (`merge` and `analyse`, JSON to /dev/null) against a bare csv-parse pass over the
 * same files, and `chronology --version` against `node -e 0`. Prints a table and checks the targets;
 * exits 1 when one is not met. `--timeout S` (default 900) stops a run that takes longer and reports it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeDataset, type WrittenDataset } from './synthetic/generate.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root: this file runs as dist/bench/run.js. */
const ROOT = resolve(HERE, '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const BIN = join(ROOT, 'bin', 'chronology.js');
const PRELOAD = pathToFileURL(join(HERE, 'peak-rss.js')).href;
const BASELINE = join(HERE, 'csv-baseline.js');

/** Rows the generator writes per person at its defaults (5 agencies), measured on seed 1. */
const ROWS_PER_PERSON = 10.65;
const GIB = 1024 ** 3;
const TARGETS = { ratioToCsvParse: 3, peakRssBytes: 2 * GIB, scalingSlack: 1.2, versionRatio: 3 };

interface Timing {
  seconds: number;
  peakRss: number;
  /** Why the run did not complete (a time-out or a failure), if it did not. */
  failed?: string;
}

interface Row {
  size: number;
  rows: number;
  task: string;
  timing: Timing;
}

function sizesOf(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim().replace(/_/g, '')));
  if (sizes.some((size) => !Number.isInteger(size) || size < 100)) throw new Error(`--sizes must be whole numbers of at least 100, got ${JSON.stringify(text)}`);
  return sizes.sort((a, b) => a - b);
}

/** The dataset of about `size` rows for a seed, generated once and reused while its manifest says it is complete. */
function dataset(size: number, seed: number): WrittenDataset {
  const dir = join(OUT, `${size}-seed${seed}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as WrittenDataset;
  const started = performance.now();
  const written = writeDataset({ people: Math.max(1, Math.round(size / ROWS_PER_PERSON)), seed }, dir);
  writeFileSync(manifest, JSON.stringify(written, null, 2));
  process.stderr.write(`generated ${written.rows} rows (${written.persons} people) in ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return written;
}

/** Runs a child with stdout to /dev/null and returns its wall time and peak RSS (median time of `runs`). */
function time(args: readonly string[], runs: number, timeoutSeconds: number): Timing {
  const scratch = mkdtempSync(join(tmpdir(), 'chronology-bench-'));
  const rssFile = join(scratch, 'rss');
  const timings: Timing[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      // The preload keeps the larger of the peaks it finds written, so each run starts without one.
      rmSync(rssFile, { force: true });
      const devNull = openSync('/dev/null', 'w');
      const started = performance.now();
      const child = spawnSync(process.execPath, ['--import', PRELOAD, ...args], {
        cwd: ROOT,
        stdio: ['ignore', devNull, 'pipe'],
        env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile },
        maxBuffer: 64 * 1024 * 1024,
        timeout: timeoutSeconds * 1000,
      });
      const seconds = (performance.now() - started) / 1000;
      closeSync(devNull);
      if (child.status !== 0) {
        const why = child.signal === 'SIGTERM' ? `timed out after ${timeoutSeconds} s` : `exited ${child.status ?? child.signal}`;
        const detail = child.stderr.toString().trim().split('\n').slice(-1)[0] ?? '';
        process.stderr.write(`${why}: ${detail}\n`);
        return { seconds, peakRss: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : 0, failed: why };
      }
      timings.push({ seconds, peakRss: Number(readFileSync(rssFile, 'utf8')) });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  timings.sort((a, b) => a.seconds - b.seconds);
  return timings[Math.floor((timings.length - 1) / 2)] as Timing;
}

function medianSeconds(args: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    times.push((performance.now() - started) / 1000);
    if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status ?? child.signal}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)] as number;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((cell, c) => Math.max(cell.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function main(): number {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      seed: { type: 'string', default: '1' },
      timeout: { type: 'string', default: '900' },
    },
  });
  const sizes = sizesOf(values.sizes ?? (values.quick ? '20000,200000' : '100000,1000000'));
  const runs = Number(values.runs ?? (values.quick ? 1 : 3));
  const seed = Number(values.seed);
  const timeoutSeconds = Number(values.timeout);
  if (!(timeoutSeconds > 0)) throw new Error(`--timeout must be a positive number of seconds, got ${JSON.stringify(values.timeout)}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got ${JSON.stringify(values.runs)}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${JSON.stringify(values.seed)}`);
  process.stderr.write(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${ROOT}\n`);

  const rows: Row[] = [];
  for (const size of sizes) {
    const data = dataset(size, seed);
    const files = data.files.map((file) => relative(ROOT, file.path));
    for (const [task, args] of [
      ['csv-parse', [BASELINE, ...files]],
      ['merge', [BIN, 'merge', ...files, '--format', 'json', '--quiet']],
      ['analyse', [BIN, 'analyse', ...files, '--format', 'json', '--quiet']],
    ] as const) {
      process.stderr.write(`timing ${task} on ${data.rows} rows (${runs} run${runs === 1 ? '' : 's'})...\n`);
      rows.push({ size, rows: data.rows, task, timing: time(args, runs, timeoutSeconds) });
    }
  }
  const versionRuns = 10;
  const nodeStart = medianSeconds(['-e', '0'], versionRuns);
  const versionStart = medianSeconds([BIN, '--version'], versionRuns);

  const baselineOf = (size: number) => rows.find((row) => row.size === size && row.task === 'csv-parse')!.timing.seconds;
  process.stdout.write(
    `${table(
      ['rows', 'task', 'wall', 'rows/s', 'peak RSS', '× csv-parse'],
      rows.map((row) => [
        String(row.rows),
        row.task,
        row.timing.failed ?? `${row.timing.seconds.toFixed(2)} s`,
        row.timing.failed ? '-' : String(Math.round(row.rows / row.timing.seconds)),
        megabytes(row.timing.peakRss),
        row.timing.failed ? '-' : (row.timing.seconds / baselineOf(row.size)).toFixed(2),
      ]),
    )}\n\nstart-up (median of ${versionRuns}): node -e 0 ${(nodeStart * 1000).toFixed(0)} ms, chronology --version ${(versionStart * 1000).toFixed(0)} ms (${(versionStart / nodeStart).toFixed(2)}×)\n` +
      `median of ${runs} run${runs === 1 ? '' : 's'} each; load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n\n`,
  );

  const largest = sizes[sizes.length - 1]!;
  const smallest = sizes[0]!;
  const checks: [string, boolean][] = [];
  for (const task of ['merge', 'analyse']) {
    const big = rows.find((row) => row.size === largest && row.task === task)!;
    const small = rows.find((row) => row.size === smallest && row.task === task)!;
    if (big.timing.failed !== undefined || small.timing.failed !== undefined) {
      checks.push([`${task} completes at every size: ${big.timing.failed ?? small.timing.failed}`, false]);
      continue;
    }
    const ratio = big.timing.seconds / baselineOf(largest);
    checks.push([`${task} of ${big.rows} rows ≤ ${TARGETS.ratioToCsvParse}× csv-parse: ${ratio.toFixed(2)}×`, ratio <= TARGETS.ratioToCsvParse]);
    checks.push([`${task} peak RSS at ${big.rows} rows < 2 GiB: ${megabytes(big.timing.peakRss)}`, big.timing.peakRss < TARGETS.peakRssBytes]);
    if (largest !== smallest) {
      const growth = big.rows / small.rows;
      const cost = big.timing.seconds / small.timing.seconds;
      checks.push([
        `${task}: ${growth.toFixed(1)}× the rows costs ≤ ${(growth * TARGETS.scalingSlack).toFixed(1)}× the time: ${cost.toFixed(1)}×`,
        cost <= growth * TARGETS.scalingSlack,
      ]);
    }
  }
  const versionRatio = versionStart / nodeStart;
  checks.push([`--version ≤ ${TARGETS.versionRatio}× node -e 0: ${versionRatio.toFixed(2)}×`, versionRatio <= TARGETS.versionRatio]);
  process.stdout.write(`targets\n${checks.map(([text, met]) => `  ${met ? 'met    ' : 'NOT met'}  ${text}`).join('\n')}\n`);
  return checks.every(([, met]) => met) ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
