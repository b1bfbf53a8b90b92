/** Text as the anonymiser compares it: NFKC, invisible characters removed, case and accents folded, other scripts keyed. */

/** Zero-width spaces and joiners, soft hyphens, byte order marks, bidi controls: they hide a name from a plain search. */
const INVISIBLE = /^\p{Cf}$/u;
const APOSTROPHES = /^['’‘ʼ`′]$/u;
const ASCII = /^[\x00-\x7f]*$/;

/** Letters that NFD leaves whole but a reader sees as Latin ones. */
const LATIN_EXTRA: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };

function foldChar(char: string): string {
  if (INVISIBLE.test(char)) return '';
  if (APOSTROPHES.test(char)) return "'";
  const plain = char.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return [...plain].map((c) => LATIN_EXTRA[c] ?? (APOSTROPHES.test(c) ? "'" : c)).join('');
}

export interface Folded {
  folded: string;
  /** The index in the original text of the character a folded index came from (text.length at the end). */
  origin: (index: number) => number;
}

/** Lower case, accents removed, NFKC (full-width letters and digits, no-break spaces), invisible characters dropped. */
export function foldWithOrigin(text: string): Folded {
  // Most free text is ASCII, where folding is lower-casing and keeps every index.
  if (ASCII.test(text)) return { folded: text.toLowerCase().replace(/`/g, "'"), origin: (index) => index };
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const fold = foldChar(char);
    for (let k = 0; k < fold.length; k += 1) origin.push(i);
    folded += fold;
    i += char.length;
  }
  origin.push(text.length);
  return { folded, origin: (index) => origin[index]! };
}

const CJK = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}`;
/** A word: one Han or kana character (those scripts write no spaces), or a run of other letters and digits. */
export const UNIT = new RegExp(String.raw`[${CJK}]|(?:(?![${CJK}])[\p{L}\p{N}])+`, 'gu');

/** Cyrillic and Greek letters that look like Latin ones: a name spelt with one hidden inside is still the name. */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
  х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};

const TRANSLITERATION: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

/**
 * The consonants of a name as it sounds, so a Latin name and its Cyrillic or Greek transliteration
 * meet: Brennick and Бренник are both "brnk", Lacey and Лейси "ls".
 */
export function skeleton(latin: string): string {
  return latin
    .replace(/dzh|dz/g, 'j')
    .replace(/^u(?=[aeiouy])/, 'v')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/h/g, '')
    .replace(/[^a-z]|[aeiouy]/g, '')
    .replace(/(.)\1+/g, '$1');
}

const OTHER_SCRIPT = /[\p{sc=Cyrillic}\p{sc=Greek}]/u;
const LATIN = /[a-z]/;

/** Street words as written in full and abbreviated: both sides of a comparison use the full word. */
const STREET_WORDS: Record<string, string> = {
  cl: 'close', rd: 'road', st: 'street', str: 'street', ave: 'avenue', av: 'avenue', dr: 'drive', ln: 'lane',
  cres: 'crescent', cresc: 'crescent', ct: 'court', crt: 'court', pl: 'place', gdns: 'gardens', gdn: 'garden',
  tce: 'terrace', terr: 'terrace', sq: 'square', gr: 'grove', gro: 'grove', grv: 'grove', pk: 'park', hse: 'house',
  ho: 'house', mt: 'mount', wy: 'way', pde: 'parade', cotts: 'cottages', est: 'estate', bldgs: 'buildings',
  apt: 'apartment', flt: 'flat', hts: 'heights', mdw: 'meadow', mdws: 'meadows', wk: 'walk', vw: 'view', cir: 'circle',
};

/** Cyrillic and Greek letters written as Latin ones, as names are usually spelt in English records. */
export function transliterate(text: string): string {
  return text.toLowerCase().replace(/./gu, (c) => TRANSLITERATION[c] ?? c);
}

/**
 * The key of one folded word: the word itself, with street abbreviations written out; a word mixing
 * Latin with look-alike Cyrillic or Greek letters read as Latin; one wholly in those scripts keyed
 * by the consonant skeleton of its transliteration ("~" marks such keys).
 */
export function unitKey(word: string): string {
  if (OTHER_SCRIPT.test(word)) {
    if (LATIN.test(word)) return [...word].map((c) => HOMOGLYPHS[c] ?? c).join('');
    return `~${skeleton(transliterate(word).replace(/dzh/g, 'j'))}`;
  }
  return STREET_WORDS[word] ?? word;
}

/** The word keys of a text: what a phrase is made of. */
export function keysOf(text: string): string[] {
  const folded = foldWithOrigin(text).folded.replace(/'/g, '');
  return [...folded.matchAll(UNIT)].map((m) => unitKey(m[0]));
}
