import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { InputError, quote } from '../errors.js';
import { fileProblem } from './file.js';

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
  const text = newDecoder(encodingFromBom(head) ?? 'utf8').decode(head);
  return BINARY_CHARACTER.test(text) ? undefined : text;
}

/** The encoding of a whole in-memory file: its BOM, else UTF-8 if valid, else Windows-1252. */
export function sniffBufferEncoding(bytes: Buffer): TextEncoding {
  const fromBom = encodingFromBom(bytes);
  if (fromBom !== undefined) return fromBom;
  try {
    newDecoder('utf8', true).decode(bytes);
    return 'utf8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * The encoding of a file: its BOM, else UTF-8 if every byte of it is valid UTF-8, else
 * Windows-1252. The UTF-8 check streams the whole file through a fatal decoder, so memory stays
 * bounded and an invalid byte deep in the file is still found before any row is read.
 */
export async function sniffFileEncoding(path: string, displayPath: string, head: Buffer): Promise<TextEncoding> {
  const fromBom = encodingFromBom(head);
  if (fromBom !== undefined) return fromBom;
  const decoder = newDecoder('utf8', true);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return 'utf8';
  } catch (error) {
    if (error instanceof TypeError) return 'windows-1252';
    throw new InputError(displayPath, fileProblem(error));
  }
}

/** The file's text, chunk by chunk, BOM removed. */
export async function* decodeFile(path: string, displayPath: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = newDecoder(encoding);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text !== '') yield text;
    }
  } catch (error) {
    throw new InputError(displayPath, fileProblem(error));
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
