import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { csvFormat } from './csv.js';
import { readHead } from './file.js';
import type { InputFormat, OpenedInput, ReadOptions } from './types.js';
import { yamlFormat } from './yaml.js';

/** Every input format; a file with no known extension goes to the first whose sniff accepts it. */
export const inputFormats: InputFormat[] = [csvFormat, yamlFormat];

/** Opens a data file in whichever format its extension, or else its first bytes, say it is. */
export async function openInput(path: string, options: ReadOptions): Promise<OpenedInput> {
  const { head } = await readHead(path, options.displayPath);
  const extension = extname(path).toLowerCase();
  const format =
    inputFormats.find((candidate) => candidate.extensions.includes(extension)) ??
    inputFormats.find((candidate) => candidate.sniff(head));
  if (format === undefined) {
    const names = inputFormats.map((candidate) => candidate.name.toUpperCase()).join(' or ');
    throw new InputError(options.displayPath, head.length === 0 ? 'is empty' : `not a ${names} file`);
  }
  return format.open(path, options);
}
