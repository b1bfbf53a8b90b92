import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { InputError, quote } from '../errors.js';
import { fileProblem, HEAD_BYTES, readChunks } from './file.js';

/** The text encodings the readers understand (PRODUCT.md: UTF-8, UTF-16, Windows-1252). */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'windows-1252';

const WHATWG_LABEL: Record<TextEncoding, string> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  'windows-1252': 'windows-1252',
};

const ENCODING_NAMES = new Map<string, TextEncoding>([
  ['utf8', 'utf8'],
  ['utf-8', 'utf8'],
  ['utf16', 'utf16le'],
  ['utf-16', 'utf16le'],
  ['utf16le', 'utf16le'],
  ['utf-16le', 'utf16le'],
  ['ucs2', 'utf16le'],
  ['ucs-2', 'utf16le'],
  ['utf16be', 'utf16be'],
  ['utf-16be', 'utf16be'],
  ['windows-1252', 'windows-1252'],
  ['windows1252', 'windows-1252'],
  ['cp1252', 'windows-1252'],
  // The WHATWG decoder reads Latin-1 as Windows-1252, a superset of its printable characters.
  ['latin1', 'windows-1252'],
  ['iso-8859-1', 'windows-1252'],
]);

/** Reads a user's or profile's encoding name; an unknown name is an input problem. */
export function parseEncoding(name: string, displayPath: string): TextEncoding {
  const encoding = ENCODING_NAMES.get(name.trim().toLowerCase());
  if (encoding === undefined) {
    throw new InputError(displayPath, `unknown encoding ${quote(name)} (use utf8, utf16le, utf16be or windows-1252)`);
  }
  return encoding;
}

/** The encoding a byte-order mark announces, if the bytes start with one. */
export function encodingFromBom(head: Buffer): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return undefined;
}

/** A decoder that drops a leading byte-order mark. */
export function newDecoder(encoding: TextEncoding, fatal = false): TextDecoder {
  return new TextDecoder(WHATWG_LABEL[encoding], { fatal });
}

/** Control characters that never occur in a text export (tab, line breaks and form feed do). */
const BINARY_CHARACTER = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;

/** The first bytes of a file as text, or undefined when they look binary. */
export function headText(head: Buffer): string | undefined {
  const text = newDecoder(encodingFromBom(head) ?? utf16WithoutBom(head) ?? 'utf8').decode(head);
  return BINARY_CHARACTER.test(text) ? undefined : text;
}

/**
 * UTF-16 without a byte-order mark, recognised by its NUL bytes: text in the Latin alphabet has a
 * NUL in every other byte, which UTF-8 and Windows-1252 text never has. Needs a few characters.
 */
export function utf16WithoutBom(head: Buffer): TextEncoding | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 4) return undefined;
  let lowNul = 0;
  let highNul = 0;
  for (let at = 0; at < pairs * 2; at += 2) {
    if (head[at] !== 0 && head[at + 1] === 0) highNul += 1;
    else if (head[at] === 0 && head[at + 1] !== 0) lowNul += 1;
  }
  if (highNul >= pairs / 2 && lowNul === 0) return 'utf16le';
  if (lowNul >= pairs / 2 && highNul === 0) return 'utf16be';
  return undefined;
}

/** The encoding of a whole in-memory file: its BOM, else UTF-16 by its NULs, else UTF-8 if valid, else Windows-1252. */
export function sniffBufferEncoding(bytes: Buffer): TextEncoding {
  const fromBytes = encodingFromBom(bytes) ?? utf16WithoutBom(bytes.subarray(0, HEAD_BYTES));
  if (fromBytes !== undefined) return fromBytes;
  return isUtf8Sample(bytes) ? 'utf8' : 'windows-1252';
}

