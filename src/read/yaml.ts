import {
  type Alias,
  Lexer,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type YAMLSeq,
} from 'yaml';
import { InputError, quote } from '../errors.js';
import type { RawRow, Rejected } from '../model/record.js';
import { normaliseHeader } from '../model/vocabulary.js';
import { decodeBuffer, DecodingReport, headText, parseEncoding, sniffBufferEncoding } from './encoding.js';
import { fileProblem, readHead, readWhole } from './file.js';
import type { InputFormat, OpenedInput, ReadOptions } from './types.js';

/**
 * Guard limits. YAML is parsed whole into a syntax tree hundreds of bytes per token, so files over
 * MAX_YAML_BYTES, or with more than MAX_YAML_TOKENS tokens (about 25,000 events; counted by a
 * cheap lexing pass first), are refused: large exports belong in CSV, which streams. A document
 * whose aliases would expand it to more than MAX_ALIAS_EXPANSION times its own node count (plus
 * ALIAS_EXPANSION_ALLOWANCE nodes) is refused as a possible alias bomb, although the reader never
 * expands nested aliases itself.
 */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;
export const MAX_YAML_TOKENS = 1_000_000;
export const MAX_ALIAS_EXPANSION = 100;
export const ALIAS_EXPANSION_ALLOWANCE = 100_000;

export const NESTED_TOO_DEEPLY = 'is nested too deeply to read';

/** Whether the parser gave up for lack of stack (it reports that as a syntax error): the document is nested too deeply. */
export function isStackOverflow(error: { message: string }): boolean {
  return /Maximum call stack size exceeded/.test(error.message);
}

/** A first meaningful line that starts a YAML document, list item or `key:` mapping. */
const YAML_START = /^(---|%YAML|-(\s|$)|[^,;\t#\s"][^,;\t]*:(\s|$))/;

function looksLikeYaml(head: Buffer): boolean {
  const text = headText(head);
  const firstLine = text?.split('\n').find((line) => line.trim() !== '' && !line.startsWith('#'));
  return firstLine !== undefined && YAML_START.test(firstLine);
}

/** Refuses a document too big to parse within bounded memory, before the parser builds anything. */
export function checkTokenCount(text: string, file: string): void {
  let tokens = 0;
  for (const _token of new Lexer().lex(text)) {
    tokens += 1;
    if (tokens > MAX_YAML_TOKENS) {
      throw new InputError(file, `has more than ${MAX_YAML_TOKENS.toLocaleString('en-GB')} YAML tokens, too many to read (use CSV for large exports)`);
    }
  }
}

/** Each alias's target: the nearest node before it with that anchor, as YAML defines. */
export function aliasTargets(doc: Document): { targets: Map<Alias, Node | undefined>; nodeCount: number } {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  let nodeCount = 0;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else {
        nodeCount += 1;
        if (node.anchor !== undefined) anchors.set(node.anchor, node);
      }
    },
  });
  return { targets, nodeCount };
}

/** How many nodes the document would have with every alias expanded; a cycle counts as infinite. */
export function expandedSize(root: unknown, targets: Map<Alias, Node | undefined>): number {
  const memo = new Map<Node, number>();
  const inProgress = new Set<Node>();
  const size = (node: unknown): number => {
    if (!isNode(node)) return 0;
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) return Infinity;
    inProgress.add(node);
    let total = 1;
    if (isAlias(node)) total = size(targets.get(node));
    else if (isMap(node)) for (const pair of node.items) total += size(pair.key) + size(pair.value);
    else if (isSeq(node)) for (const item of node.items) total += size(item);
    inProgress.delete(node);
    memo.set(node, total);
    return total;
  };
  return size(root);
}

/** The text a scalar was written as, or undefined for null and blank. */
function scalarText(node: Node): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const text = (node.source ?? String(node.value)).trim();
  return text === '' ? undefined : text;
}

