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

/** Lower case with accents removed, char by char, with the index in the original of each folded char. */
function foldWithOrigin(text: string): { folded: string; origin: number[] } {
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
  return { folded, origin };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A folded token as written in text: O'Brien folds to obrien, so an apostrophe may sit between any letters. */
const tokenPattern = (token: string): string => [...token].map(escape).join("['’]?");
/** The key a match and a phrase share: its words folded, apostrophes dropped, one space between. */
const keyOf = (folded: string): string =>
  folded.replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

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
  const ordered = [...byKey.values()].sort(
    (a, b) => b.tokens.length - a.tokens.length || b.tokens.join(' ').length - a.tokens.join(' ').length,
  );
  const pattern =
    ordered.length === 0
      ? undefined
      : new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${ordered.map((p) => p.tokens.map(tokenPattern).join('[^\\p{L}\\p{N}]+')).join('|')})(?![\\p{L}\\p{N}])`,
          'gu',
        );
  return (text) => {
    let out = text;
    if (pattern) {
      const { folded, origin } = foldWithOrigin(text);
      let result = '';
      let last = 0;
      for (const match of folded.matchAll(pattern)) {
        const phrase = byKey.get(keyOf(match[0]));
        const start = origin[match.index]!;
        const end = origin[match.index + match[0].length]!;
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
