import { realpath } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { EXIT, quote, UsageError } from '../errors.js';
import { STDIN } from '../read/stdin.js';
import { linkConfig, linkPeopleInParallel, type LinkConfig } from '../link/index.js';
import { loadNicknames, loadTransliterations } from '../link/nicknames-file.js';
import { releaseGarbage } from '../memory.js';
import { mergeEvents } from '../merge/index.js';
import type { Chronology } from '../pipeline/chronology.js';
import { loadInputs, type LoadResult } from '../pipeline/load.js';
import { append } from '../util/append.js';
import { createMappingResolver } from '../profile/resolve.js';
import { createProgress, type Progress } from '../progress.js';
import { countsLine } from '../render/text/summary.js';
import type { InputOptions, LinkCliOptions } from './options.js';

/** Where a path leads, so that `a.csv`, `./a.csv` and a link to it count as one file. */
async function identityOf(file: string): Promise<string> {
  if (file === STDIN) return file;
  return realpath(file).catch(() => resolve(file));
}

/** The inputs with each file once, in the order first given, and the other names each was given by. */
async function distinctInputs(files: readonly string[]): Promise<{ files: string[]; repeats: Map<string, string[]> }> {
  const firstByIdentity = new Map<string, string>();
  const repeats = new Map<string, string[]>();
  for (const file of files) {
    const identity = await identityOf(file);
    const first = firstByIdentity.get(identity);
    if (first === undefined) firstByIdentity.set(identity, file);
    else repeats.set(first, [...(repeats.get(first) ?? []), file]);
  }
  return { files: [...firstByIdentity.values()], repeats };
}

function repeatNote(first: string, others: readonly string[]): string {
  const spellings = [...new Set(others.filter((o) => o !== first))];
  const also = spellings.length === 0 ? '' : ` (also as ${spellings.map((o) => quote(o)).join(', ')})`;
  return `given ${others.length + 1} times on the command line${also}; read once`;
}

/** Reads every input one file at a time, so progress can name the file being read; a file given twice is read once. */
export async function loadFromOptions(
  given: readonly string[],
  options: InputOptions,
  progress: Progress = createProgress({ quiet: true }),
): Promise<LoadResult> {
  if (given.length === 0) throw new UsageError('no input files');
  const { files, repeats } = await distinctInputs(given);
  const resolveMapping = await createMappingResolver({
    profile: options.profile,
    profiles: options.profiles,
    agency: options.agency,
    inputs: given,
    aliases: repeats,
  });
  const result: LoadResult = { records: [], rejected: [], skipped: [], warnings: [], files: [], failures: [] };
  for (const [index, file] of files.entries()) {
    progress.stage(`reading ${file}`, index, files.length);
    const one = await loadInputs([file], resolveMapping, { strict: options.strict === true });
    const others = repeats.get(file);
    if (others) for (const summary of one.files) summary.notes.unshift(repeatNote(file, others));
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
  for (const failure of load.failures) process.stderr.write(`chronology: ${failure.message}\n`);
}

/** Notes about whole files (encoding, month-first dates, unmapped values) on stderr unless --quiet. */
export function reportNotes(load: LoadResult, options: InputOptions): void {
  if (options.quiet) return;
  for (const file of load.files) {
    for (const note of file.notes) process.stderr.write(`chronology: ${file.file}: ${note}\n`);
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

/** Every file the run reads: data, profiles and rules. No output may be written over one of them. */
export function protectedInputs(files: readonly string[], options: InputOptions & { rules?: string; annotations?: string; since?: string }): string[] {
  const profiles = (options.profile ?? []).map((spec) => (spec.includes('=') ? spec.slice(spec.indexOf('=') + 1) : spec));
  return [...files, ...profiles, ...(options.rules ? [options.rules] : []), ...(options.annotations ? [options.annotations] : []), ...(options.since ? [options.since] : [])];
}

/** What a run wrote, for its closing line: the format, and the file (or standard output). */
export interface Written {
  format: string;
  output?: string;
  anonymiseKey?: string;
}

/**
 * The run's last line on stderr unless --quiet: the counts, and what was written where, so that a
 * run whose report went to a file still says how many rows were rejected.
 */
export function reportRunSummary(load: LoadResult, options: InputOptions & Written, linked?: { persons: number; events: number }): void {
  if (options.quiet) return;
  const counts = countsLine({ load }, linked?.persons, linked?.events).replace(/\.$/, '');
  const unreadable = load.failures.length === 0 ? '' : `; ${load.failures.length} file${load.failures.length === 1 ? '' : 's'} could not be read`;
  const where = options.output === undefined || options.output === '-' ? 'standard output' : options.output;
  const key = options.anonymiseKey === undefined ? '' : `, the anonymisation key to ${options.anonymiseKey}`;
  process.stderr.write(`chronology: ${counts}${unreadable}; ${options.format} written to ${where}${key}.\n`);
}
