import { jaroWinkler } from '@skyra/jaro-winkler';
import { COMPARED_ADDRESS_CHARS, COMPARED_NAME_CHARS } from '../model/limits.js';
import { canonicalPostcode } from '../model/postcode.js';
import type { ChronologyRecord } from '../model/record.js';
import { remember } from '../util/remember.js';
import { PairMemo } from './memo.js';
import { probabilityOf } from './weights.js';
import { areNicknames, formalsAllowingTypo, type NicknameTable } from './nicknames.js';
import { nameTokens, normaliseAddress, oneEdit, withinOneEdit } from './text.js';

export interface NameSide {
  raw?: string;
  tokens: string[];
  compact: string;
  folded: string;
  /** The folded name's number among the names `keyedBy` prepared: comparisons are memoised by pairs of these. */
  readonly key: number;
  readonly keyedBy: SideMemo;
}

export interface AddressSide {
  raw?: string;
  normalised: string;
  words: ReadonlySet<string>;
  /** The normalised address's number among the addresses `keyedBy` prepared. */
  readonly key: number;
  readonly keyedBy: SideMemo;
}

/** The identity fields of a record, prepared once for comparison. */
export interface Identity {
  agency: string;
  personId?: string;
  nhs?: string;
  /** `folded`: the tokens joined by spaces, which is all a name comparison depends on. */
  given: NameSide;
  family: NameSide;
  dob?: string;
  /** The dob's digits alone (20190304), for the one-digit-out test. */
  dobDigits?: string;
  /** `words`: the normalised address's words, for the overlap measure. */
  address: AddressSide;
  postcode: PostcodeSide;
}

export interface PostcodeSide {
  raw?: string;
  compact: string;
  /** The postcode without its last two characters (LS61 of LS61AA): the same sector. */
  sector: string;
  /** The outward code of a well-formed UK postcode (LS6 of LS61AA), else ''. */
  district: string;
}

const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;

function postcodeSide(raw: string | undefined): PostcodeSide {
  const compact = raw ? canonicalPostcode(raw).replace(' ', '') : '';
  return { raw, compact, sector: compact.slice(0, -2), district: UK_POSTCODE.test(compact) ? compact.slice(0, -3) : '' };
}

/**
 * Prepared sides by raw text, shared by the identities of one input: a side depends on its text
 * alone (its memo number too), and a caseload repeats its names, addresses and postcodes.
 */
export interface SideMemo {
  names: Map<string | undefined, NameSide>;
  addresses: Map<string | undefined, AddressSide>;
  postcodes: Map<string | undefined, PostcodeSide>;
  /** Each folded name's and normalised address's number, given once as its side is prepared. */
  nameKeys: Map<string, number>;
  addressKeys: Map<string, number>;
}

export function sideMemo(): SideMemo {
  return { names: new Map(), addresses: new Map(), postcodes: new Map(), nameKeys: new Map(), addressKeys: new Map() };
}

function keyOf(keys: Map<string, number>, value: string): number {
  return remember(keys, value, () => keys.size);
}

function nameSide(raw: string | undefined, memo: SideMemo): NameSide {
  const tokens = nameTokens(raw?.slice(0, COMPARED_NAME_CHARS));
  const folded = tokens.join(' ');
  return { raw, tokens, compact: tokens.join(''), folded, key: keyOf(memo.nameKeys, folded), keyedBy: memo };
}

function addressSide(raw: string | undefined, memo: SideMemo): AddressSide {
  const normalised = raw ? normaliseAddress(raw.slice(0, COMPARED_ADDRESS_CHARS)) : '';
  return { raw, normalised, words: new Set(normalised.split(' ')), key: keyOf(memo.addressKeys, normalised), keyedBy: memo };
}

/** The raw identity fields of a record: all an Identity is prepared from. */
export interface IdentityFields {
  agency: string;
  personId?: string;
  nhs?: string;
  given?: string;
  family?: string;
  dob?: string;
  address?: string;
  postcode?: string;
}

