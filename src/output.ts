import { randomBytes } from 'node:crypto';
import { realpathSync, rmSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';
import { STOPPING_SIGNALS } from './signals.js';

/** The file a path names once symbolic links are followed, or its absolute path when it does not exist yet. */
function identity(path: string): { real: string; inode?: string } {
  try {
    const info = statSync(path);
    return { real: realpathSync(path), inode: `${info.dev}:${info.ino}` };
  } catch {
    return { real: resolve(path) };
  }
}

/**
 * Refuses an output path that is one of the inputs, however it is written (`./a.csv`, an absolute
 * path, a symbolic or hard link to it): no input file is ever changed.
 */
export function checkOutputPath(output: string | undefined, inputs: readonly string[]): void {
  if (output === undefined || output === '-') return;
  const target = identity(output);
  const clash = inputs.some((input) => {
    const source = identity(input);
    return source.real === target.real || (source.inode !== undefined && source.inode === target.inode);
  });
  if (clash) throw new UsageError(`output ${JSON.stringify(output)} is one of the inputs; choose another path`);
}

/** Why a file could not be written, in the user's terms. */
function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'its folder does not exist';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return code ?? 'write failed';
  }
}

/** What is written: one text, or chunks written in turn (output too large for one string). */
export type OutputContent = string | Buffer | Iterable<string | Buffer>;

function chunksOf(content: OutputContent): Iterable<string | Buffer> {
  return typeof content === 'string' || Buffer.isBuffer(content) ? [content] : content;
}

/**
 * Writes to stdout chunk by chunk, waiting whenever the pipe is full, so a large output is never
 * held whole; a reader that stops early (`| head`) ends the output, not the run.
 */
async function writeStdout(content: OutputContent): Promise<void> {
  const stdout = process.stdout;
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (error: NodeJS.ErrnoException): void => {
    failure ??= error;
  };
  stdout.on('error', onError);
  try {
    for (const chunk of chunksOf(content)) {
      if (failure) break;
      if (!stdout.write(chunk)) await drainedOrFailed(stdout);
    }
    if (!failure) await new Promise<void>((done) => stdout.write('', () => done()));
  } finally {
    stdout.off('error', onError);
  }
  if (failure && failure.code !== 'EPIPE') throw failure;
}

function drainedOrFailed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise<void>((done) => {
    const settle = (): void => {
      stream.off('drain', settle);
      stream.off('error', settle);
      done();
    };
    stream.on('drain', settle);
    stream.on('error', settle);
  });
}

/** Writes every chunk to a new file; `wx`: never write through something already at the path. */
async function writeNewFile(path: string, content: OutputContent): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    for (const chunk of chunksOf(content)) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
  } finally {
    await handle.close();
  }
}

/**
 * Until the returned function is called, a stopping signal removes `path` and then ends the run by
 * that signal, as it would have: a run stopped while writing leaves no partial copy of the data.
 */
function removeOnSignal(path: string): () => void {
  const stopListening = (): void => {
    for (const signal of STOPPING_SIGNALS) process.off(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals): void {
    rmSync(path, { force: true });
    stopListening();
    process.kill(process.pid, signal);
  }
  for (const signal of STOPPING_SIGNALS) process.on(signal, onSignal);
  return stopListening;
}

/**
 * Writes to stdout, or atomically to a file: a temporary file beside it, then a rename, so the
 * target holds either its old content or the whole new one. A failed or stopped write removes the
 * temporary file.
 */
export async function writeOutput(content: OutputContent, output: string | undefined): Promise<void> {
  if (output === undefined || output === '-') return writeStdout(content);
  const temporary = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  const stopListening = removeOnSignal(temporary);
  try {
    await writeNewFile(temporary, content);
    await rename(temporary, output);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    // An error without a system code came from producing the content, not from the file system.
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new UsageError(`cannot write ${JSON.stringify(output)}: ${writeProblem(error)}`);
  } finally {
    stopListening();
  }
}
