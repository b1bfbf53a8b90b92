import { existsSync, readFileSync } from 'node:fs';
import { parseNicknames, type NicknameTable } from './nicknames.js';

/** data/nicknames.csv from compiled code (dist/src/link/) or from the sources (src/link/). */
const CANDIDATE_FILES = [
  new URL('../../../data/nicknames.csv', import.meta.url),
  new URL('../../data/nicknames.csv', import.meta.url),
];

/** Where the package's nickname list is. */
export function nicknamesFile(): URL {
  return CANDIDATE_FILES.find((candidate) => existsSync(candidate)) ?? CANDIDATE_FILES[0]!;
}

/** The package's nickname list, data/nicknames.csv. */
export function loadNicknames(file?: URL | string): NicknameTable {
  const path = file ?? nicknamesFile();
  return parseNicknames(readFileSync(path, 'utf8'));
}
