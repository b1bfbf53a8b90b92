import { CsvError, parse, type Parser } from 'csv-parse';
import { InputError, quote } from '../errors.js';
import { fastObject } from '../util/fast-object.js';
import { interned } from '../normalise/field.js';
import type { RawRow, Rejected } from '../model/record.js';
import { normaliseHeader } from '../model/vocabulary.js';
import {
  decodeFile,
  DecodingReport,
  headText,
  parseEncoding,
  sniffFileEncoding,
  windows1252Mislabel,
  type TextEncoding,
} from './encoding.js';
import { readHead } from './file.js';
import type { InputFormat, OpenedInput, ReadOptions } from './types.js';

/** The synchronous core of csv-parse's stream (its `api`): parses a chunk, pushing each record; an error stops it. */
interface CsvParserApi {
  parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): CsvError | undefined;
}

/**
 * Guard limits. A record (one row, all its fields) longer than MAX_RECORD_BYTES in UTF-8 is
 * rejected and reading stops, because the parser cannot find where such a record ends; it is
 * almost always an unclosed quote swallowing the rest of the file. A header with more than
 * MAX_COLUMNS names is refused outright. Both keep memory bounded on hostile or broken files.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;
export const MAX_COLUMNS = 2000;

/**
 * Columns whose values repeat from row to row (a person's name on each of their records, the agency
 * on every row): each distinct value is kept once per file, which holds the memory per record down.
 */
const REPEATED_COLUMNS = new Set([
  'agency', 'type', 'source', 'outcome', 'severity', 'threshold_met', 'postcode', 'address', 'household_id',
  'name', 'given_name', 'family_name', 'dob',
]);

/**
 * Any other column is judged on each window of this many values: once more than half of a window's
 * values are new (a record id, or a sorted column turning unique), the lookups are not worth it and
 * the column is read as it comes from then on.
 */
const WINDOW_VALUES = 1024;

/** The delimiters a header line is sniffed for, in order of preference on a tie. */
const SNIFFED_DELIMITERS = [',', ';', '\t'] as const;

const DELIMITER_NAMES = new Map([
  ['comma', ','],
  ['semicolon', ';'],
  ['tab', '\t'],
  ['\\t', '\t'],
]);

/** Counts each candidate delimiter outside double quotes. */
function delimiterCounts(line: string): Map<string, number> {
  const counts = new Map<string, number>(SNIFFED_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted) {
      const count = counts.get(ch);
      if (count !== undefined) counts.set(ch, count + 1);
    }
  }
  return counts;
}

