import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keysOf } from '../../src/anonymise/fold.js';
import { createScrubber, type Phrase } from '../../src/anonymise/text.js';

/**
 * The scrubber as first written: one regular expression of every phrase. It cannot scale (V8
 * refuses a pattern of a few thousand names: "Regular expression too large"), but on a handful of
 * phrases it is the reference the word-by-word scrubber must agree with.
 */
function regexScrubber(phrases: readonly Phrase[], ambiguous: string): (text: string) => string {
  const byKey = new Map<string, Phrase>();
  for (const phrase of phrases) {
    if (phrase.tokens.length === 0) continue;
    const key = phrase.tokens.join(' ');
    const known = byKey.get(key);
    if (!known) byKey.set(key, phrase);
    else if (known.replacement !== phrase.replacement) {
      byKey.set(key, { tokens: phrase.tokens, replacement: ambiguous, capitalisedOnly: known.capitalisedOnly && phrase.capitalisedOnly });
    }
    else if (known.capitalisedOnly && !phrase.capitalisedOnly) byKey.set(key, phrase);
  }
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tokenPattern = (token: string): string => [...token].map(escape).join("['’]?");
  const keyOf = (folded: string): string => folded.replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const ordered = [...byKey.values()].sort(
    (a, b) => b.tokens.length - a.tokens.length || b.tokens.join(' ').length - a.tokens.join(' ').length,
  );
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${ordered.map((p) => p.tokens.map(tokenPattern).join('[^\\p{L}\\p{N}]+')).join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return (text) => {
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
    let result = '';
    let last = 0;
    const rank = new Map(ordered.map((p, index) => [p.tokens.join(' '), index]));
    /** Each apostrophe of the match read as inside a word or between two words; the best-ranked phrase any reading spells. */
    const phraseOf = (written: string): Phrase | undefined => {
      const parts = written.split(/['’]/);
      let best: Phrase | undefined;
      for (let mask = 0; mask < 2 ** (parts.length - 1); mask++) {
        const joined = parts.reduce((out, part, i) => (i === 0 ? part : out + ((mask >> (i - 1)) & 1 ? ' ' : '') + part), '');
        // "ann's" is a name and a possessive, never the one word "anns".
        if (parts.some((part, i) => i > 0 && !((mask >> (i - 1)) & 1) && /^s(?![\p{L}\p{N}])/u.test(part))) continue;
        const phrase = byKey.get(keyOf(joined));
        if (phrase && (best === undefined || rank.get(phrase.tokens.join(' '))! < rank.get(best.tokens.join(' '))!)) best = phrase;
      }
      return best;
    };
    for (const match of folded.matchAll(pattern)) {
      const phrase = phraseOf(match[0]);
      const start = origin[match.index]!;
      const end = origin[match.index + match[0].length]!;
      if (!phrase) continue;
      const first = text[start] ?? '';
      if (phrase.capitalisedOnly && first === first.toLowerCase()) continue;
      result += text.slice(last, start) + phrase.replacement;
      last = end;
    }
    return (result + text.slice(last)).replace(/(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g, '[NHS number]')
      .replace(/(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![\p{L}\p{N}])/giu, '[postcode]');
  };
}

const WORDS = ['o', 'brien', 'obrien', 'sian', 'ann', 'anne', 'marie', 'will', 'smith', '12', 'high', 'street', 'ab'];
const SPELLINGS: Record<string, string[]> = { sian: ['Siân', 'SIAN'], obrien: ["O'Brien", 'O’BRIEN', 'OBrien'], brien: ['Brien'] };
const SEPARATORS = [' ', ', ', "'", '’', '-', "'s ", '`', '  ', '. ', '/'];

const phraseArb = fc.record(
  {
    tokens: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    replacement: fc.constantFrom('Adult 1', 'Child A', '[address]'),
    capitalisedOnly: fc.boolean(),
  },
  { requiredKeys: ['tokens', 'replacement'] },
);
const textArb = fc
  .array(fc.tuple(fc.constantFrom(...WORDS, 'the', 'Asian', 'smithson'), fc.nat(2), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((parts) =>
    parts
      .map(([word, form, separator]) => {
        const spellings = [word, word[0]!.toUpperCase() + word.slice(1), ...(SPELLINGS[word] ?? [])];
        return spellings[form % spellings.length]! + separator;
      })
      .join(''),
  );

describe('createScrubber', () => {
  it('replaces exactly what one regular expression of all the phrases replaces', () => {
    fc.assert(
      fc.property(fc.array(phraseArb, { minLength: 1, maxLength: 8 }), textArb, (phrases, text) => {
        expect(createScrubber(phrases, '[name]')(text)).toBe(regexScrubber(phrases, '[name]')(text));
      }),
      { seed: 42, numRuns: Number(process.env.FC_NUM_RUNS ?? 300) },
    );
  });

  it('scrubs with tens of thousands of phrases, which no single regular expression can hold', () => {
    const phrases: Phrase[] = Array.from({ length: 60_000 }, (_, index) => ({
      tokens: [`name${index.toString(36)}`, 'smith'],
      replacement: `Person ${index}`,
    }));
    const scrub = createScrubber(phrases, '[name]');
    expect(scrub('Seen with NAME1a Smith and name2b, smith.')).toBe('Seen with Person 46 and Person 83.');
  });
});

describe('the scrubber on hostile text', () => {
  const phrase = (text: string, replacement: string, extra: Partial<Phrase> = {}): Phrase => ({ tokens: keysOf(text), replacement, ...extra });
  const scrub = createScrubber(
    [
      phrase('Lacey', 'Child A', { inCompounds: true }),
      phrase('Brennick', 'Child A', { inCompounds: true }),
      phrase('Lacey Brennick', 'Child A'),
      phrase('May', 'Child B', { capitalisedOnly: true, inCompounds: true }),
      phrase('Rose', 'Child B', { capitalisedOnly: true, inCompounds: true }),
      phrase('14 Larch Close', '[address]'),
      phrase('Larch Close', '[address]'),
      { tokens: ['~ls'], replacement: 'Child A' },
      { tokens: ['~brnk'], replacement: 'Child A' },
    ],
    '[name]',
    { dobs: ['2012-06-19', '2012-05-03'], nhsNumbers: ['9434765919'] },
  );

  it.each([
    ['born on the 19th of June 2012', 'born on the [date of birth]'],
    ['DOB 19th June 2012, June 19, 2012, Jun 19 2012', 'DOB [date of birth], [date of birth], [date of birth]'],
    ['19062012 or 20120619 or 19.06.12 or 2012-06-19T08:00', '[date of birth] or [date of birth] or [date of birth] or [date of birth]T08:00'],
    ['3.5.12 and 03/05/2012 and 3rd of May 2012', '[date of birth] and [date of birth] and [date of birth]'],
    ['41079 is the serial', '[date of birth] is the serial'],
    ['943.476.5919, 9434 765 919, ９４３４７６５９１９, 943\u00a0476\u00a05919', '[NHS number], [NHS number], [NHS number], [NHS number]'],
    ['DN4  7QX, dn4-7qx, DN47QX, DN4\u00a07QX', '[postcode], [postcode], [postcode], [postcode]'],
    ['at 14 Larch Cl. and Larch Cl', 'at [address]. and [address]'],
    ['Bren\u200bnick, Ｌａｃｅｙ, L\u0430cey, Лейси Бренник', 'Child A, Child A, Child A, Child A Child A'],
    ['lbrennick@x.com, @laceyb2012, #LaceyBrennick, lacey_2012', '[e-mail address], [handle], Child A, Child A'],
    ['#WillRose and WillRose7', 'Child B and Child B'],
    ['call 07700 900123 or +44 7700 900123', 'call [phone number] or [phone number]'],
    ['seen with \u202ekcinnerB yecaL\u202c today', 'seen with Child A today'],
  ])('%s', (text, expected) => {
    expect(scrub(text)).toBe(expected);
  });

  it('leaves what only looks like an identifier: other dates, times, months and the ordinary words', () => {
    for (const text of [
      'seen 20/05/2017 23:40 and 19/06/2013',
      'come in May 2018; on the 3rd of May 2013; tension rose; she may come',
      'ref 12 06 2012 14',
    ]) {
      expect(scrub(text)).toBe(text);
    }
    expect(scrub('May said Rose was there')).toBe('Child B said Child B was there');
    const tim = createScrubber([{ tokens: ['tim'], replacement: 'Adult 1', inCompounds: true }], '[name]');
    expect(tim('FaceTime with TimJones, tim_2012 and #TimTalks')).toBe('FaceTime with Adult 1, Adult 1 and Adult 1');
  });
});