export function identityFrom(fields: IdentityFields, memo: SideMemo = sideMemo()): Identity {
  const dob = fields.dob?.slice(0, 10);
  return {
    agency: fields.agency,
    personId: fields.personId,
    nhs: fields.nhs,
    given: remember(memo.names, fields.given, (raw) => nameSide(raw, memo)),
    family: remember(memo.names, fields.family, (raw) => nameSide(raw, memo)),
    dob,
    dobDigits: dob?.replace(/-/g, ''),
    address: remember(memo.addresses, fields.address, (raw) => addressSide(raw, memo)),
    postcode: remember(memo.postcodes, fields.postcode, postcodeSide),
  };
}

export function identityOf(record: ChronologyRecord, memo: SideMemo = sideMemo()): Identity {
  return identityFrom(
    {
      agency: record.agency,
      personId: record.person_id,
      nhs: record.nhs_number,
      given: record.name.given,
      family: record.name.family,
      dob: record.dob,
      address: record.address,
      postcode: record.postcode,
    },
    memo,
  );
}

/** How often each value occurs among the distinct identities, and the chance two random ones agree. */
export interface FrequencyTable {
  share: ReadonlyMap<string, number>;
  /** Sum of squared shares: the probability that two random identities agree on this field. */
  agreeChance: number;
}

export function frequencyTable(values: Iterable<string>): FrequencyTable {
  const counts = new Map<string, number>();
  let total = 0;
  for (const value of values) {
    if (value === '') continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    total += 1;
  }
  const share = new Map<string, number>();
  let agreeChance = 0;
  for (const [value, count] of counts) {
    share.set(value, count / total);
    agreeChance += (count / total) ** 2;
  }
  return { share, agreeChance };
}

export interface CompareContext {
  nicknames: NicknameTable;
  /** Spellings of one name in the Latin alphabet (Mohammed, Muhammad), for given and family names: data/transliterations.csv. */
  transliterations: NicknameTable;
  givenFrequency: FrequencyTable;
  familyFrequency: FrequencyTable;
  /** Formal names per given-name word, typos of listed names included; filled as names are met. */
  formalsCache: Map<string, readonly string[]>;
  /**
   * Comparisons already made, by pair of side keys, for sides prepared by `sides`: the same few
   * names meet again and again, and a family's members share their address.
   */
  memos?: { sides: SideMemo; given: PairMemo<Scored>; family: PairMemo<Scored>; address: PairMemo<Scored> };
  /**
   * A dob after this (ISO) is a child's at the latest event date of the input: the twins and
   * namesakes contradictions concern children. Undefined: they apply at any age.
   */
  childBornAfter?: string;
}

/** The parts of a CompareContext that describe the input; the rest are caches, filled as pairs are compared. */
export type CompareFacts = Pick<CompareContext, 'nicknames' | 'transliterations' | 'givenFrequency' | 'familyFrequency' | 'childBornAfter'>;

/** A comparison context with empty caches, one per thread that compares, memoising comparisons of the sides `sides` prepared. */
export function compareContext(facts: CompareFacts, sides?: SideMemo): CompareContext {
  return {
    ...facts,
    formalsCache: new Map(),
    ...(sides === undefined ? {} : { memos: { sides, given: new PairMemo(), family: new PairMemo(), address: new PairMemo() } }),
  };
}

/** m = P(level | same person), u = P(level | different people); the weight is log2(m/u). */
interface Level {
  m: number;
  u: number;
}

/**
 * The model's agreement levels. The m and u values are set by hand (not trained) and checked on
 * FEBRL and the fixtures; docs/linkage.md explains each choice.
 */
