import { randomBytes } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

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

/** Writes to stdout; a reader that stops early (`| head`) ends the output, not the run. */
function writeStdout(content: string | Buffer): Promise<void> {
  return new Promise<void>((done, fail) => {
    const onError = (error: NodeJS.ErrnoException): void => (error.code === 'EPIPE' ? done() : fail(error));
    process.stdout.once('error', onError);
    process.stdout.write(content, (error) => {
      if (error) return onError(error);
      process.stdout.off('error', onError);
      done();
    });
  });
}

/**
 * Writes to stdout, or atomically to a file: a temporary file beside it, then a rename, so the
 * target holds either its old content or the whole new one. A failed write removes the temporary file.
 */
export async function writeOutput(content: string | Buffer, output: string | undefined): Promise<void> {
  if (output === undefined || output === '-') return writeStdout(content);
  const temporary = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // `wx`: never write through something already at the temporary name.
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, output);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new UsageError(`cannot write ${JSON.stringify(output)}: ${writeProblem(error)}`);
  }
}
