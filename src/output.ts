import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

/** Refuses an output path that is one of the inputs: no input file is ever changed. */
export function checkOutputPath(output: string | undefined, inputs: readonly string[]): void {
  if (output === undefined) return;
  const target = resolve(output);
  if (inputs.some((input) => resolve(input) === target)) {
    throw new UsageError(`output ${JSON.stringify(output)} is one of the inputs; choose another path`);
  }
}

/** Writes to stdout, or atomically to a file: a temporary file beside it, then a rename. */
export async function writeOutput(content: string | Buffer, output: string | undefined): Promise<void> {
  if (output === undefined || output === '-') {
    await new Promise<void>((done, fail) => process.stdout.write(content, (error) => (error ? fail(error) : done())));
    return;
  }
  const temporary = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, output);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write ${JSON.stringify(output)} (${code})`);
  }
}
