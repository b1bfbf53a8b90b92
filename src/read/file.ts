import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { STDIN, stdinBytes } from './stdin.js';

/** How many leading bytes the registry and the readers look at to recognise a file. */
export const HEAD_BYTES = 4096;

/** A one-line description of why the file system refused a path. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return code === undefined ? 'cannot be read' : `cannot be read (${code})`;
  }
}

export interface FileHead {
  head: Buffer;
  size: number;
}

/**
 * Checks that a path names a readable regular file and returns its first bytes and size.
 * Non-regular files (pipes, devices) are refused because the readers read a file more than once.
 */
export async function readHead(path: string, displayPath: string): Promise<FileHead> {
  if (path === STDIN) {
    const all = await stdinBytes();
    return { head: all.subarray(0, HEAD_BYTES), size: all.length };
  }
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(displayPath, 'is a directory');
    if (!info.isFile()) throw new InputError(displayPath, 'is not a regular file');
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(displayPath, fileProblem(error));
  }
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return { head: buffer.subarray(0, bytesRead), size };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError(displayPath, fileProblem(error));
  }
}

/** A file's bytes from `start` to `end` (inclusive) as a stream of chunks; `-` is standard input, held in memory. */
export async function* readChunks(path: string, options: { start?: number; end?: number; highWaterMark?: number } = {}): AsyncGenerator<Buffer> {
  if (path !== STDIN) {
    for await (const chunk of createReadStream(path, options)) yield chunk as Buffer;
    return;
  }
  const all = await stdinBytes();
  const last = Math.min(all.length, options.end === undefined ? all.length : options.end + 1);
  const step = options.highWaterMark ?? 1 << 16;
  for (let at = options.start ?? 0; at < last; at += step) yield all.subarray(at, Math.min(at + step, last));
}

/** A whole file's bytes; `-` is standard input. */
export function readWhole(path: string): Promise<Buffer> {
  return path === STDIN ? stdinBytes() : readFile(path);
}