async function openYaml(path: string, options: ReadOptions): Promise<OpenedInput> {
  const file = options.displayPath;
  const { size } = await readHead(path, file);
  if (size > MAX_YAML_BYTES) {
    throw new InputError(file, `is larger than the ${MAX_YAML_BYTES / 1024 / 1024} MiB limit for YAML (use CSV for large exports)`);
  }
  let bytes: Buffer;
  try {
    bytes = await readWhole(path);
  } catch (error) {
    throw new InputError(file, fileProblem(error));
  }
  const encoding = options.encoding === undefined ? sniffBufferEncoding(bytes) : parseEncoding(options.encoding, file);
  const decoding = new DecodingReport(encoding);
  const text = decodeBuffer(bytes, decoding);
  const decodingNote = decoding.note();
  const notes = decodingNote === undefined ? [] : [decodingNote];
  checkTokenCount(text, file);

  const lineCounter = new LineCounter();
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  let doc: Document;
  let targets: Map<Alias, Node | undefined>;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const firstError = doc.errors[0];
    if (firstError !== undefined) {
      if (isStackOverflow(firstError)) throw new InputError(file, NESTED_TOO_DEEPLY);
      const message =
        firstError.code === 'MULTIPLE_DOCS'
          ? 'the file holds more than one YAML document'
          : (firstError.message.split('\n')[0] ?? firstError.code);
      throw new InputError(file, `YAML syntax error: ${message}`, lineAt(firstError.pos[0]));
    }
    const resolved = aliasTargets(doc);
    targets = resolved.targets;
    for (const [alias, target] of targets) {
      if (target === undefined) {
        const line = alias.range ? lineAt(alias.range[0]) : undefined;
        throw new InputError(file, `alias ${quote(`*${alias.source}`)} has no anchor before it`, line);
      }
    }
    if (expandedSize(doc.contents, targets) > MAX_ALIAS_EXPANSION * resolved.nodeCount + ALIAS_EXPANSION_ALLOWANCE) {
      throw new InputError(file, 'too many YAML aliases (possible alias bomb)');
    }
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(file, NESTED_TOO_DEEPLY);
    throw error;
  }
  const resolve = (node: unknown): Node | undefined =>
    isAlias(node) ? targets.get(node) : isNode(node) ? node : undefined;
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineAt(node.range[0]) : undefined;

  const top = resolve(doc.contents);
  const defaults: Record<string, string> = {};
  let events: YAMLSeq;
  if (top === undefined || (isScalar(top) && top.value === null)) {
    throw new InputError(file, 'is empty: no `events:` list');
  } else if (isSeq(top)) {
    events = top;
  } else if (isMap(top)) {
    const seen = new Set<string>();
    let list: Node | undefined;
    for (const pair of top.items) {
      const keyNode = resolve(pair.key);
      const key = keyNode === undefined ? undefined : scalarText(keyNode);
      if (key === undefined) throw new InputError(file, 'a top-level key is not a single value', lineOf(keyNode));
      const name = normaliseHeader(key);
      if (seen.has(name)) throw new InputError(file, `duplicate top-level key ${quote(key)}`, lineOf(keyNode));
      seen.add(name);
      const value = resolve(pair.value);
      if (name === 'events') list = value;
      else if (name === 'agency' && value !== undefined) {
        if (isMap(value) || isSeq(value)) throw new InputError(file, '`agency:` is not a single value', lineOf(value));
        const agency = scalarText(value);
        if (agency !== undefined) defaults.agency = agency;
      }
    }
    if (list === undefined || (isScalar(list) && list.value === null)) throw new InputError(file, 'no `events:` list');
    if (!isSeq(list)) throw new InputError(file, '`events:` is not a list', lineOf(list));
    events = list;
  } else {
    throw new InputError(file, 'the top level is a single value, not a list of events', lineOf(top));
  }

  /** The line of a list item's `-`, which sits before the item's own text. */
  const itemLine = (item: Node | null): number => {
    let offset = item?.range?.[0] ?? events.range?.[0] ?? 0;
    let before = offset - 1;
    while (before >= 0 && /\s/.test(text[before] ?? '')) before -= 1;
    if (text[before] === '-') offset = before;
    return lineAt(offset);
  };

  const columns: string[] = [];
  const seenColumns = new Set<string>();
  const rows: (RawRow | Rejected)[] = [];
  for (const item of events.items) {
    const line = itemLine(isNode(item) ? item : null);
    rows.push(readItem(resolve(item), line));
  }

  function readItem(item: Node | undefined, line: number): RawRow | Rejected {
    if (item === undefined || (isScalar(item) && item.value === null)) return { file, line, reason: 'list item is empty' };
    if (!isMap(item)) return { file, line, reason: 'list item is not a mapping of field: value' };
    const entries = new Map<string, string>();
    let problem: string | undefined;
    for (const pair of item.items) {
      const keyNode = resolve(pair.key);
      const key = keyNode === undefined ? undefined : scalarText(keyNode);
      if (key === undefined) {
        problem ??= 'a field name is not a single value';
        continue;
      }
      if (!seenColumns.has(key)) {
        seenColumns.add(key);
        columns.push(key);
      }
      const name = normaliseHeader(key);
      const value = resolve(pair.value);
      if (value !== undefined && (isMap(value) || isSeq(value))) problem ??= `field ${quote(key)} is not a single value`;
      else if (entries.has(name)) problem ??= `duplicate field ${quote(key)}`;
      const cell = value === undefined ? undefined : scalarText(value);
      entries.set(name, cell ?? '');
    }
    if (problem !== undefined) return { file, line, reason: problem };
    return { file, line, values: Object.fromEntries([...entries].filter(([, value]) => value !== '')) };
  }

  async function* yieldRows(): AsyncGenerator<RawRow | Rejected> {
    yield* rows;
  }
  return { format: 'yaml', columns, defaults, encoding, notes, rows: yieldRows() };
}

export const yamlFormat: InputFormat = {
  name: 'yaml',
  extensions: ['.yaml', '.yml'],
  sniff: looksLikeYaml,
  open: openYaml,
};
