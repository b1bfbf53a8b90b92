import { existsSync, readFileSync } from 'node:fs';
import { parseNicknames, parseTransliterations, type NicknameTable } from './nicknames.js';

/** A file of data/ from compiled code (dist/src/link/) or from the sources (src/link/). */
function dataFile(name: string): URL {
  const candidates = [new URL(`../../../data/${name}`, import.meta.url), new URL(`../../data/${name}`, import.meta.url)];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

/** The data files linkage reads: no output may be written over them. */
export function linkageDataFiles(): URL[] {
  return [dataFile('nicknames.csv'), dataFile('transliterations.csv')];
}

/** The package's nickname list, data/nicknames.csv. */
export function loadNicknames(file?: URL | string): NicknameTable {
  return parseNicknames(readFileSync(file ?? dataFile('nicknames.csv'), 'utf8'));
}

/** The package's transliteration groups, data/transliterations.csv. */
export function loadTransliterations(file?: URL | string): NicknameTable {
  return parseTransliterations(readFileSync(file ?? dataFile('transliterations.csv'), 'utf8'));
}
