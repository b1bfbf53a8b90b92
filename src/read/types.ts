import type { RawRow, Rejected } from '../model/record.js';

export interface ReadOptions {
  /** The path as the user gave it; every row and error names the file by it. */
  displayPath: string;
  /** Override the sniffed encoding: `utf8`, `utf16le`, `utf16be` or `windows-1252`. */
  encoding?: string;
  /** Override the sniffed CSV delimiter. */
  delimiter?: string;
  /** Title lines above the header to skip (profiles). */
  skipLines?: number;
}

/** An opened input: its columns, and its rows as a stream. */
export interface OpenedInput {
  format: string;
  /** The header names as written in the file, in order (YAML: every key seen, in first-seen order). */
  columns: string[];
  /** Values a YAML file sets for all its rows (its top-level `agency:`), keyed by normalised header. */
  defaults: Record<string, string>;
  /** Encoding actually used, e.g. `utf8`, `utf16le`, `windows-1252`. */
  encoding: string;
  /**
   * File-level notes for the user about how the bytes were read (invalid characters, a truncated
   * UTF-16 file, a mislabelled encoding). Complete once `rows` has been read to the end.
   */
  notes: string[];
  /** Each row, or a reject for a row the reader could not split (wrong field count...). */
  rows: AsyncIterable<RawRow | Rejected>;
}

/** One input format in the registry (src/read/registry.ts). */
export interface InputFormat {
  name: string;
  /** Lower-case file extensions this format claims, with the dot. */
  extensions: string[];
  /** Whether the first bytes look like this format, for files without a known extension. */
  sniff(head: Buffer): boolean;
  /** Open a file; throws InputError when it cannot be read at all. */
  open(path: string, options: ReadOptions): Promise<OpenedInput>;
}