export const LEVELS = {
  given: {
    exact: { m: 0.88, u: 0.005 },
    transliteration: { m: 0.03, u: 0.0003 },
    nickname: { m: 0.04, u: 0.0005 },
    diminutive: { m: 0.01, u: 0.001 },
    nickname_typo: { m: 0.005, u: 0.0003 },
    initial: { m: 0.01, u: 0.0008 },
    'jaro_winkler>=0.92': { m: 0.05, u: 0.002 },
    one_edit: { m: 0.03, u: 0.002 },
    'jaro_winkler>=0.80': { m: 0.02, u: 0.03 },
    disagree: { m: 0.04, u: 0.96 },
  },
  family: {
    exact: { m: 0.88, u: 0.002 },
    transliteration: { m: 0.02, u: 0.0002 },
    partial: { m: 0.03, u: 0.0004 },
    optional_word: { m: 0.02, u: 0.02 },
    'jaro_winkler>=0.92': { m: 0.05, u: 0.002 },
    one_edit: { m: 0.03, u: 0.002 },
    'jaro_winkler>=0.80': { m: 0.02, u: 0.03 },
    disagree: { m: 0.04, u: 0.96 },
  },
  dob: {
    exact: { m: 0.9, u: 0.00015 },
    day_month_swapped: { m: 0.01, u: 0.00015 },
    one_digit: { m: 0.04, u: 0.006 },
    month_compatible: { m: 0.95, u: 0.004 },
    year_compatible: { m: 0.95, u: 0.05 },
    disagree: { m: 0.04, u: 0.99 },
  },
  address: {
    exact: { m: 0.6, u: 0.0005 },
    similar: { m: 0.25, u: 0.004 },
    disagree: { m: 0.15, u: 0.99 },
  },
  postcode: {
    exact: { m: 0.75, u: 0.001 },
    near: { m: 0.1, u: 0.01 },
    district: { m: 0.06, u: 0.01 },
    disagree: { m: 0.09, u: 0.98 },
  },
  nhs_number: {
    exact: { m: 0.999, u: 0.0000001 },
    disagree: { m: 0.0001, u: 1 },
  },
  person_id: {
    exact: { m: 0.99, u: 0.000001 },
    disagree: { m: 0.001, u: 1 },
  },
} as const satisfies Record<string, Record<string, Level>>;

function levelWeight(level: Level): number {
  return Math.log2(level.m / level.u);
}

type LevelName<F extends keyof typeof LEVELS> = keyof (typeof LEVELS)[F] & string;

/** One shared, immutable score per field and level, so scoring a pair allocates none. */
const SCORES = Object.fromEntries(
  Object.entries(LEVELS).map(([field, levels]) => [
    field,
    Object.fromEntries(Object.entries(levels).map(([level, mu]) => [level, Object.freeze({ level, weight: levelWeight(mu) })])),
  ]),
) as { [F in keyof typeof LEVELS]: Record<LevelName<F>, Scored> };

const MISSING: Scored = Object.freeze({ level: 'missing', weight: 0 });

/** Term-frequency adjustment (as Splink's): log2 of the chance agreement over this value's share, bounded. */
function frequencyAdjustment(table: FrequencyTable, value: string): number {
  const share = table.share.get(value);
  if (share === undefined || table.agreeChance === 0) return 0;
  return Math.max(-6, Math.min(4, Math.log2(table.agreeChance / share)));
}

export interface FieldEvidence {
  field: string;
  level: string;
  weight: number;
  values: [string | undefined, string | undefined];
}

export interface Scored {
  readonly level: string;
  readonly weight: number;
}

function jaroWinklerLevel<T extends string>(a: string, b: string): T | undefined {
  const similarity = jaroWinkler(a, b);
  if (similarity >= 0.92) return 'jaro_winkler>=0.92' as T;
  if (similarity >= 0.8) return 'jaro_winkler>=0.80' as T;
  return undefined;
}

/** Sides keyed at or above this are compared without a memo: it bounds the memo's keys. */
const KEY_LIMIT = 1 << 22;

/** A comparison looked up in `memo` by the sides' keys when `sides` prepared both, else made now. */
function memoised<S extends NameSide | AddressSide>(
  memo: PairMemo<Scored> | undefined,
  a: S,
  b: S,
  context: CompareContext,
  compare: (a: S, b: S, context: CompareContext) => Scored,
): Scored {
  const sides = context.memos?.sides;
  if (memo === undefined || a.keyedBy !== sides || b.keyedBy !== sides || a.key >= KEY_LIMIT || b.key >= KEY_LIMIT) return compare(a, b, context);
  let scored = memo.get(a.key, b.key);
  if (scored === undefined) {
    scored = compare(a, b, context);
    memo.set(a.key, b.key, scored);
  }
  return scored;
}

