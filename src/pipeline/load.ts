import { basename } from 'node:path';
import { InputError, quote } from '../errors.js';
import type { ChronologyRecord, Rejected, SourceRef, Warning } from '../model/record.js';
import { normaliseHeader } from '../model/vocabulary.js';
import { createNormaliser } from '../normalise/index.js';
import { openInput } from '../read/registry.js';
import { STDIN } from '../read/stdin.js';
import { append } from '../util/append.js';
import type { InputMapping } from './mapping.js';

export type SkippedRow = SourceRef & { reason: string };

/** What happened to one input file: every row it held is counted in exactly one of accepted, rejected, skipped. */
export interface FileSummary {
  file: string;
  format?: string;
  encoding?: string;
  mapping?: string;
  rows: number;
  accepted: number;
  rejected: number;
  skipped: number;
  /** Rows kept with at least one warning. */
  warned: number;
  notes: string[];
  /** Set when the file could not be read at all. */
  error?: string;
}

export interface LoadResult {
  records: ChronologyRecord[];
  rejected: Rejected[];
  skipped: SkippedRow[];
  warnings: Warning[];
  files: FileSummary[];
  /** Files that could not be read at all; the others were still read. */
  failures: InputError[];
}

export type MappingResolver = (displayPath: string) => Promise<InputMapping>;

/** Rows between two calls of a load's `watch`. */
const WATCH_ROWS = 8192;

/** Called every WATCH_ROWS rows with where reading got to; may stop the load by throwing (memory, src/memory.ts). */
export type LoadWatch = (file: string, line: number) => Promise<void>;

export interface LoadOptions {
  /** `--strict`: an agency taken from a file's name is an error, not a note. */
  strict?: boolean;
  watch?: LoadWatch;
}

/** The agency a file's name gives: its base name without the extension (`exports/health.csv` → `health`). */
function agencyFromFileName(displayPath: string): string | undefined {
  if (displayPath === STDIN) return undefined;
  const name = basename(displayPath);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return stem.trim() === '' ? undefined : stem;
}

/**
 * The agency of a file whose rows cannot name one (no agency column, no YAML `agency:`, none given):
 * its file name, said in a note, so that its rows are never each rejected for the same reason.
 */
function agencyOfFile(displayPath: string, format: string, options: LoadOptions): { agency: string; note: string } {
  const none = format === 'yaml' ? 'no agency (no agency: key)' : 'no agency column';
  const fix = `give --agency ${displayPath}=NAME, --agency NAME or a profile with agency:`;
  const fromName = agencyFromFileName(displayPath);
  if (fromName === undefined) throw new InputError(displayPath, `${none}, and standard input has no file name to take one from: ${fix}`);
  if (options.strict) throw new InputError(displayPath, `${none}, and --strict does not take the agency from the file's name: ${fix}`);
  return { agency: fromName, note: `${none}: its rows are recorded as agency ${quote(fromName)}, from the file's name; to name the agency, ${fix}` };
}

async function loadFile(displayPath: string, given: InputMapping, into: LoadResult, options: LoadOptions): Promise<FileSummary> {
  const input = await openInput(displayPath, { displayPath, ...given.readOptions });
  const columns = input.columns.map(normaliseHeader);
  const problem = given.checkColumns(columns);
  if (problem) throw new InputError(displayPath, problem);

  let mapping = given;
  const agencyNotes: string[] = [];
  if (given.normaliseOptions.agency === undefined && input.defaults.agency === undefined && !columns.includes('agency')) {
    const { agency, note } = agencyOfFile(displayPath, input.format, options);
    mapping = { ...given, normaliseOptions: { ...given.normaliseOptions, agency } };
    agencyNotes.push(note);
  }
  const normaliser = createNormaliser(mapping.normaliseOptions);
  const skipped: SkippedRow[] = [];
  let rows = 0;
  for await (const row of input.rows) {
    if (options.watch && ++rows % WATCH_ROWS === 0) await options.watch(displayPath, row.line);
    if ('reason' in row) {
      normaliser.push(row);
      continue;
    }
    const mapped = mapping.map(row);
    if ('skipped' in mapped) {
      skipped.push({ file: row.file, line: row.line, reason: mapped.skipped });
      continue;
    }
    normaliser.push(mapped, input.defaults);
  }
  const result = normaliser.finish();
  append(into.records, result.records);
  append(into.rejected, result.rejected);
  append(into.warnings, result.warnings);
  append(into.skipped, skipped);
  return {
    file: displayPath,
    format: input.format,
    encoding: input.encoding,
    mapping: mapping.describe,
    rows: result.records.length + result.rejected.length + skipped.length,
    accepted: result.records.length,
    rejected: result.rejected.length,
    skipped: skipped.length,
    warned: new Set(result.warnings.map((w) => w.line)).size,
    notes: [...agencyNotes, ...input.notes, ...result.notes, ...mapping.finish()],
  };
}

/**
 * Reads, maps and normalises every input. A file that cannot be read at all is recorded as a
 * failure and the others are still read, so the user sees every problem in one run.
 */
export async function loadInputs(paths: readonly string[], resolveMapping: MappingResolver, options: LoadOptions = {}): Promise<LoadResult> {
  const result: LoadResult = { records: [], rejected: [], skipped: [], warnings: [], files: [], failures: [] };
  for (const displayPath of paths) {
    try {
      const mapping = await resolveMapping(displayPath);
      result.files.push(await loadFile(displayPath, mapping, result, options));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      result.failures.push(error);
      result.files.push({
        file: displayPath,
        rows: 0,
        accepted: 0,
        rejected: 0,
        skipped: 0,
        warned: 0,
        notes: [],
        error: error.problem,
      });
    }
  }
  return result;
}