/** Whether the bytes are valid UTF-8, allowing a character cut off at the end of a sample. */
function isUtf8Sample(bytes: Buffer): boolean {
  try {
    newDecoder('utf8', true).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Whether bytes hold characters beyond ASCII that decode as valid UTF-8 (é as two bytes, say). */
function hasUtf8BeyondAscii(bytes: Buffer): boolean {
  return bytes.some((byte) => byte >= 0x80) && isUtf8Sample(bytes);
}

/** How many bytes the character a byte begins takes, or undefined when the byte begins none (C0, C1, F5-FF). */
function characterLength(byte: number): number | undefined {
  if (byte < 0x80) return 1;
  if (byte < 0xc2 || byte > 0xf4) return undefined;
  return byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
}

/**
 * Where a character cut off at the end of `bytes` begins, or their length when none is: the bytes
 * before it can be checked on their own.
 */
function completeLength(bytes: Uint8Array): number {
  // A cut-off character has at most three of its four bytes.
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = characterLength(byte);
    return length !== undefined && length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Checks bytes that arrive in chunks for valid UTF-8 without decoding them: a character split
 * between chunks is held over and completed from the front of the next.
 */
export class Utf8Check {
  /** The first bytes of a character cut off at the end of the last chunk (at most three, copied). */
  private held: Uint8Array = new Uint8Array(0);
  private valid = true;

  /** Checks the next chunk; false from the first invalid byte on. */
  push(chunk: Uint8Array): boolean {
    if (!this.valid) return false;
    let rest = chunk;
    if (this.held.length > 0) {
      const needed = (characterLength(this.held[0] as number) as number) - this.held.length;
      const character = Buffer.concat([this.held, chunk.subarray(0, needed)]);
      if (character.length < this.held.length + needed) {
        this.held = character;
        return true;
      }
      this.valid = isUtf8(character);
      if (!this.valid) return false;
      rest = chunk.subarray(needed);
    }
    const complete = completeLength(rest);
    this.valid = isUtf8(rest.subarray(0, complete));
    this.held = new Uint8Array(rest.subarray(complete));
    return this.valid;
  }

  /** Whether every byte pushed was valid UTF-8, with no character cut off at the end. */
  end(): boolean {
    return this.valid && this.held.length === 0;
  }
}

/**
 * The encoding of a file: its BOM, else UTF-8 if every byte of it is valid UTF-8, else
 * Windows-1252. The UTF-8 check streams the whole file (about 5 times faster than decoding it),
 * so memory stays bounded and an invalid byte deep in the file is still found before any row is read.
 */
export async function sniffFileEncoding(path: string, displayPath: string, head: Buffer): Promise<TextEncoding> {
  const fromBytes = encodingFromBom(head) ?? utf16WithoutBom(head);
  if (fromBytes !== undefined) return fromBytes;
  const check = new Utf8Check();
  try {
    for await (const chunk of readChunks(path, { highWaterMark: 1 << 20 })) {
      if (!check.push(chunk)) return 'windows-1252';
    }
  } catch (error) {
    throw new InputError(displayPath, fileProblem(error));
  }
  return check.end() ? 'utf8' : 'windows-1252';
}

/** What decoding a file found wrong with its bytes, gathered while it streams. */
export class DecodingReport {
  /** Characters that could not be decoded and were replaced by U+FFFD. */
  replaced = 0;
  /** The line of the first replaced character. */
  firstLine = 0;
  /** Whether a UTF-16 file ended halfway through a character. */
  oddLength = false;

  constructor(readonly encoding: TextEncoding) {}

  /** Counts the replacement characters in a decoded piece that starts on `line`. */
  scan(text: string, line: number): void {
    for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
      if (this.replaced === 0) this.firstLine = line + countNewlines(text, 0, at);
      this.replaced += 1;
    }
  }

  /** A one-line note for the user, or undefined when the bytes were all good. */
  note(): string | undefined {
    const name = ENCODING_TITLES[this.encoding];
    if (this.oddLength) {
      return `the ${name} file ends halfway through a character (an odd number of bytes): it may be truncated`;
    }
    if (this.replaced === 0) return undefined;
    const count = `${this.replaced} character${this.replaced === 1 ? '' : 's'}`;
    return (
      `${count} could not be read as ${name} (the first on line ${this.firstLine}) and show as \uFFFD; ` +
      'if the file is in another encoding, give it with encoding: in a profile'
    );
  }
}

const ENCODING_TITLES: Record<TextEncoding, string> = {
  utf8: 'UTF-8',
  utf16le: 'UTF-16LE',
  utf16be: 'UTF-16BE',
  'windows-1252': 'Windows-1252',
};

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Decodes a whole in-memory file, noting in `report` any bytes that are not valid in the encoding. */
export function decodeBuffer(bytes: Buffer, report: DecodingReport): string {
  const text = newDecoder(report.encoding).decode(bytes);
  report.oddLength = report.encoding !== 'utf8' && report.encoding !== 'windows-1252' && bytes.length % 2 === 1;
  report.scan(text, 1);
  return text;
}

/** The file's text, chunk by chunk, BOM removed; bytes that are not valid in the encoding are noted in `report`. */
export async function* decodeFile(path: string, displayPath: string, report: DecodingReport): AsyncGenerator<string> {
  const decoder = newDecoder(report.encoding);
  let line = 1;
  let bytes = 0;
  const decoded = (text: string): string => {
    report.scan(text, line);
    line += countNewlines(text, 0, text.length);
    return text;
  };
  try {
    for await (const chunk of readChunks(path, { highWaterMark: 1 << 16 })) {
      bytes += (chunk as Buffer).length;
      const text = decoded(decoder.decode(chunk as Buffer, { stream: true }));
      if (text !== '') yield text;
    }
  } catch (error) {
    throw new InputError(displayPath, fileProblem(error));
  }
  report.oddLength = report.encoding !== 'utf8' && report.encoding !== 'windows-1252' && bytes % 2 === 1;
  const rest = decoded(decoder.decode());
  if (rest !== '') yield rest;
}

/**
 * A note when a file said to be Windows-1252 holds valid UTF-8 beyond ASCII: its é would read as Ã©.
 * Checks the first MiB, where a mislabelled export shows it at once.
 */
export async function windows1252Mislabel(path: string, displayPath: string): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of readChunks(path, { start: 0, end: (1 << 20) - 1 })) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new InputError(displayPath, fileProblem(error));
  }
  return hasUtf8BeyondAscii(Buffer.concat(chunks, size))
    ? 'the file is read as Windows-1252 but its bytes are valid UTF-8: accented letters may show as Ã© (remove encoding: windows-1252 from its profile?)'
    : undefined;
}
