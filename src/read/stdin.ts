import { InputError } from '../errors.js';

/** The input name that reads standard input, recorded as the file of every row read from it. */
export const STDIN = '-';

let bytes: Promise<Buffer> | undefined;

async function collect(): Promise<Buffer> {
  if (process.stdin.isTTY) {
    throw new InputError(STDIN, 'standard input is a terminal: pipe an export in (chronology validate - < export.csv)');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The whole of standard input, read once and held: the readers look at a file more than once
 * (its first bytes, its encoding, then its rows), and a pipe can be read only once.
 */
export function stdinBytes(): Promise<Buffer> {
  bytes ??= collect();
  return bytes;
}
