import type { RawRow } from '../model/record.js';
import type { NormaliseOptions } from '../model/stages.js';
import type { ReadOptions } from '../read/types.js';

/** A row a profile's skip rule set aside on purpose: counted, listed, never silently lost. */
export interface Skipped {
  skipped: string;
}

/**
 * How one input file's columns become canonical columns: the identity for files in the
 * canonical columns, or an agency profile (src/profile).
 */
export interface InputMapping {
  /** What the user is told maps this file, e.g. `canonical columns` or `profile police.yaml`. */
  describe: string;
  readOptions: Pick<ReadOptions, 'encoding' | 'delimiter' | 'skipLines'>;
  normaliseOptions: NormaliseOptions;
  /** Given the normalised header names: a one-line problem when they cannot be mapped, else undefined. */
  checkColumns(columns: readonly string[]): string | undefined;
  map(row: RawRow): RawRow | Skipped;
  /** File-level notes once every row is mapped (e.g. unmapped values with their counts). */
  finish(): string[];
}

const REQUIRED_COLUMNS = ['date'] as const;

/** Files already in the canonical columns: values pass through as read. */
export function canonicalMapping(normaliseOptions: NormaliseOptions = {}): InputMapping {
  return {
    describe: 'canonical columns',
    readOptions: {},
    normaliseOptions,
    checkColumns(columns) {
      const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
      return missing.length === 0
        ? undefined
        : `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (no profile matches this file)`;
    },
    map: (row) => row,
    finish: () => [],
  };
}
