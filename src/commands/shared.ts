import { readdirSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledRulesFile } from '../analyse/rules-file.js';
import { EXIT, oneLine, quote, UsageError } from '../errors.js';
import { STDIN } from '../read/stdin.js';
import { linkConfig, linkPeopleInParallel, type LinkConfig } from '../link/index.js';
import { linkageDataFiles, loadNicknames, loadTransliterations } from '../link/nicknames-file.js';
import { HEAP_SHARE, heapWatch, releaseGarbage } from '../memory.js';
import { mergeEvents } from '../merge/index.js';
import type { Chronology } from '../pipeline/chronology.js';
import { loadInputs, type LoadResult } from '../pipeline/load.js';
import { append } from '../util/append.js';
import { createMappingResolver, profileNames } from '../profile/resolve.js';
import { createProgress, type Progress } from '../progress.js';
import { countsLine } from '../render/text/summary.js';
import type { View } from '../render/report.js';
import { anonymises, type InputOptions, type LinkCliOptions, type RenderCliOptions } from './options.js';

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
  heapShare: number = HEAP_SHARE.linking,
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
  const watch = heapWatch(heapShare);
  for (const [index, file] of files.entries()) {
    progress.stage(`reading ${file}`, index, files.length);
    const one = await loadInputs([file], resolveMapping, { strict: options.strict === true, watch });
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
  for (const failure of load.failures) process.stderr.write(`chronology: ${oneLine(failure.message)}\n`);
}

/** Notes about whole files (encoding, month-first dates, unmapped values) on stderr. */
export function reportNotes(load: LoadResult): void {
  for (const file of load.files) {
    for (const note of file.notes) process.stderr.write(`chronology: ${oneLine(`${file.file}: ${note}`)}\n`);
  }
}

/** Reads the inputs, then tells the user about the files that could not be read and the notes on the others. */
export async function loadReported(
  files: readonly string[],
  options: InputOptions & Partial<Pick<RenderCliOptions, 'anonymise' | 'anonymiseKey' | 'redact'>>,
  progress: Progress,
  heapShare: number = HEAP_SHARE.linking,
): Promise<LoadResult> {
  const load = await loadFromOptions(files, options, progress, heapShare);
  reportFailures(load);
  // An anonymised run prints its notes once they are anonymised (render.ts).
  if (!options.quiet && !anonymises(options)) reportNotes(load);
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
 * Every file the run reads: data, profiles (each one in `--profiles DIR`), the rules, the
 * redaction list, annotations, the previous output of --since and the bundled data files. No
 * output may be written over one of them.
 */
export function protectedInputs(
  files: readonly string[],
  options: InputOptions & { rules?: string; redact?: string; annotations?: string; since?: string },
): string[] {
  const profiles = (options.profile ?? []).map((spec) => (spec.includes('=') ? spec.slice(spec.indexOf('=') + 1) : spec));
  const rules = options.rules ?? bundledRulesFile();
  const named = [options.redact, options.annotations, options.since].filter((file) => file !== undefined);
  return [...files, ...profiles, ...profilesIn(options.profiles), rules, ...named, ...linkageDataFiles().map((url) => fileURLToPath(url))];
}

/** Whether no input could be read at all: then nothing is written, so an earlier output is never replaced by an empty one. */
export function nothingRead(load: Pick<LoadResult, 'files' | 'failures'>): boolean {
  return load.files.length > 0 && load.failures.length >= load.files.length;
}

/** Whether a view is written at all: not when no input could be read, except validate's report of why on stdout. */
export function writesAnything(view: View, load: Pick<LoadResult, 'files' | 'failures'>, output: string | undefined): boolean {
  if (!nothingRead(load)) return true;
  return view === 'validate' && (output === undefined || output === '-');
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
export function reportRunSummary(view: View, load: LoadResult, options: InputOptions & Written, linked?: { persons: number; events: number }): void {
  if (options.quiet) return;
  const counts = countsLine({ load }, linked?.persons, linked?.events).replace(/\.$/, '');
  const unreadable = load.failures.length === 0 ? '' : `; ${load.failures.length} file${load.failures.length === 1 ? '' : 's'} could not be read`;
  const where = options.output === undefined || options.output === '-' ? 'standard output' : options.output;
  const key = options.anonymiseKey === undefined ? '' : `, the anonymisation key to ${options.anonymiseKey}`;
  const written = writesAnything(view, load, options.output) ? `${options.format} written to ${where}${key}` : 'nothing written';
  process.stderr.write(`chronology: ${counts}${unreadable}; ${written}.\n`);
}
