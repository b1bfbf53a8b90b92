import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { parseRules, type RuleSet } from './rules-schema.js';

/** The bundled rules: beside dist/ when compiled, beside src/ when run from source (tests). */
const BUNDLED = [
  new URL('../../../rules/default.yaml', import.meta.url),
  new URL('../../rules/default.yaml', import.meta.url),
];

/** Where the bundled rules file is. */
export function bundledRulesFile(): string {
  return fileURLToPath(BUNDLED.find((url) => existsSync(url)) ?? BUNDLED[0]!);
}

async function readBundled(): Promise<{ text: string; file: string }> {
  for (const url of BUNDLED) {
    try {
      return { text: await readFile(url, 'utf8'), file: fileURLToPath(url) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new InputError('rules/default.yaml', 'the bundled rules file is missing from the installation');
}

/** The rules given by `--rules FILE`, or the bundled rules/default.yaml. */
export async function loadRules(path?: string): Promise<RuleSet> {
  if (path === undefined) {
    const { text, file } = await readBundled();
    return parseRules(text, file);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(path, `cannot read the rules file (${code})`);
  }
  return parseRules(text.replace(/^\uFEFF/, ''), path);
}
