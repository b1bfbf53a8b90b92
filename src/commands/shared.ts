import { EXIT, oneLine, UsageError } from '../errors.js';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledRulesFile } from '../analyse/rules-file.js';
import { linkConfig, linkPeopleInParallel, type LinkConfig } from '../link/index.js';
import { linkageDataFiles, loadNicknames, loadTransliterations } from '../link/nicknames-file.js';
import { HEAP_SHARE, heapWatch, releaseGarbage } from '../memory.js';
import { mergeEvents } from '../merge/index.js';
import type { Chronology } from '../pipeline/chronology.js';
import { loadInputs, type LoadResult } from '../pipeline/load.js';
import { append } from '../util/append.js';
import { createMappingResolver, profileNames } from '../profile/resolve.js';
import { createProgress, type Progress } from '../progress.js';
import type { InputOptions, LinkCliOptions } from './options.js';

/** Reads every input one file at a time, so progress can name the file being read. */
export async function loadFromOptions(
  files: readonly string[],
  options: InputOptions,
  progress: Progress = createProgress({ quiet: true }),
  heapShare: number = HEAP_SHARE.linking,
): Promise<LoadResult> {
  if (files.length === 0) throw new UsageError('no input files');
  const resolve = await createMappingResolver({
    profile: options.profile,
    profiles: options.profiles,
    agency: options.agency,
  });
  const result: LoadResult = { records: [], rejected: [], skipped: [], warnings: [], files: [], failures: [] };
  const watch = heapWatch(heapShare);
  for (const [index, file] of files.entries()) {
    progress.stage(`reading ${file}`, index, files.length);
    const one = await loadInputs([file], resolve, watch);
    append(result.records, one.records);
    append(result.rejected, one.rejected);
    append(result.skipped, one.skipped);
    append(result.warnings, one.warnings);
    append(result.files, one.files);
    append(result.failures, one.failures);
  }
  progress.clear();
  return result;
}

/** Linkage settings: the documented defaults with the bundled name lists (data/nicknames.csv, data/transliterations.csv). */
export async function linkConfigFromOptions(): Promise<LinkConfig> {
  return linkConfig(loadNicknames(), {}, loadTransliterations());
}

/** Files that could not be read, one line each on stderr; the rest of the run went on. */
export function reportFailures(load: LoadResult): void {
  for (const failure of load.failures) process.stderr.write(`chronology: ${oneLine(failure.message)}\n`);
}

/** Notes about whole files (encoding, month-first dates, unmapped values) on stderr unless --quiet. */
export function reportNotes(load: LoadResult, options: InputOptions): void {
  if (options.quiet) return;
  for (const file of load.files) {
    for (const note of file.notes) process.stderr.write(`chronology: ${oneLine(`${file.file}: ${note}`)}\n`);
  }
}

/** Reads the inputs, then tells the user about the files that could not be read and the notes on the others. */
export async function loadReported(files: readonly string[], options: InputOptions, progress: Progress): Promise<LoadResult> {
  const load = await loadFromOptions(files, options, progress);
  reportFailures(load);
  reportNotes(load, options);
  return load;
}

/** Most threads `--threads` accepts: each worker holds its own copy of the identities and its own memos. */
const MAX_THREADS = 16;

/** Threads for the scoring pass of linkage: `--threads`, else the machine's cores up to four. */
export function linkThreads(options: LinkCliOptions): number {
  if (options.threads === undefined) return Math.min(4, availableParallelism());
  const threads = Number(options.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new UsageError(`--threads ${JSON.stringify(options.threads)} is not a whole number from 1 to ${MAX_THREADS}`);
  }
  return threads;
}

/**
 * Links the people of the records and merges their records into events (buildChronology's two
 * stages), scoring on `threads` threads and handing the linking stage's garbage back before the
 * workers start and before merging (src/memory.ts). `explain`: only `persons` shows link evidence.
 */
export async function linkChronology(records: LoadResult['records'], threads: number, explain: boolean): Promise<Chronology> {
  const config = await linkConfigFromOptions();
  const linkage = await linkPeopleInParallel(records, config, { explain, threads, beforeScoring: releaseGarbage });
  await releaseGarbage();
  return { linkage, events: mergeEvents(records, linkage.persons, linkage.personOf) };
}

/** Reads and reports the inputs, then links their people and merges their records into events. */
export async function loadChronology(
  files: readonly string[],
  options: InputOptions & LinkCliOptions,
  progress: Progress,
): Promise<{ load: LoadResult } & Chronology> {
  const threads = linkThreads(options);
  const load = await loadReported(files, options, progress);
  progress.stage('linking people and merging events');
  return { load, ...(await linkChronology(load.records, threads, false)) };
}

/** The exit code a run over these inputs earns before any finding-based rule (`--fail-on`). */
export function inputExitCode(load: LoadResult, options: InputOptions): number {
  if (load.failures.length > 0) return EXIT.input;
  if (options.strict && load.rejected.length > 0) return EXIT.findings;
  return EXIT.ok;
}

/** The profile files in `--profiles DIR`, any of which the run may read; none when the folder cannot be listed (reading it says why). */
function profilesIn(dir: string | undefined): string[] {
  if (dir === undefined) return [];
  try {
    return profileNames(readdirSync(dir)).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/**
 * Every file the run reads: data, profiles (each one in `--profiles DIR`), the rules and the
 * bundled data files. No output may be written over one of them.
 */
export function protectedInputs(files: readonly string[], options: InputOptions & { rules?: string }): string[] {
  const profiles = (options.profile ?? []).map((spec) => (spec.includes('=') ? spec.slice(spec.indexOf('=') + 1) : spec));
  const rules = options.rules ?? bundledRulesFile();
  return [...files, ...profiles, ...profilesIn(options.profiles), rules, ...linkageDataFiles().map((url) => fileURLToPath(url))];
}

/** Whether no input could be read at all: then nothing is written, so an earlier output is never replaced by an empty one. */
export function nothingRead(load: Pick<LoadResult, 'files' | 'failures'>): boolean {
  return load.files.length > 0 && load.failures.length >= load.files.length;
}
