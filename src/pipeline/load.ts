import { InputError } from '../errors.js';
import type { ChronologyRecord, Rejected, SourceRef, Warning } from '../model/record.js';
import { normaliseHeader } from '../model/vocabulary.js';
import { createNormaliser } from '../normalise/index.js';
import { openInput } from '../read/registry.js';
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

async function loadFile(displayPath: string, mapping: InputMapping, into: LoadResult, watch?: LoadWatch): Promise<FileSummary> {
  const input = await openInput(displayPath, { displayPath, ...mapping.readOptions });
  const problem = mapping.checkColumns(input.columns.map(normaliseHeader));
  if (problem) throw new InputError(displayPath, problem);

  const normaliser = createNormaliser(mapping.normaliseOptions);
  const skipped: SkippedRow[] = [];
  let rows = 0;
  for await (const row of input.rows) {
    if (watch && ++rows % WATCH_ROWS === 0) await watch(displayPath, row.line);
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
    notes: [...input.notes, ...result.notes, ...mapping.finish()],
  };
}

/**
 * Reads, maps and normalises every input. A file that cannot be read at all is recorded as a
 * failure and the others are still read, so the user sees every problem in one run.
 */
export async function loadInputs(paths: readonly string[], resolveMapping: MappingResolver, watch?: LoadWatch): Promise<LoadResult> {
  const result: LoadResult = { records: [], rejected: [], skipped: [], warnings: [], files: [], failures: [] };
  for (const displayPath of paths) {
    try {
      const mapping = await resolveMapping(displayPath);
      result.files.push(await loadFile(displayPath, mapping, result, watch));
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