/** The delimiter a header line uses most often outside quotes; comma when it uses none. */
export function sniffDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const [delimiter, count] of delimiterCounts(headerLine)) {
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

function parseDelimiter(option: string, displayPath: string): string {
  const delimiter = DELIMITER_NAMES.get(option.toLowerCase()) ?? option;
  if (delimiter === '' || /["\r\n]/.test(delimiter)) {
    throw new InputError(displayPath, `cannot use ${quote(option)} as the CSV delimiter`);
  }
  return delimiter;
}

/** A first line that YAML would read as a key, list item or document marker. */
const YAML_LIKE_LINE = /^(---|%|#|-(\s|$)|[{[]|[^,;\t"]*:(\s|$))/;

/** Text whose first non-blank line has a delimiter and does not read as YAML. */
function looksLikeCsv(head: Buffer): boolean {
  const text = headText(head);
  const firstLine = text?.split('\n').find((line) => line.trim() !== '');
  if (firstLine === undefined || YAML_LIKE_LINE.test(firstLine)) return false;
  return [...delimiterCounts(firstLine).values()].some((count) => count > 0);
}

/** Line breaks (LF or CRLF) inside a record's fields, which only quoted fields can hold. */
function lineBreaksIn(record: string[]): number {
  let count = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at >= 0; at = field.indexOf('\n', at + 1)) count += 1;
  }
  return count;
}

/** Title lines removed and the first non-blank line found, with the text read so far. */
interface Preamble {
  /** The text after the skipped title lines, as far as it has been read. */
  text: string;
  /** The first non-blank line after the title lines, or undefined if there is none. */
  firstLine: string | undefined;
}

/**
 * Reads far enough to drop `skipLines` title lines and see the header's first line. Bounded:
 * a header line longer than MAX_RECORD_BYTES is refused.
 */
async function readPreamble(chunks: AsyncIterator<string>, skipLines: number, displayPath: string): Promise<Preamble> {
  let text = '';
  let linesToSkip = skipLines;
  let exhausted = false;
  for (;;) {
    while (linesToSkip > 0) {
      const newline = text.indexOf('\n');
      if (newline < 0) break;
      text = text.slice(newline + 1);
      linesToSkip -= 1;
    }
    if (linesToSkip === 0) {
      const lines = text.split('\n');
      const complete = exhausted ? lines : lines.slice(0, -1);
      const firstLine = complete.find((line) => line.trim() !== '');
      if (firstLine !== undefined || exhausted) return { text, firstLine };
    }
    if (exhausted) return { text: '', firstLine: undefined };
    if (text.length > MAX_RECORD_BYTES) {
      throw new InputError(displayPath, 'no header line within the first 1 MiB (is this a CSV file?)');
    }
    const next = await chunks.next();
    if (next.done) exhausted = true;
    else text += next.value;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A record with no content: a blank line, or a row of empty cells as spreadsheets write them. */
function isBlank(record: string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

/** Why a csv-parse error ended reading, in the user's terms. */
function structuralProblem(error: CsvError, parser: Parser): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is never closed';
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    const inQuotes = (parser as unknown as { state: { quoting: boolean } }).state.quoting;
    return `record longer than 1 MiB${inQuotes ? ' inside a quoted field (probably an unclosed quote)' : ''}`;
  }
  return `the CSV cannot be split into fields here (${error.code})`;
}

/** The header's keys: normalised names, with unnamed columns keyed by position. */
function headerKeys(names: string[], line: number, displayPath: string): string[] {
  if (names.length > MAX_COLUMNS) {
    throw new InputError(displayPath, `too many columns (${names.length}; limit ${MAX_COLUMNS})`, line);
  }
  const firstWithKey = new Map<string, string>();
  return names.map((name, index) => {
    const key = normaliseHeader(name) || `column_${index + 1}`;
    // A `__proto__` key would set the prototype of the row's values instead of a value.
    if (key === '__proto__') throw new InputError(displayPath, `column name ${quote(name.trim())} is not allowed`, line);
    const earlier = firstWithKey.get(key);
    if (earlier !== undefined) {
      const sameAs = earlier === name.trim() ? '' : ` (same as ${quote(earlier)})`;
      throw new InputError(displayPath, `duplicate column ${quote(name.trim())}${sameAs}`, line);
    }
    firstWithKey.set(key, name.trim());
    return key;
  });
}

async function openCsv(path: string, options: ReadOptions): Promise<OpenedInput> {
  const file = options.displayPath;
  const { head } = await readHead(path, file);
  const encoding: TextEncoding =
    options.encoding === undefined ? await sniffFileEncoding(path, file, head) : parseEncoding(options.encoding, file);
  const notes: string[] = [];
  if (options.encoding !== undefined && encoding === 'windows-1252') {
    const mislabel = await windows1252Mislabel(path, file);
    if (mislabel !== undefined) notes.push(mislabel);
  }
  const skipLines = options.skipLines ?? 0;
  const decoding = new DecodingReport(encoding);
  const chunks = decodeFile(path, file, decoding);
  const preamble = await readPreamble(chunks, skipLines, file).catch(async (error: unknown) => {
    await chunks.return(undefined);
    throw error;
  });
  if (preamble.firstLine === undefined) {
    await chunks.return(undefined);
    const after = skipLines > 0 ? ` after the ${plural(skipLines, 'skipped title line')}` : '';
    throw new InputError(file, `is empty: no header line${after}`);
  }
  const delimiter =
    options.delimiter === undefined ? sniffDelimiter(preamble.firstLine) : parseDelimiter(options.delimiter, file);

  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n'],
    relax_quotes: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
    bom: false,
  });
  // csv-parse's parser driven directly, one synchronous call per decoded chunk: its stream costs an async step per record.
  const api = (parser as unknown as { api: CsvParserApi }).api;
  /** The records of the last chunk parsed, and how many of them have been taken. */
  let batch: string[][] = [];
  let taken = 0;
  let firstChunk: string | undefined = preamble.text;
  let ended = false;
  /** The error that stopped parsing, raised once the records parsed before it have been taken. */
  let parseError: CsvError | undefined;

  /** Parses chunks until a record is waiting; false at the end of the file. */
  async function fill(): Promise<boolean> {
    while (taken >= batch.length) {
      if (parseError) throw parseError;
      if (ended) return false;
      let text: string | undefined = firstChunk;
      firstChunk = undefined;
      if (text === undefined) {
        const next = await chunks.next();
        if (next.done) ended = true;
        else text = next.value;
      }
      if (text === '') continue;
      const records: string[][] = [];
      parseError = api.parse(text === undefined ? undefined : Buffer.from(text), ended, (record) => records.push(record), () => undefined);
      batch = records;
      taken = 0;
    }
    return true;
  }

  // Counted here rather than taken from csv-parse, whose count doubles a CRLF inside quotes.
  /** The physical line the next record starts on; blank lines come through as records too. */
  let nextLine = skipLines + 1;
  /** The line a record starts on, moving the count past it. */
  function startLine(record: string[]): number {
    const line = nextLine;
    nextLine += 1 + lineBreaksIn(record);
    return line;
  }

  async function readHeader(): Promise<{ columns: string[]; keys: string[] }> {
    try {
      for (;;) {
        if (!(await fill())) throw new InputError(file, 'is empty: no header line');
        const record = batch[taken++] as string[];
        const line = startLine(record);
        if (!isBlank(record)) return { columns: record, keys: headerKeys(record, line, file) };
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      throw new InputError(file, `the header cannot be read: ${structuralProblem(error, parser)}`, nextLine);
    }
  }
  const { columns, keys } = await readHeader().catch(async (error: unknown) => {
    await chunks.return(undefined);
    throw error;
  });

  const internedColumns: (Map<string, string> | undefined)[] = keys.map(() => new Map<string, string>());
  /** Values left in each column's window: at 0 it is judged; a column known to repeat never is. */
  const windowLeft = keys.map((key) => (REPEATED_COLUMNS.has(key) ? Infinity : WINDOW_VALUES));
  /** How many distinct values each column had when its window began. */
  const windowStart = keys.map(() => 0);

  /** Stops interning a column whose last window was mostly new values, or starts its next window. */
  function judgeWindow(index: number, repeated: Map<string, string>): void {
    if (repeated.size - (windowStart[index] as number) > WINDOW_VALUES / 2) {
      internedColumns[index] = undefined;
      return;
    }
    windowStart[index] = repeated.size;
    windowLeft[index] = WINDOW_VALUES;
  }

  /** The row a record holds, a reject, or undefined for a blank record. One pass: this is the hot loop. */
  function toRow(record: string[], line: number): RawRow | Rejected | undefined {
    const values: Record<string, string> = {};
    let filled = 0;
    let hasNul = false;
    for (let index = 0; index < record.length; index += 1) {
      const value = (record[index] as string).trim();
      if (value === '') continue;
      filled += 1;
      if (value.includes('\0')) hasNul = true;
      const key = keys[index];
      if (key === undefined) continue;
      const repeated = internedColumns[index];
      if (repeated === undefined) {
        values[key] = value;
        continue;
      }
      values[key] = interned(repeated, value);
      const left = (windowLeft[index] as number) - 1;
      windowLeft[index] = left;
      if (left === 0) judgeWindow(index, repeated);
    }
    if (filled === 0) return undefined;
    if (record.length !== keys.length) {
      return { file, line, reason: `row has ${plural(record.length, 'field')}, the header has ${keys.length}` };
    }
    if (hasNul) return { file, line, reason: 'contains a NUL byte' };
    return { file, line, values: fastObject(values, filled) };
  }

  async function* rows(): AsyncGenerator<RawRow | Rejected> {
    try {
      while (await fill()) {
        while (taken < batch.length) {
          const record = batch[taken++] as string[];
          const row = toRow(record, startLine(record));
          if (row !== undefined) yield row;
        }
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      yield { file, line: nextLine, reason: `${structuralProblem(error, parser)}; the rest of the file was not read` };
    } finally {
      await chunks.return(undefined);
      const note = decoding.note();
      if (note !== undefined) notes.push(note);
    }
  }

  return { format: 'csv', columns, defaults: {}, encoding, notes, rows: rows() };
}

export const csvFormat: InputFormat = {
  name: 'csv',
  extensions: ['.csv', '.tsv', '.txt'],
  sniff: looksLikeCsv,
  open: openCsv,
};