function scoreGiven(a: NameSide, b: NameSide, context: CompareContext): Scored {
  return memoised(context.memos?.given, a, b, context, scoreGivenNow);
}

function scoreFamily(a: NameSide, b: NameSide, context: CompareContext): Scored {
  return memoised(context.memos?.family, a, b, context, scoreFamilyNow);
}

function scoreGivenNow(a: NameSide, b: NameSide, context: CompareContext): Scored {
  if (a.compact === '' || b.compact === '') return MISSING;
  const firstA = a.tokens[0] ?? '';
  const firstB = b.tokens[0] ?? '';
  const exact = (value: string): Scored => ({
    level: 'exact',
    weight: levelWeight(LEVELS.given.exact) + frequencyAdjustment(context.givenFrequency, value),
  });
  if (a.compact === b.compact) return exact(a.compact);
  if (firstA === firstB && firstA.length > 1) return exact(firstA);
  // The same words in another order (Mary Ann, Ann Mary) are the same name.
  if (sameWords(a.tokens, b.tokens)) return exact(a.compact);
  const named = (level: keyof typeof LEVELS.given): Scored => SCORES.given[level];
  if (a.tokens.some((x) => b.tokens.some((y) => areNicknames(context.transliterations, x, y)))) return named('transliteration');
  if (a.tokens.some((x) => b.tokens.some((y) => areNicknames(context.nicknames, x, y)))) return named('nickname');
  if ((firstA.length === 1 || firstB.length === 1) && firstA[0] === firstB[0]) return named('initial');
  const fuzzy = jaroWinklerLevel<'jaro_winkler>=0.92' | 'jaro_winkler>=0.80'>(a.compact, b.compact);
  if (fuzzy !== 'jaro_winkler>=0.92' && Math.min(a.compact.length, b.compact.length) >= 3 && oneEdit(a.compact, b.compact)) {
    return named('one_edit');
  }
  if (fuzzy !== 'jaro_winkler>=0.92' && shareFormalAllowingTypo(a.tokens, b.tokens, context)) return named('nickname_typo');
  if (fuzzy !== 'jaro_winkler>=0.92' && isDiminutive(firstA, firstB)) return named('diminutive');
  return named(fuzzy ?? 'disagree');
}

/** Whether some word of each name stands for one formal name, reading unknown words as typos (Thoms ~ Tommy). */
function shareFormalAllowingTypo(a: readonly string[], b: readonly string[], context: CompareContext): boolean {
  const formals = (token: string): readonly string[] => {
    let cached = context.formalsCache.get(token);
    if (!cached) {
      cached = formalsAllowingTypo(context.nicknames, token);
      context.formalsCache.set(token, cached);
    }
    return cached;
  };
  return a.some((x) => {
    const formalsX = formals(x);
    return formalsX.length > 0 && b.some((y) => formals(y).some((formal) => formalsX.includes(formal)));
  });
}

/** Endings that make a pet name of a name's first letters: Harry of Harrison, Lexie of Lex-. */
const DIMINUTIVE_ENDING = /(?:ie|ey|y|o)$/;

/**
 * Whether one first given name looks like a short form of the other that the nickname table does
 * not list: its first three or more letters (less a pet-name ending) begin the longer name (Eve,
 * Evelyn; Soph, Sophie; Harry, Harrison), four or more stand inside it (Lainey, Elaine), or it
 * ends it with four or more (Nella, Antonella).
 */
function isDiminutive(a: string, b: string): boolean {
  return a !== b && (shortFormOf(a, b) || shortFormOf(b, a));
}

