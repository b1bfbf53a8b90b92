/** Replacing known names, addresses, dates of birth and identifiers inside free text, on folded text (fold.ts). */
import { isValidNhsNumber } from '../normalise/nhs.js';
import { foldWithOrigin, UNIT, unitKey } from './fold.js';
import { isMonth } from './words.js';

/** A run of words to find (as keys, see fold.ts: keysOf) and what replaces it. */
export interface Phrase {
  tokens: readonly string[];
  replacement: string;
  /** Only when the text writes it capitalised: for names that are also ordinary words (Will, May, Rose). */
  capitalisedOnly?: boolean;
  /** A name, also found inside e-mail local parts, handles, hashtags and joined words (WillRose, will_rose2012). */
  inCompounds?: boolean;
}

export interface ScrubberOptions {
  /** Known dates of birth (YYYY-MM-DD), found in any written form. */
  dobs?: readonly string[];
  /** Known NHS numbers (10 digits), found in any grouping. */
  nhsNumbers?: readonly string[];
}

export const REMOVED = {
  nhs: '[NHS number]',
  postcode: '[postcode]',
  dob: '[date of birth]',
  email: '[e-mail address]',
  handle: '[handle]',
  phone: '[phone number]',
} as const;

/** Between two words, one apostrophe may sit inside a word (O'Brien), or end one (Siân's). */
const APOSTROPHE = "'";
/** Apostrophes read as inside a word within one phrase: O'Brien needs one; a phrase written with more than four is not found. */
const MAX_JOINS = 4;

