import { randomBytes } from 'node:crypto';
import { fstatSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { quote, UsageError } from './errors.js';
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

/** Mode of a temporary file: it holds personal data, so only its owner may read it until it is complete. */
const TEMPORARY_MODE = 0o600;

/**
 * Writes every chunk to a new file, `wx` (never through something already at the path) and owner-only;
 * once complete it takes `finalMode`, the mode the target will have.
 */
async function writeNewFile(path: string, content: OutputContent, finalMode: number): Promise<void> {
  const handle = await open(path, 'wx', TEMPORARY_MODE);
  try {
    for (const chunk of chunksOf(content)) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
    await handle.chmod(finalMode);
  } finally {
    await handle.close();
  }
}

/** Writes every chunk into something that is not a regular file (a device, a FIFO, /dev/stdout), which is never replaced. */
async function writeInto(path: string, content: OutputContent): Promise<void> {
  const handle = await open(path, 'w');
  try {
    for (const chunk of chunksOf(content)) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
  } catch (error) {
    // A reader that stops early ends the output, as on stdout.
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  } finally {
    await handle.close();
  }
}

type Target = { kind: 'stdout' } | { kind: 'special' } | { kind: 'file'; path: string; mode: number };

/** Whether a file is this process's stdout (`-o /dev/stdout`), which is written as stdout: a socket there cannot be opened again by name. */
function isStdout(info: Stats): boolean {
  try {
    const stdout = fstatSync(1);
    return stdout.dev === info.dev && stdout.ino === info.ino;
  } catch {
    return false;
  }
}

/** Under these, a path names a stream or device even when it leads to a regular file (/dev/stdout onto a redirected file). */
const SPECIAL_TREES = ['/dev/', '/proc/'];

/**
 * How `output` is written: into it when it is not a regular file; else atomically, beside the file
 * its links lead to (a link stays a link), keeping that file's mode, or with the default mode when new.
 */
async function targetOf(output: string): Promise<Target> {
  const info = await stat(output).catch(() => undefined);
  const fresh = 0o666 & ~process.umask();
  if (info === undefined) return { kind: 'file', path: output, mode: fresh };
  // Written through stdout even when it is a file: opening it again would truncate what `>>` appends to.
  if (isStdout(info)) return { kind: 'stdout' };
  if (!info.isFile()) return { kind: 'special' };
  const real = await realpath(output).catch(() => resolve(output));
  if ([resolve(output), real].some((path) => SPECIAL_TREES.some((tree) => path.startsWith(tree)))) return { kind: 'special' };
  return { kind: 'file', path: real, mode: info.mode & 0o7777 };
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
 * Writes to stdout; into a device, FIFO or /dev/stdout; or atomically to a regular file: a temporary
 * file beside it, then a rename, so the target holds either its old content or the whole new one. A
 * failed or stopped write removes the temporary file.
 */
export async function writeOutput(content: OutputContent, output: string | undefined): Promise<void> {
  if (output === undefined || output === '-') return writeStdout(content);
  const failed = (error: unknown): unknown =>
    // An error without a system code came from producing the content, not from the file system.
    (error as NodeJS.ErrnoException).code === undefined ? error : new UsageError(`cannot write ${quote(output, 200)}: ${writeProblem(error)}`);
  const target = await targetOf(output);
  if (target.kind === 'stdout') return writeStdout(content);
  if (target.kind === 'special') return writeInto(output, content).catch((error: unknown) => Promise.reject(failed(error)));
  const temporary = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  const stopListening = removeOnSignal(temporary);
  try {
    await writeNewFile(temporary, content, target.mode);
    await rename(temporary, target.path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw failed(error);
  } finally {
    stopListening();
  }
}