function shortFormOf(short: string, long: string): boolean {
  if (short.length < 3) return false;
  const stem = short.length > 3 ? short.replace(DIMINUTIVE_ENDING, '') : short;
  if (long.length - stem.length < 2) return false;
  return (stem.length >= 3 && long.startsWith(stem)) || (stem.length >= 4 && long.includes(stem)) || (short.length >= 4 && long.length - short.length >= 2 && long.endsWith(short));
}

/** Whether two names have the same words, in any order. */
function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((word, k) => word === sorted[k]);
}

/** A double family name written as one word (HartDavies) beside one of its parts (Hart): four letters or more each. */
function joinedFamily(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.length - short.length >= 4 && (long.startsWith(short) || long.endsWith(short));
}

/**
 * Words that some agencies record as the family name and others leave out or record as a middle
 * name: Sikh (Kaur, Singh) and Bangladeshi and Pakistani (Begum, Bibi, Khatun) naming.
 */
const OPTIONAL_FAMILY_WORDS = new Set(['kaur', 'singh', 'begum', 'bibi', 'khatun', 'khatoon']);

function scoreFamilyNow(a: NameSide, b: NameSide, context: CompareContext): Scored {
  if (a.compact === '' || b.compact === '') return MISSING;
  if (a.compact === b.compact) {
    return {
      level: 'exact',
      weight: levelWeight(LEVELS.family.exact) + frequencyAdjustment(context.familyFrequency, a.compact),
    };
  }
  const named = (level: keyof typeof LEVELS.family): Scored => SCORES.family[level];
  const coreA = a.tokens.filter((token) => !OPTIONAL_FAMILY_WORDS.has(token));
  const coreB = b.tokens.filter((token) => !OPTIONAL_FAMILY_WORDS.has(token));
  // Kaur on one side, Sandhu on the other: one agency recorded only the optional word, which says nothing either way.
  if ((coreA.length === 0) !== (coreB.length === 0)) return named('optional_word');
  if (sameWords(a.tokens, b.tokens)) return named('partial');
  // A shared optional word (Kaur Sandhu, Kaur Gill) is no shared family.
  if (coreA.some((token) => token.length > 1 && coreB.includes(token))) return named('partial');
  if (joinedFamily(a.compact, b.compact)) return named('partial');
  if (a.tokens.some((x) => b.tokens.some((y) => areNicknames(context.transliterations, x, y)))) return named('transliteration');
  const fuzzy = jaroWinklerLevel<'jaro_winkler>=0.92' | 'jaro_winkler>=0.80'>(a.compact, b.compact);
  if (fuzzy !== 'jaro_winkler>=0.92' && Math.min(a.compact.length, b.compact.length) >= 3 && oneEdit(a.compact, b.compact)) {
    return named('one_edit');
  }
  return named(fuzzy ?? 'disagree');
}

/**
 * What a name level says about two names: `same` (one name, however spelt), `variant` (a
 * nickname of it), `initial`, `differs`, or `missing` (nothing to compare, or only an optional
 * word). Every rule that asks whether names agree asks this, and nothing else.
 */
export type NameAgreement = 'same' | 'variant' | 'initial' | 'differs' | 'missing';

const NAME_AGREEMENT: Readonly<Record<string, NameAgreement>> = {
  exact: 'same',
  transliteration: 'same',
  partial: 'same',
  'jaro_winkler>=0.92': 'same',
  one_edit: 'same',
  swapped: 'same',
  nickname: 'variant',
  diminutive: 'variant',
  nickname_typo: 'variant',
  initial: 'initial',
  'jaro_winkler>=0.80': 'differs',
  disagree: 'differs',
  missing: 'missing',
  optional_word: 'missing',
};

export function nameAgreement(level: string): NameAgreement {
  const agreement = NAME_AGREEMENT[level];
  if (agreement === undefined) throw new RangeError(`unknown name level ${level}`);
  return agreement;
}

/** The same name or a nickname of it. */
export function namesAgree(level: string): boolean {
  const agreement = nameAgreement(level);
  return agreement === 'same' || agreement === 'variant';
}
/** Bits taken off a swapped name's weight: a swap is itself a (small) data-quality defect. */
const SWAP_PENALTY = 1;

