/** Text normalisation and small string measures for comparing identity fields. */

/** Lower case, accents folded (Siân → sian), apostrophes dropped (O'Brien → obrien), other punctuation as spaces. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a name, folded: `Smith-Jones` → [smith, jones]. */
export function nameTokens(value: string | undefined): string[] {
  if (value === undefined) return [];
  const folded = foldText(value);
  return folded === '' ? [] : folded.split(' ');
}

/** A name folded to letters only, so `Smith-Jones`, `smith jones` and `SMITHJONES` are one value. */
export function compactName(value: string | undefined): string {
  return nameTokens(value).join('');
}

const SOUNDEX_CODES: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

/** American Soundex of a folded name (letters only); '' when there are no letters. */
export function soundex(name: string): string {
  const letters = name.replace(/[^a-z]/g, '');
  const first = letters[0];
  if (first === undefined) return '';
  let code = first.toUpperCase();
  let previous = SOUNDEX_CODES[first] ?? '';
  for (const ch of letters.slice(1)) {
    const digit = SOUNDEX_CODES[ch] ?? '';
    if (digit !== '' && digit !== previous) code += digit;
    if (ch !== 'h' && ch !== 'w') previous = digit;
    if (code.length === 4) break;
  }
  return code.padEnd(4, '0');
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function levenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** One character inserted, deleted or changed, or two adjacent characters transposed. */
export function oneEdit(a: string, b: string): boolean {
  if (levenshtein(a, b, 1) <= 1) return true;
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, k) => (ch === b[k] ? [] : [k]));
  return diff.length === 2 && diff[1] === (diff[0] ?? 0) + 1 && a[diff[0] ?? 0] === b[diff[1] ?? 0] && a[diff[1] ?? 0] === b[diff[0] ?? 0];
}

const ADDRESS_WORDS: Record<string, string> = {
  st: 'street', rd: 'road', ave: 'avenue', av: 'avenue', ln: 'lane', dr: 'drive', cres: 'crescent',
  cl: 'close', ct: 'court', pl: 'place', gdns: 'gardens', sq: 'square', tce: 'terrace', ter: 'terrace',
  hse: 'house', apt: 'flat', apartment: 'flat', nth: 'north', sth: 'south',
};

/** An address folded with common abbreviations expanded: `12 Oak Rd.` → `12 oak road`. */
export function normaliseAddress(value: string): string {
  return nameTokens(value)
    .map((word) => ADDRESS_WORDS[word] ?? word)
    .join(' ');
}
