/** Text normalisation and small string measures for comparing identity fields. */

/** Letters that NFD does not take apart: folded by hand, as UK systems that cannot store them write them. */
const LETTERS: Record<string, string> = { ł: 'l', ø: 'o', ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l' };
const SPECIAL_LETTERS = /[łøßẞæœđðþıħŀ]/g;

/** Lower case, accents folded (Siân → sian, Łukasz → lukasz, Strauß → strauss), apostrophes dropped (O'Brien → obrien), zero-width characters removed, other punctuation as spaces. */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(SPECIAL_LETTERS, (letter) => LETTERS[letter] ?? letter)
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

/** Whether Levenshtein distance is at most 1 (equal, or one insertion, deletion or change), in one pass without allocating. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length === b.length) {
    let differences = 0;
    for (let k = 0; k < a.length; k++) if (a.charCodeAt(k) !== b.charCodeAt(k) && ++differences > 1) return false;
    return true;
  }
  if (Math.abs(a.length - b.length) !== 1) return false;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  let k = 0;
  while (k < shorter.length && shorter.charCodeAt(k) === longer.charCodeAt(k)) k++;
  for (; k < shorter.length; k++) if (shorter.charCodeAt(k) !== longer.charCodeAt(k + 1)) return false;
  return true;
}

/** One character inserted, deleted or changed, or two adjacent characters transposed. */
export function oneEdit(a: string, b: string): boolean {
  if (a.length !== b.length) return withinOneEdit(a, b);
  let first = -1;
  let second = -1;
  for (let k = 0; k < a.length; k++) {
    if (a.charCodeAt(k) === b.charCodeAt(k)) continue;
    if (first < 0) first = k;
    else if (second < 0) second = k;
    else return false;
  }
  if (second < 0) return true;
  return second === first + 1 && a[first] === b[second] && a[second] === b[first];
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
