import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { normaliseHeader } from '../model/vocabulary.js';
import { createNormaliser } from '../normalise/index.js';
import { openInput } from '../read/registry.js';
import { formatCounts, MAPPED_FIELDS, profileMapping } from './apply.js';
import { loadProfile } from './load.js';

/** What a profile made of one export: every row read is mapped, skipped or rejected. */
export interface Coverage {
  profile: string;
  file: string;
  rows: number;
  mapped: number;
  skipped: Map<string, number>;
  rejected: { line: number; reason: string }[];
  /** Rows mapped with a warning (a type kept as other, a value not used), each warning with its line. */
  warned: number;
  warnings: { line: number; message: string }[];
  unmapped: Map<string, Map<string, number>>;
  unusedColumns: string[];
}

/** Runs an export through a profile and the normaliser, keeping only counts and reasons. */
export async function checkCoverage(profileFile: string, dataFile: string): Promise<Coverage> {
  const name = basename(profileFile);
  const mapping = profileMapping(await loadProfile(profileFile), name);
  const input = await openInput(dataFile, { displayPath: dataFile, ...mapping.readOptions });
  const problem = mapping.checkColumns(input.columns.map(normaliseHeader));
  if (problem) throw new InputError(dataFile, problem);

  const normaliser = createNormaliser(mapping.normaliseOptions);
  const skipped = new Map<string, number>();
  let rows = 0;
  for await (const row of input.rows) {
    rows += 1;
    const mapped = 'reason' in row ? row : mapping.map(row);
    if ('skipped' in mapped) skipped.set(mapped.skipped, (skipped.get(mapped.skipped) ?? 0) + 1);
    else normaliser.push(mapped, input.defaults);
  }
  const result = normaliser.finish();
  return {
    profile: name,
    file: dataFile,
    rows,
    mapped: result.records.length,
    skipped,
    rejected: result.rejected.map((r) => ({ line: r.line, reason: r.reason })),
    warned: new Set(result.warnings.map((w) => w.line)).size,
    warnings: result.warnings.map((w) => ({ line: w.line, message: w.message })),
    unmapped: mapping.unmapped(),
    unusedColumns: input.columns.filter((column) => !mapping.usedColumns.has(normaliseHeader(column))),
  };
}

const sum = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);

/** The coverage report `profile check` prints. */
export function formatCoverage(coverage: Coverage): string {
  const lines = [
    `profile ${coverage.profile} on ${coverage.file}`,
    `  rows read   ${coverage.rows}`,
    `  mapped      ${coverage.mapped}`,
    `  skipped     ${sum(coverage.skipped)}${coverage.skipped.size > 0 ? `  (${[...coverage.skipped].map(([why, n]) => `${why} ×${n}`).join('; ')})` : ''}`,
    `  rejected    ${coverage.rejected.length}`,
    ...coverage.rejected.slice(0, 10).map((r) => `    line ${r.line}: ${r.reason}`),
    ...(coverage.rejected.length > 10 ? [`    … and ${coverage.rejected.length - 10} more`] : []),
    `  warned      ${coverage.warned}`,
    ...coverage.warnings.slice(0, 10).map((w) => `    line ${w.line}: ${w.message}`),
    ...(coverage.warnings.length > 10 ? [`    … and ${coverage.warnings.length - 10} more`] : []),
  ];
  const unmapped = MAPPED_FIELDS.filter((field) => (coverage.unmapped.get(field)?.size ?? 0) > 0);
  if (unmapped.length === 0) lines.push('  values not mapped: none');
  else {
    lines.push('  values not mapped:');
    for (const field of unmapped) lines.push(`    ${field}: ${formatCounts(coverage.unmapped.get(field) ?? new Map())}`);
  }
  lines.push(
    `  columns not used: ${coverage.unusedColumns.length === 0 ? 'none' : coverage.unusedColumns.map((c) => JSON.stringify(c)).join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
