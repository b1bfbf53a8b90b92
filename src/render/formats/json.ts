import { analyseDocument, LazyList, lazyList, mergeDocument, timelineDocument, validateDocument } from '../documents.js';
import { pairsDocument, personsDocument } from '../persons.js';
import type { ChunkRenderer, OutputFormat, View } from '../report.js';

/** Pieces are gathered into chunks of about this many characters before they are written. */
const CHUNK_CHARS = 1 << 16;
/** Levels of a document written piece by piece; below them each value is one JSON.stringify. */
const STREAMED_LEVELS = 2;

const omitted = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * `JSON.stringify(value, null, 2)` as it reads `depth` levels down: stringified inside `depth`
 * arrays and cut out, so the serialiser writes the indentation instead of a second pass adding it.
 */
function indented(value: unknown, depth: number): string {
  let wrapped = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) ?? 'null';
  return text.slice(2 * depth + depth * (depth + 1), text.length - (2 * depth + depth * (depth - 1)));
}

/** The pieces of `JSON.stringify(value, null, 2)` for a value that starts at `indent`. */
function* pieces(value: unknown, indent: string, levels: number): Generator<string> {
  if (levels === 0 || typeof value !== 'object' || value === null || 'toJSON' in value) {
    yield indented(value, indent.length / 2);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value) || value instanceof LazyList) {
    let first = true;
    for (const item of value as Iterable<unknown>) {
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      yield* pieces(omitted(item) ? null : item, inner, levels - 1);
    }
    return yield first ? '[]' : `\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => !omitted(item));
  if (entries.length === 0) return yield '{}';
  yield '{';
  for (const [index, [key, item]] of entries.entries()) {
    yield `${index === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* pieces(item, inner, levels - 1);
  }
  yield `\n${indent}}`;
}

/**
 * `JSON.stringify(value, null, 2)` and a newline, the same bytes, in chunks: the JSON of a million
 * events is longer than V8's longest string, so a document's lists are written item by item.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  let pending = '';
  for (const piece of pieces(value, '', STREAMED_LEVELS)) {
    pending += piece;
    if (pending.length >= CHUNK_CHARS) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}\n`;
}

const streams: Partial<Record<View, ChunkRenderer>> = {
  validate: (report) => jsonChunks(validateDocument(report)),
  merge: (report) => jsonChunks(mergeDocument(report, lazyList)),
  timeline: (report) => jsonChunks(timelineDocument(report)),
  analyse: (report) => jsonChunks(analyseDocument(report, lazyList)),
  persons: (report) => jsonChunks(personsDocument(report)),
  pairs: (report) => jsonChunks(pairsDocument(report)),
};

export const jsonFormat: OutputFormat = {
  name: 'json',
  streams,
  views: Object.fromEntries(
    Object.entries(streams).map(([view, stream]) => [view, (report, options) => [...stream(report, options)].join('')]),
  ),
};