/** Sets the given and family name scores, taking the swapped reading (given ↔ family) when it fits better. */
function scoreNames(a: Identity, b: Identity, context: CompareContext, score: PairScore): void {
  const given = scoreGiven(a.given, b.given, context);
  const family = scoreFamily(a.family, b.family, context);
  score.given = given;
  score.family = family;
  if (given.level === 'exact' && family.level === 'exact') return;
  const crossGiven = scoreGiven(a.given, b.family, context);
  // Most pairs end here: the other cross comparison is only needed when this one is strong.
  if (!namesAgree(crossGiven.level)) return;
  const crossFamily = scoreFamily(a.family, b.given, context);
  if (!namesAgree(crossFamily.level)) return;
  const swappedTotal = crossGiven.weight + crossFamily.weight - 2 * SWAP_PENALTY;
  if (swappedTotal <= given.weight + family.weight) return;
  score.given = { level: 'swapped', weight: crossGiven.weight - SWAP_PENALTY };
  score.family = { level: 'swapped', weight: crossFamily.weight - SWAP_PENALTY };
}

/** Whether characters [from, from + 2) of `a` equal [at, at + 2) of `b`. */
function samePair(a: string, from: number, b: string, at: number): boolean {
  return a.charCodeAt(from) === b.charCodeAt(at) && a.charCodeAt(from + 1) === b.charCodeAt(at + 1);
}

/** The dob and postcode levels, read once: these comparisons run for every candidate pair. */
const DOB = SCORES.dob;
const POSTCODE = SCORES.postcode;