const MONTH = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
const SEP = String.raw`(?:\s*[/.\-]\s*|\s+)`;
// Each is a lookahead, so every start is tried: a match never hides a date that starts inside it.
const DATE_PATTERNS: readonly { pattern: RegExp; parts: (m: RegExpMatchArray) => [string, string, string][] }[] = [
  {
    // 19/06/2012, 19.6.12, 2012-06-19, 19 06 2012, 6/19/2012
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])(?=((\d{1,4})${SEP}(\d{1,2})${SEP}(\d{1,4}))(?!\d))`, 'gu'),
    parts: (m) => {
      const [a, b, c] = [m[2]!, m[3]!, m[4]!];
      if (a.length === 4) return [[a, b, c], [a, c, b]];
      const found: [string, string, string][] = [];
      if (c.length === 4 || c.length === 2) found.push([c, b, a], [c, a, b]);
      if (a.length === 2) found.push([a, b, c]);
      return found;
    },
  },
  {
    // 19th of June 2012, 19 Jun '12, 19-Jun-2012
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])(?=((\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s,./\-]*${MONTH}[\s,./\-]*'?(\d{4}|\d{2}))(?!\d))`, 'gu'),
    parts: (m) => [[m[4]!, String(monthNumber(m[3]!)), m[2]!]],
  },
  {
    // June 19, 2012; Jun 19th 2012
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])(?=(${MONTH}[\s,./\-]*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s,./\-]*'?(\d{4}|\d{2}))(?!\d))`, 'gu'),
    parts: (m) => [[m[4]!, String(monthNumber(m[2]!)), m[3]!]],
  },
  {
    // 19062012, 20120619, 190612, 120619
    pattern: /(?<!\d)(?=((\d{8}|\d{6}))(?!\d))/gu,
    parts: (m) => {
      const s = m[2]!;
      if (s.length === 8) return [[s.slice(4), s.slice(2, 4), s.slice(0, 2)], [s.slice(0, 4), s.slice(4, 6), s.slice(6)], [s.slice(4), s.slice(0, 2), s.slice(2, 4)]];
      return [[s.slice(4), s.slice(2, 4), s.slice(0, 2)], [s.slice(0, 2), s.slice(2, 4), s.slice(4)], [s.slice(4), s.slice(0, 2), s.slice(2, 4)]];
    },
  },
];
const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthNumber = (word: string): number => MONTH_PREFIXES.indexOf(word.slice(0, 3)) + 1;

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const SERIAL = /(?<![\d.,])(\d{5})(?![\d.,]\d)/gu;
const EMAIL = /[\p{L}\p{N}._%+'\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+/gu;
const HANDLE = /(?<![\p{L}\p{N}.])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?/gu;
/** Ten digits in any grouping: 943 476 5919, 943.476.5919, 9434 765 919, with no-break or full-width characters folded. */
const TEN_DIGITS = /(?<!\d[\s.\-/]?)(?=((?:\d[\s.\-/]{0,3}){9}\d)(?![\s.\-/]?\d))/gu;
const UK_PHONE = /(?<![\d+])(?=((?:\+44[\s\-]?\(?0?\)?|0)\d(?:[\s\-]?\d){8,9})(?![\s\-]?\d))/gu;
const POSTCODE = /(?<![\p{L}\p{N}])[a-z]{1,2}\d[a-z\d]?\s*[\-./·]?\s*\d[a-z]{2}(?![\p{L}\p{N}])/gu;
/** A word that may join names: a hashtag, or letters with underscores, digits or capitals inside (WillRose). */
const COMPOUND = /(?<![\p{L}\p{N}_])#?[\p{L}\p{N}_]+/gu;

export type Scrubber = (text: string) => string;

const RLO = '\u202e';
/** Text between a right-to-left override and its pop (or the line's end) shows reversed: "\u202ekcinnerB" reads "Brennick". */
const OVERRIDDEN = /\u202e([^\u202c\n]*)\u202c?/gu;

/** Overridden runs written in the order they are read, without the overrides: what a reader sees, searchable. */
function displayOrder(text: string): string {
  return text.replace(OVERRIDDEN, (_, run: string) => [...run].reverse().join(''));
}

const MEMO_LENGTH = 80;
const MEMO_ENTRIES = 100_000;

interface Range {
  start: number;
  end: number;
  replacement: string;
}

/**
 * Ten digits that are a known NHS number in any grouping, or grouped as NHS numbers are (3-3-4 or
 * none), or in two or three groups of three or more that pass the check digit: never a date and time.
 */
function nhsShaped(written: string, known: ReadonlySet<string>): boolean {
  const digits = written.replace(/\D/g, '');
  if (known.has(digits)) return true;
  const groups = written.split(/[^\d]+/).map((g) => g.length);
  if (groups.length === 1 || groups.join('-') === '3-3-4') return true;
  return groups.length <= 3 && groups.every((n) => n >= 3) && isValidNhsNumber(digits);
}

function excelSerial(dob: string): string {
  return String(Math.round((Date.UTC(Number(dob.slice(0, 4)), Number(dob.slice(5, 7)) - 1, Number(dob.slice(8, 10))) - EXCEL_EPOCH) / 86_400_000));
}

/**
 * A function that replaces known dates of birth, e-mail addresses and handles, anything shaped like
 * an NHS number, a UK phone number or a postcode, joined words with a name inside (#WillRose,
 * lacey_2012), then every phrase (longest first). Two phrases with one spelling and different replacements become `ambiguous`.
 */
export function createScrubber(phrases: readonly Phrase[], ambiguous: string, options: ScrubberOptions = {}): Scrubber {
  const byKey = new Map<string, Phrase>();
  for (const phrase of phrases) {
    if (phrase.tokens.length === 0) continue;
    const key = phrase.tokens.join(' ');
    const known = byKey.get(key);
    if (!known) byKey.set(key, phrase);
    else if (known.replacement !== phrase.replacement) byKey.set(key, { ...phrase, replacement: ambiguous, capitalisedOnly: known.capitalisedOnly && phrase.capitalisedOnly });
    else if (known.capitalisedOnly && !phrase.capitalisedOnly) byKey.set(key, phrase);
  }
  // Where phrases overlap at one place, the one with most words wins, then the longest, then the first given.
  const words = new Map([...byKey.values()].map((p) => [p.tokens.join(' '), p.tokens.length]));
  const ordered = [...byKey.keys()].sort((a, b) => words.get(b)! - words.get(a)! || b.length - a.length);
  const rank = new Map(ordered.map((key, index) => [key, index]));
  // Every run of whole words some phrase starts with, so a search stops as soon as the text leaves all phrases.
  const starts = new Set<string>();
  for (const key of ordered) {
    for (let at = key.indexOf(' '); at >= 0; at = key.indexOf(' ', at + 1)) starts.add(key.slice(0, at));
    starts.add(key);
  }
  const maxTokens = ordered.length === 0 ? 0 : words.get(ordered[0]!)!;
  const compoundNames = new Map<string, string>();
  for (const phrase of byKey.values()) {
    if (!phrase.inCompounds || phrase.tokens.length !== 1 || phrase.tokens[0]!.length < 3) continue;
    compoundNames.set(phrase.tokens[0]!, phrase.replacement);
  }
  const longestName = Math.max(0, ...[...compoundNames.keys()].map((k) => k.length));
  const dobList = (options.dobs ?? []).filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d));
  // Day, month and year as numbers: four-digit years whole, two-digit ones as written.
  const dobKeys = new Set(dobList.flatMap((d) => {
    const [y, m, day] = [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
    return [`${y}-${m}-${day}`, `'${y % 100}-${m}-${day}`];
  }));
  const serials = new Set(dobList.map(excelSerial));
  const nhsNumbers = new Set(options.nhsNumbers ?? []);
  const isDob = ([y, m, d]: [string, string, string]): boolean =>
    (y.length === 4 || y.length === 2) && dobKeys.has(`${y.length === 2 ? "'" : ''}${Number(y)}-${Number(m)}-${Number(d)}`);

  interface Unit {
    start: number;
    end: number;
    raw: string;
    key: string;
    /** Inside something already replaced (an e-mail address, a date of birth): no phrase reaches into it. */
    taken: boolean;
  }

  /** The best-ranked phrase key that the words from `first` spell (words joined by one apostrophe or apart), with its last word. */
  const bestAt = (units: readonly Unit[], folded: string, first: number) => {
    let best: { key: string; last: number } | undefined;
    const visit = (index: number, words: string, raw: string, wordCount: number, joins: number): void => {
      const unit = units[index]!;
      const current = raw + unit.raw;
      const currentKey = raw === '' ? unit.key : unitKey(current);
      const key = words === '' ? currentKey : `${words} ${currentKey}`;
      const known = rank.get(key);
      if (known !== undefined && (best === undefined || known < rank.get(best.key)!)) best = { key, last: index };
      const next = units[index + 1];
      if (next === undefined || next.taken) return;
      const separator = folded.slice(unit.end, next.start);
      if (starts.has(key) && wordCount < maxTokens) visit(index + 1, key, '', wordCount + 1, joins);
      // "Lacey's" is the name and a possessive, never one word "laceys".
      if (joins < MAX_JOINS && separator === APOSTROPHE && next.raw !== 's') visit(index + 1, words, current, wordCount, joins + 1);
    };
    visit(first, '', '', 1, 0);
    return best;
  };

  /** A month-name phrase (May, June) inside a date is the month: "3rd of May 2012", "May 2012". */
  const inDate = (folded: string, start: number, end: number): boolean =>
    /\d(?:st|nd|rd|th)?[\s,./\-]*(?:of\s+)?$/.test(folded.slice(Math.max(0, start - 12), start)) || /^[\s,./\-]*'?\d/.test(folded.slice(end, end + 4));

  const scrub = (written: string): string => {
    if (written === '') return written;
    const text = written.includes(RLO) ? displayOrder(written) : written;
    const { folded, origin } = foldWithOrigin(text);
    const taken: Range[] = [];
    const free = (start: number, end: number) => taken.every((r) => end <= r.start || start >= r.end);
    const take = (start: number, end: number, replacement: string) => {
      if (end > start && free(start, end)) taken.push({ start, end, replacement });
    };

    const digits = /\d/.test(folded);
    if (digits && dobKeys.size > 0) {
      for (const { pattern, parts } of DATE_PATTERNS) {
        for (const m of folded.matchAll(pattern)) if (parts(m).some(isDob)) take(m.index, m.index + m[1]!.length, REMOVED.dob);
      }
      for (const m of folded.matchAll(SERIAL)) if (serials.has(m[1]!)) take(m.index, m.index + m[0].length, REMOVED.dob);
    }
    if (folded.includes('@')) {
      for (const m of folded.matchAll(EMAIL)) take(m.index, m.index + m[0].length, REMOVED.email);
      for (const m of folded.matchAll(HANDLE)) take(m.index, m.index + m[0].length, REMOVED.handle);
    }
    if (digits) {
      for (const m of folded.matchAll(TEN_DIGITS)) if (nhsShaped(m[1]!, nhsNumbers)) take(m.index, m.index + m[1]!.length, REMOVED.nhs);
      for (const m of folded.matchAll(UK_PHONE)) take(m.index, m.index + m[1]!.length, REMOVED.phone);
      for (const m of folded.matchAll(POSTCODE)) take(m.index, m.index + m[0].length, REMOVED.postcode);
    }

    if (compoundNames.size > 0 && (digits || /[#_]/.test(folded) || /\p{Ll}\p{Lu}/u.test(text))) {
      for (const m of folded.matchAll(COMPOUND)) {
        const start = m.index;
        const end = start + m[0].length;
        if (!free(start, end)) continue;
        const written = text.slice(origin(start), origin(end));
        const marked = m[0].startsWith('#') || /_/.test(m[0]) || (/\p{N}/u.test(m[0]) && /\p{L}/u.test(m[0]));
        if (!marked && !/\p{Ll}\p{Lu}/u.test(written)) continue;
        let replacement: string | undefined;
        const found = (name: string | undefined) => {
          if (name !== undefined) replacement = replacement === undefined || replacement === name ? name : ambiguous;
        };
        if (marked) {
          // A name anywhere in its letters: wrose2012, #WillRose, lacey_b.
          const letters = m[0].replace(/[^\p{L}]/gu, '');
          for (let i = 0; i < letters.length; i++) {
            for (let n = 3; n <= longestName && i + n <= letters.length; n++) found(compoundNames.get(letters.slice(i, i + n)));
          }
        } else {
          // Capitals alone also join ordinary words (FaceTime): a name must be one of the capitalised parts (TimJones).
          for (const part of written.split(/(?<=\p{Ll})(?=\p{Lu})/u)) found(compoundNames.get(foldWithOrigin(part).folded));
        }
        if (replacement !== undefined) take(start, end, replacement);
      }
    }

    if (ordered.length > 0) {
      const units: Unit[] = [...folded.matchAll(UNIT)].map((m) => {
        const [start, end] = [m.index, m.index + m[0].length];
        return { start, end, raw: m[0], key: unitKey(m[0]), taken: !free(start, end) };
      });
      for (let index = 0; index < units.length; index++) {
        if (units[index]!.taken) continue;
        const found = bestAt(units, folded, index);
        if (found === undefined) continue;
        const phrase = byKey.get(found.key)!;
        const start = units[index]!.start;
        const end = units[found.last]!.end;
        if (phrase.capitalisedOnly) {
          const first = text[origin(start)] ?? '';
          if (first === first.toLowerCase()) continue;
          if (phrase.tokens.length === 1 && isMonth(phrase.tokens[0]!) && inDate(folded, start, end)) continue;
        }
        take(start, end, phrase.replacement);
        index = found.last;
      }
    }

    if (taken.length === 0) return text;
    taken.sort((a, b) => a.start - b.start);
    let out = '';
    let last = 0;
    for (const range of taken) {
      out += text.slice(last, origin(range.start)) + range.replacement;
      last = origin(range.end);
    }
    return out + text.slice(last);
  };
  // Short cells repeat across a caseload (agencies, types, outcomes, dates): each is scrubbed once.
  const remembered = new Map<string, string>();
  return (text) => {
    if (text.length > MEMO_LENGTH) return scrub(text);
    let done = remembered.get(text);
    if (done === undefined) {
      if (remembered.size >= MEMO_ENTRIES) remembered.clear();
      done = scrub(text);
      remembered.set(text, done);
    }
    return done;
  };
}
