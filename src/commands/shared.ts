import { Command, Option } from 'commander';
import { EXIT, UsageError } from '../errors.js';
import { linkConfig, type LinkConfig } from '../link/index.js';
import { loadNicknames } from '../link/nicknames-file.js';
import type { LoadResult } from '../pipeline/load.js';
import { loadInputs } from '../pipeline/load.js';
import { createMappingResolver } from '../profile/resolve.js';
import { createProgress, type Progress } from '../progress.js';

/** Options every command that reads data accepts. */
export interface InputOptions {
  agency?: string;
  profile?: string[];
  profiles?: string;
  strict?: boolean;
  quiet?: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addInputOptions(command: Command): Command {
  return command
    .argument('<files...>', 'agency exports: CSV (comma, semicolon or tab) or YAML')
    .option('--agency <name>', 'agency for rows that do not name one')
    .option('--profile <profile>', 'apply a profile to every input, or DATA=PROFILE to one input (repeatable)', collect)
    .option('--profiles <dir>', "choose a profile for each input from DIR by each profile's match:")
    .option('--strict', 'exit 1 when any row was rejected')
    .option('-q, --quiet', 'print no notes, warnings or progress on stderr (errors are always printed)')
    .option('--no-color', 'no colour, even on a terminal');
}

/** `--anonymise` and `--anonymise-key`, for the commands whose output names people. */
export function addAnonymiseOptions(command: Command): Command {
  return command
    .option('--anonymise', 'pseudonyms for people (Child A, Mother, Adult 1), no identifiers, names replaced in free text')
    .option('--anonymise-key <file>', 'also write the key from pseudonym to person (JSON) to FILE; implies --anonymise');
}

export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option('-f, --format <format>', 'output format').choices([...formats]).default(fallback);
}

/** push(...items) overflows the call stack on a file of a few hundred thousand rows. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Reads every input one file at a time, so progress can name the file being read. */
export async function loadFromOptions(
  files: readonly string[],
  options: InputOptions,
  progress: Progress = createProgress({ quiet: true }),
): Promise<LoadResult> {
  if (files.length === 0) throw new UsageError('no input files');
  const resolve = await createMappingResolver({
    profile: options.profile,
    profiles: options.profiles,
    agency: options.agency,
  });
  const result: LoadResult = { records: [], rejected: [], skipped: [], warnings: [], files: [], failures: [] };
  for (const [index, file] of files.entries()) {
    progress.stage(`reading ${file}`, index, files.length);
    const one = await loadInputs([file], resolve);
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

/** Linkage settings: the documented defaults with the bundled nickname list (data/nicknames.csv). */
export async function linkConfigFromOptions(): Promise<LinkConfig> {
  return linkConfig(loadNicknames());
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

/** The exit code a run over these inputs earns before any finding-based rule (`--fail-on`). */
export function inputExitCode(load: LoadResult, options: InputOptions): number {
  if (load.failures.length > 0) return EXIT.input;
  if (options.strict && load.rejected.length > 0) return EXIT.findings;
  return EXIT.ok;
}