function compareDob(identityA: Identity, identityB: Identity): Scored {
  const a = identityA.dob;
  const b = identityB.dob;
  if (a === undefined || b === undefined) return MISSING;
  if (a === b) return a.length === 10 ? DOB.exact : a.length === 7 ? DOB.month_compatible : DOB.year_compatible;
  if (a.length === 10 && b.length === 10) {
    if (samePair(a, 0, b, 0) && samePair(a, 2, b, 2) && samePair(a, 5, b, 8) && samePair(a, 8, b, 5)) return DOB.day_month_swapped;
    return oneEdit(identityA.dobDigits!, identityB.dobDigits!) ? DOB.one_digit : DOB.disagree;
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  if (!longer.startsWith(shorter)) return DOB.disagree;
  return shorter.length === 7 ? DOB.month_compatible : DOB.year_compatible;
}

function tokenOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function compareAddress(a: AddressSide, b: AddressSide, context: CompareContext): Scored {
  if (a.normalised === '' || b.normalised === '') return MISSING;
  if (a.normalised === b.normalised) return SCORES.address.exact;
  return memoised(context.memos?.address, a, b, context, compareAddressNow);
}

/** Two different addresses: similar by either measure (the cheaper word overlap tried first). */
function compareAddressNow(a: AddressSide, b: AddressSide): Scored {
  const similar = tokenOverlap(a.words, b.words) >= 0.6 || jaroWinkler(a.normalised, b.normalised) >= 0.9;
  return SCORES.address[similar ? 'similar' : 'disagree'];
}

function comparePostcode(a: PostcodeSide, b: PostcodeSide): Scored {
  if (a.compact === '' || b.compact === '') return MISSING;
  if (a.compact === b.compact) return POSTCODE.exact;
  const sameSector = a.compact.length > 3 && b.compact.length > 3 && a.sector === b.sector;
  if (sameSector || withinOneEdit(a.compact, b.compact)) return POSTCODE.near;
  // The outward code (LS6 of LS6 1AA): a move within the district, common among families known to services.
  return a.district !== '' && a.district === b.district ? POSTCODE.district : POSTCODE.disagree;
}


/** The weight of a contradiction (twins, namesakes): as strong as two different NHS numbers. */
export const CONTRADICTION_WEIGHT = -20;

/**
 * The patterns of two different children that the field weights alone could miss, because family
 * name, address and postcode are shared by a household (one of the dobs must be a child's):
 * twins: family name agrees, dob agrees exactly, given names differ (not a nickname or a near typo);
 * namesakes: given and family names agree, dates of birth clearly differ (not swapped, not one digit out).
 */
function contradiction(score: PairScore, a: Identity, b: Identity, childBornAfter: string | undefined): 'twins' | 'namesakes' | undefined {
  if (!namesAgree(score.family.level)) return undefined;
  const child = (value: string | undefined) => childBornAfter === undefined || (value !== undefined && value > childBornAfter);
  if (!child(a.dob) && !child(b.dob)) return undefined;
  if (score.dob.level === 'exact' && nameAgreement(score.given.level) === 'differs') return 'twins';
  if (score.dob.level === 'disagree' && namesAgree(score.given.level)) return 'namesakes';
  return undefined;
}

/** The field-by-field evidence for two identities. */
export interface HouseholdRules {
  /** Whether the input may hold several members of one household (see LinkSettings.households). */
  households: boolean;
  householdCap: number;
}

/** A pair's levels and weights without evidence objects: what the scoring pass needs for every candidate pair. */
export interface PairScore {
  nhs: Scored | undefined;
  personId: Scored | undefined;
  given: Scored;
  family: Scored;
  dob: Scored;
  address: Scored;
  postcode: Scored;
  /** The (negative) weight that brings family name, address and postcode down to the household cap. */
  householdCap: number | undefined;
  contradiction: 'twins' | 'namesakes' | undefined;
  /** The prior plus every weight above, added in this order (the order of the evidence fields). */
  weight: number;
}

export type LinkRule = 'nhs_number' | 'agency_person_id' | 'score';

/** What makes a pair two people whatever its weight says. */
export type Contradiction = 'nhs_number' | 'person_id' | 'twins' | 'namesakes';

/** A shared NHS number, or (without NHS numbers) one agency's person_id: linked whatever the weights say. */
export function ruleOf(score: PairScore): LinkRule {
  if (score.nhs?.level === 'exact') return 'nhs_number';
  return score.nhs === undefined && score.personId?.level === 'exact' ? 'agency_person_id' : 'score';
}

export function isDeterministic(score: PairScore): boolean {
  return score.nhs?.level === 'exact' || (score.nhs === undefined && score.personId?.level === 'exact');
}

/** Different NHS numbers or person_ids of one agency, or the twins or namesakes pattern. */
export function contradictionOf(score: PairScore): Contradiction | undefined {
  if (score.nhs?.level === 'disagree') return 'nhs_number';
  if (score.personId?.level === 'disagree') return 'person_id';
  return score.contradiction;
}

/** The one decision on a scored pair, before clustering: deterministic, or uncontradicted and at or above the threshold. */
export function linksOnItsOwn(score: PairScore, matchThreshold: number): boolean {
  if (isDeterministic(score)) return true;
  return contradictionOf(score) === undefined && probabilityOf(score.weight) >= matchThreshold;
}

/**
 * A pair that may join a record with no dob to the one person its name fits: names agree, no dob
 * to compare, nothing contradicts, and not at another address in another postcode. Clustering decides, once it knows how many persons fit.
 */
export function joinsByNameOnly(score: PairScore): boolean {
  return (
    score.dob === MISSING &&
    score.nhs === undefined &&
    namesAgree(score.given.level) &&
    namesAgree(score.family.level) &&
    contradictionOf(score) === undefined &&
    // Somewhere else altogether (address and postcode both differ) is a different person as often as a move.
    (score.address.level !== 'disagree' || score.postcode.level !== 'disagree')
  );
}

export function emptyPairScore(): PairScore {
  return {
    nhs: undefined,
    personId: undefined,
    given: MISSING,
    family: MISSING,
    dob: MISSING,
    address: MISSING,
    postcode: MISSING,
    householdCap: undefined,
    contradiction: undefined,
    weight: 0,
  };
}

/** The most an address comparison can add: the bound that lets the scoring pass skip it. */
const MAX_ADDRESS_WEIGHT = SCORES.address.exact.weight;

/**
 * Scores a pair into `score` (reused by the scoring pass, so that millions of candidate pairs
 * allocate nothing). A pair whose weight cannot reach `floor` whatever its address says (the
 * household cap included) is left with `weight` -Infinity and its address unscored: most
 * candidate pairs end there.
 */
export function scoreIdentities(
  a: Identity,
  b: Identity,
  context: CompareContext,
  rules: HouseholdRules,
  prior: number,
  score: PairScore = emptyPairScore(),
  floor = -Infinity,
): PairScore {
  score.nhs = a.nhs !== undefined && b.nhs !== undefined ? SCORES.nhs_number[a.nhs === b.nhs ? 'exact' : 'disagree'] : undefined;
  score.personId =
    a.personId !== undefined && b.personId !== undefined && a.agency === b.agency
      ? SCORES.person_id[a.personId === b.personId ? 'exact' : 'disagree']
      : undefined;
  scoreNames(a, b, context, score);
  const { given, family } = score;
  score.dob = compareDob(a, b);
  score.postcode = comparePostcode(a.postcode, b.postcode);
  score.householdCap = undefined;
  score.contradiction = undefined;
  let weight = prior;
  if (score.nhs !== undefined) weight += score.nhs.weight;
  if (score.personId !== undefined) weight += score.personId.weight;
  const deterministic = isDeterministic(score);
  // With the household cap, an address adds at most what is left under the cap by family name and postcode.
  const addressAtMost = rules.households
    ? Math.min(MAX_ADDRESS_WEIGHT, rules.householdCap - Math.max(0, family.weight) - Math.max(0, score.postcode.weight))
    : MAX_ADDRESS_WEIGHT;
  if (!deterministic && weight + given.weight + family.weight + score.dob.weight + score.postcode.weight + addressAtMost < floor) {
    score.address = MISSING;
    score.weight = -Infinity;
    return score;
  }
  score.address = compareAddress(a.address, b.address, context);
  score.weight = weight + given.weight + family.weight + score.dob.weight + score.address.weight + score.postcode.weight;
  if (!rules.households) return score;
  let household = 0;
  if (family.weight > 0) household += family.weight;
  if (score.address.weight > 0) household += score.address.weight;
  if (score.postcode.weight > 0) household += score.postcode.weight;
  if (household > rules.householdCap) {
    score.householdCap = rules.householdCap - household;
    score.weight += score.householdCap;
  }
  score.contradiction = contradiction(score, a, b, context.childBornAfter);
  if (score.contradiction !== undefined) score.weight += CONTRADICTION_WEIGHT;
  return score;
}

/** A scored pair as evidence a reader can follow: one entry per field. */
export function evidenceFields(score: PairScore, a: Identity, b: Identity, rules: HouseholdRules): FieldEvidence[] {
  const fields: FieldEvidence[] = [];
  if (score.nhs) fields.push({ field: 'nhs_number', ...score.nhs, values: [a.nhs, b.nhs] });
  if (score.personId) fields.push({ field: 'person_id', ...score.personId, values: [a.personId, b.personId] });
  fields.push(
    { field: 'given_name', ...score.given, values: [a.given.raw, b.given.raw] },
    { field: 'family_name', ...score.family, values: [a.family.raw, b.family.raw] },
    { field: 'dob', ...score.dob, values: [a.dob, b.dob] },
    { field: 'address', ...score.address, values: [a.address.raw, b.address.raw] },
    { field: 'postcode', ...score.postcode, values: [a.postcode.raw, b.postcode.raw] },
  );
  if (score.householdCap !== undefined) {
    fields.push({ field: 'household', level: `capped_at_${rules.householdCap}`, weight: score.householdCap, values: [undefined, undefined] });
  }
  if (score.contradiction === 'twins') {
    fields.push({ field: 'contradiction', level: 'twins', weight: CONTRADICTION_WEIGHT, values: [a.given.raw, b.given.raw] });
  }
  if (score.contradiction === 'namesakes') {
    fields.push({ field: 'contradiction', level: 'namesakes', weight: CONTRADICTION_WEIGHT, values: [a.dob, b.dob] });
  }
  return fields;
}
