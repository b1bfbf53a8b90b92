/** Replacing known names, addresses and dates of birth inside free text, whole words, accents and case folded. */

/** A run of words to find (folded, as foldText makes them) and what replaces it. */
export interface Phrase {
  tokens: readonly string[];
  replacement: string;
  /** Only when the text writes it capitalised: for nicknames, which are often ordinary words (Will, Bill). */
  capitalisedOnly?: boolean;
}

const NHS_NUMBER = /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g;
const POSTCODE = /(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![\p{L}\p{N}])/giu;
export const REMOVED = { nhs: '[NHS number]', postcode: '[postcode]' } as const;

const ASCII = /^[\x00-\x7f]*$/;

/** Lower case with accents removed, char by char, with the index in the original of each folded char. */
function foldWithOrigin(text: string): { folded: string; origin: (index: number) => number } {
  // Most free text is ASCII, where folding is lower-casing and keeps every index.
  if (ASCII.test(text)) return { folded: text.toLowerCase(), origin: (index) => index };
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const fold = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (let k = 0; k < fold.length; k += 1) origin.push(i);
    folded += fold;
    i += char.length;
  }
  origin.push(text.length);
  return { folded, origin: (index) => origin[index]! };
}

/** The key a match and a phrase share: its words folded, apostrophes dropped, one space between. */
const keyOf = (folded: string): string =>
  folded.replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Runs of letters and digits: a phrase starts at the start of one and ends at the end of one. */
const UNIT = /[\p{L}\p{N}]+/gu;
/** Between two runs, one apostrophe may sit inside a word (O'Brien), or end one (Siân's). */
const APOSTROPHE = /^['’]$/;
/** Apostrophes read as inside a word within one phrase: O'Brien needs one; a phrase written with more than four is not found. */
const MAX_JOINS = 4;

export type Scrubber = (text: string) => string;

/**
 * A function that replaces every phrase (longest first) and then any NHS number or postcode.
 * Two phrases with one spelling and different replacements become `ambiguous`.
 */
export function createScrubber(phrases: readonly Phrase[], ambiguous: string): Scrubber {
  const byKey = new Map<string, Phrase>();
  for (const phrase of phrases) {
    if (phrase.tokens.length === 0) continue;
    const key = phrase.tokens.join(' ');
    const known = byKey.get(key);
    if (!known) byKey.set(key, phrase);
    else if (known.replacement !== phrase.replacement) byKey.set(key, { tokens: phrase.tokens, replacement: ambiguous });
    else if (known.capitalisedOnly && !phrase.capitalisedOnly) byKey.set(key, phrase);
  }
  // Where phrases overlap at one place, the one with most words wins, then the longest, then the first given.
  const ordered = [...byKey.keys()].sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);
  const rank = new Map(ordered.map((key, index) => [key, index]));
  // Every run of whole words some phrase starts with, so a search stops as soon as the text leaves all phrases.
  const starts = new Set<string>();
  for (const key of ordered) {
    const tokens = key.split(' ');
    for (let n = 1; n <= tokens.length; n++) starts.add(tokens.slice(0, n).join(' '));
  }
  const maxTokens = ordered.length === 0 ? 0 : ordered[0]!.split(' ').length;

  /** The best-ranked phrase key that the runs from `first` spell (runs joined by one apostrophe or split into words), with its last run. */
  const bestAt = (units: readonly { start: number; end: number }[], folded: string, first: number) => {
    let best: { key: string; last: number } | undefined;
    const visit = (index: number, words: string, word: string, wordCount: number, joins: number): void => {
      const unit = units[index]!;
      const current = word + folded.slice(unit.start, unit.end);
      const key = words === '' ? current : `${words} ${current}`;
      const known = rank.get(key);
      if (known !== undefined && (best === undefined || known < rank.get(best.key)!)) best = { key, last: index };
      const next = units[index + 1];
      if (next === undefined) return;
      const separator = folded.slice(unit.end, next.start);
      if (starts.has(key) && wordCount < maxTokens) visit(index + 1, key, '', wordCount + 1, joins);
      if (joins < MAX_JOINS && APOSTROPHE.test(separator)) visit(index + 1, words, current, wordCount, joins + 1);
    };
    visit(first, '', '', 1, 0);
    return best;
  };

  return (text) => {
    let out = text;
    if (ordered.length > 0) {
      const { folded, origin } = foldWithOrigin(text);
      const units = [...folded.matchAll(UNIT)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
      let result = '';
      let last = 0;
      for (let index = 0; index < units.length; index++) {
        const found = bestAt(units, folded, index);
        if (found === undefined) continue;
        const matchStart = units[index]!.start;
        const matchEnd = units[found.last]!.end;
        index = found.last;
        // The phrase is looked up by what the text spells, apostrophes dropped: O'Brien is obrien.
        const phrase = byKey.get(keyOf(folded.slice(matchStart, matchEnd)));
        const start = origin(matchStart);
        const end = origin(matchEnd);
        if (!phrase) continue;
        const first = text[start] ?? '';
        if (phrase.capitalisedOnly && first === first.toLowerCase()) continue;
        result += text.slice(last, start) + phrase.replacement;
        last = end;
      }
      out = result + text.slice(last);
    }
    return out.replace(NHS_NUMBER, REMOVED.nhs).replace(POSTCODE, REMOVED.postcode);
  };
}
