import { parse } from 'csv-parse/sync';

/** A CSV export as `profile init` samples it: where the header is, and the rows under it. */
export interface SampledTable {
  delimiter: string;
  /** Lines above the header (titles, export banners, blank lines). */
  titleLines: number;
  header: string[];
  rows: string[][];
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Lines looked at to find the delimiter and the header. */
const HEAD_RECORDS = 30;

function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) count += 1;
  }
  return count;
}

/** The delimiter whose per-line count is most often the same non-zero number: a table's columns. */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, HEAD_RECORDS).filter((l) => l.trim() !== '');
  let best: string = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const [count, lineCount] = modal(lines.map((line) => countOutsideQuotes(line, delimiter)).filter((c) => c > 0));
    const score = lineCount * 1000 + count;
    if (count > 0 && score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}

/** The most frequent value and how often it occurs (the larger value on a tie). */
function modal(values: readonly number[]): [value: number, count: number] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [number, number] = [0, 0];
  for (const [value, count] of counts) if (count > best[1] || (count === best[1] && value > best[0])) best = [value, count];
  return best;
}

const NUMBER_OR_DATE = /^[\d\s/.:,+-]+$|^\d{1,2}[\s-][a-z]{3,9}[\s-]\d{2,4}$/i;

function looksLikeHeader(record: readonly string[], width: number): boolean {
  const cells = record.map((c) => c.trim()).filter((c) => c !== '');
  if (record.length !== width || cells.length < Math.max(1, Math.ceil(width * 0.6))) return false;
  return cells.filter((c) => NUMBER_OR_DATE.test(c)).length * 2 < cells.length;
}

const isBlank = (record: readonly string[]): boolean => record.every((c) => c.trim() === '');

/**
 * Finds the header of an export: the first record as wide as most records below it, with most
 * of its cells filled and few of them numbers or dates; everything above it is title lines.
 */
export function sampleTable(text: string, maxRows = 1000): SampledTable {
  const delimiter = sniffDelimiter(text);
  const parsed = parse(text, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    to: maxRows + HEAD_RECORDS,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const head = parsed.slice(0, HEAD_RECORDS).filter((r) => !isBlank(r.record));
  const [width] = modal(head.map((r) => r.record.length));
  const headerIndex = parsed.findIndex((r) => looksLikeHeader(r.record, width));
  const index = headerIndex < 0 ? parsed.findIndex((r) => !isBlank(r.record)) : headerIndex;
  const header = (parsed[index]?.record ?? []).map((c) => c.trim());
  return {
    delimiter,
    titleLines: index > 0 ? (parsed[index - 1]?.info.lines ?? 0) : 0,
    header,
    rows: parsed
      .slice(index + 1)
      .map((r) => r.record)
      .filter((r) => !isBlank(r))
      .slice(0, maxRows),
  };
}
