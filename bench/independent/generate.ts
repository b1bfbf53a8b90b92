/**
 * Independent evaluation data for person linkage and event merging (issue 16): seeded,
 * deterministic multi-agency safeguarding exports with their truth. Written without reading
 * src/link or bench/synthetic, so the linker cannot have been tuned to these habits.
 * Usage: node dist/bench/independent/generate.js --seed 1 --families 40 --out DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CULTURE_WEIGHTS, LISTED_SHORT, POOLS, SIMILAR_TWINS, STREETS, STREET_KINDS, TOWNS, TRANSLITERATIONS,
  UNLISTED_SHORT, fold, type Culture,
} from './names.js';

/** Tunable rates of each habit; the defaults sit in the ranges issue 16 gives. */
export interface Rates {
  /** school rows with a name and no date of birth (issue: 15-20%) */
  nameOnlySchool: number;
  /** of children whose name has a short form absent from data/nicknames.csv (Bela for Isabella),
   * the share of school, health and children's social care clusters that use it */
  unlistedNickname: number;
  /** the same for a short form the table lists (Tom for Thomas) */
  listedNickname: number;
  /** (agency, person) clusters that write a hyphenated or apostrophe name another way (OBrien, Smith Jones, Jones) */
  hyphenApostrophe: number;
  /** records whose given name is only an initial (police and children's social care) */
  initialOnly: number;
  /** (agency, person) clusters of 2+ records where one record has a typo'd name or a nickname */
  typoInCluster: number;
  /** records whose date of birth has one digit wrong */
  dobTypo: number;
  /** records whose date of birth has day and month swapped (where both are 12 or under) */
  dobSwap: number;
  /** records with an unrelated, wrong date of birth */
  dobWrong: number;
  /** records without a date of birth (besides the name-only school rows) */
  missingDob: number;
  missingAddress: number;
  missingPostcode: number;
  missingPersonId: number;
  /** records of an agency that knows the NHS number, without it */
  missingNhs: number;
  /** records written all in capitals (housing and adult social care) */
  allCaps: number;
  /** descriptions holding a line break (a quoted newline in the CSV) */
  quotedNewline: number;
  /** rows exported twice (same record id) */
  exportDuplicate: number;
  /** occurrences repeated by the same agency 2-3 days later (two true occurrences) */
  repeatNear: number;
  /** records after a move that still carry the old address */
  staleAddress: number;
  /** families with twins */
  twins: number;
  /** of twins, the share with look-alike names (Olivia/Oliver) */
  similarTwins: number;
  /** families with a father and son of one name */
  fatherSon: number;
  /** families with a same-named cousin living in */
  cousin: number;
  /** mothers whose family name changes on marriage during the period */
  nameChange: number;
  /** (agency, person) clusters of a Chinese name written family name first */
  nameOrder: number;
  /** (agency, person) clusters of a non-ASCII name written with folded letters */
  folded: number;
}

export const DEFAULT_RATES: Rates = {
  nameOnlySchool: 0.17,
  unlistedNickname: 0.5,
  listedNickname: 0.5,
  hyphenApostrophe: 0.5,
  initialOnly: 0.01,
  typoInCluster: 0.12,
  dobTypo: 0.025,
  dobSwap: 0.015,
  dobWrong: 0.008,
  missingDob: 0.03,
  missingAddress: 0.05,
  missingPostcode: 0.06,
  missingPersonId: 0.02,
  missingNhs: 0.06,
  allCaps: 0.25,
  quotedNewline: 0.04,
  exportDuplicate: 0.01,
  repeatNear: 0.03,
  staleAddress: 0.3,
  twins: 0.1,
  similarTwins: 0.4,
  fatherSon: 0.06,
  cousin: 0.05,
  nameChange: 0.12,
  nameOrder: 0.4,
  folded: 0.4,
};

export const AGENCIES = ['Police', 'Health', 'School', "Children's Social Care", 'Housing', 'Adult Social Care'] as const;
export type Agency = (typeof AGENCIES)[number];

/** Seeds to tune against; the confirmation seeds must never be used for tuning. */
export const TUNING_SEEDS: readonly { seed: number; families: number }[] = [
  { seed: 1, families: 40 },
  { seed: 2, families: 150 },
  { seed: 3, families: 400 },
];
export const CONFIRMATION_SEEDS: readonly { seed: number; families: number }[] = [
  { seed: 901, families: 150 },
  { seed: 902, families: 400 },
];

export interface GenerateOptions {
  seed: number;
  families: number;
  rates?: Partial<Rates>;
}

export interface TruthRow {
  file: string;
  line: number;
  person: string;
  occurrence: string;
  agency: Agency;
  record_id: string;
  tags: string[];
}

/** One true person, as the generator made them (before any agency's habits). */
export interface PersonTruth {
  person: string;
  household: string;
  role: 'mother' | 'father' | 'child' | 'cousin';
  given: string;
  family: string;
  dob: string;
  nhs: string;
  /** the household's address when the period starts */
  address: string;
  tags: string[];
}

export interface Dataset {
  files: { name: string; content: string }[];
  truth: TruthRow[];
  persons: PersonTruth[];
}

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through splitmix32, so nearby seeds give unrelated streams.

class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.float();
  }

  float(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.float() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}

// ---------------------------------------------------------------------------------------------
// Days as integers since 1970-01-01 (UTC), so no time zone can move a date.

const DAY_MS = 86_400_000;
const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;
function ymd(n: number): { y: number; m: number; d: number } {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
const validYmd = (y: number, m: number, d: number): boolean => {
  if (m < 1 || m > 12 || d < 1) return false;
  const back = ymd(day(y, m, d));
  return back.y === y && back.m === m && back.d === d;
};
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Ymd {
  y: number;
  m: number;
  d: number;
}
const iso = (v: Ymd): string => `${v.y}-${pad(v.m)}-${pad(v.d)}`;
const dmy = (v: Ymd): string => `${pad(v.d)}/${pad(v.m)}/${v.y}`;
const dMonY = (v: Ymd): string => `${v.d} ${MONTHS[v.m - 1]} ${v.y}`;
const ddMonY = (v: Ymd): string => `${pad(v.d)}-${MONTHS[v.m - 1]}-${v.y}`;
const dMonthY = (v: Ymd): string => `${v.d} ${LONG_MONTHS[v.m - 1]} ${v.y}`;
const time = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

const PERIOD_START = day(2019, 1, 1);
const PERIOD_END = day(2024, 12, 31);

// ---------------------------------------------------------------------------------------------
// People and families

type Role = 'mother' | 'father' | 'child' | 'cousin';

interface Address {
  from: number;
  number: number;
  flat: number | null;
  street: string;
  kind: readonly [string, string];
  town: string;
  postcode: string;
}

interface Person {
  key: string;
  family: Family;
  role: Role;
  sex: 'F' | 'M';
  culture: Culture;
  given: string;
  familyName: string;
  dob: number;
  nhs: string;
  /** Kaur / Singh / Begum / Bibi, used as a surname by some agencies */
  optionalWord: string | null;
  /** a Somali child's patronymic: the father's given name */
  patronymic: string | null;
  /** family name after marriage, and the day of it */
  married: { name: string; on: number } | null;
  /** tags on every record of this person */
  tags: Set<string>;
}

interface Family {
  key: string;
  culture: Culture;
  members: Person[];
  addresses: Address[];
  householdNo: number;
}

const ageOn = (p: Person, on: number): number => {
  const a = ymd(p.dob);
  const b = ymd(on);
  return b.y - a.y - (b.m < a.m || (b.m === a.m && b.d < a.d) ? 1 : 0);
};

function nhsNumber(rng: Random, used: Set<string>): string {
  for (;;) {
    const digits = [rng.int(4, 7), ...Array.from({ length: 8 }, () => rng.int(0, 9))];
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const value = digits.join('') + String(check === 11 ? 0 : check);
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
function postcode(rng: Random): string {
  const area = rng.pick(['DN', 'HX', 'HD', 'WF', 'BD', 'LS', 'S', 'YO']);
  const letters = POSTCODE_LETTERS[rng.int(0, 19)]! + POSTCODE_LETTERS[rng.int(0, 19)]!;
  return `${area}${rng.int(1, 19)} ${rng.int(0, 9)}${letters}`;
}

function address(rng: Random, from: number): Address {
  return {
    from,
    number: rng.int(1, 180),
    flat: rng.chance(0.2) ? rng.int(1, 12) : null,
    street: rng.pick(STREETS),
    kind: rng.pick(STREET_KINDS),
    town: rng.pick(TOWNS),
    postcode: postcode(rng),
  };
}

function addressOn(family: Family, on: number): { current: Address; previous: Address | null; sinceMove: number } {
  let current = family.addresses[0]!;
  let previous: Address | null = null;
  for (const a of family.addresses) {
    if (a.from <= on) {
      previous = a === family.addresses[0] ? null : current;
      current = a;
    }
  }
  return { current, previous, sinceMove: on - current.from };
}

function translitGroup(name: string): readonly string[] | undefined {
  return TRANSLITERATIONS.find((g) => g[0] === name);
}

function buildFamilies(rng: Random, count: number, rates: Rates): Family[] {
  const usedNhs = new Set<string>();
  const families: Family[] = [];
  // Household habits go to a fixed number of families, so small data sets still hold their share.
  const quota = (rate: number): Set<number> => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, Math.round(rate * count))) chosen.add(rng.int(0, count - 1));
    return chosen;
  };
  const twinFamilies = quota(rates.twins);
  const fatherSonFamilies = quota(rates.fatherSon);
  const cousinFamilies = quota(rates.cousin);
  const nameChangeFamilies = quota(rates.nameChange);
  for (let f = 0; f < count; f++) {
    const culture = rng.weighted(CULTURE_WEIGHTS);
    const pool = POOLS[culture];
    const key = `F${pad(f + 1, 4)}`;
    const addresses = [address(rng, PERIOD_START - 2000)];
    const moves = rng.weighted([[0, 35], [1, 40], [2, 20], [3, 5]] as const);
    for (let i = 0; i < moves; i++) addresses.push(address(rng, rng.int(PERIOD_START + 60, PERIOD_END - 60)));
    addresses.sort((a, b) => a.from - b.from);
    const family: Family = { key, culture, members: [], addresses, householdNo: rng.int(10000, 99999) };
    const familyName = rng.pick(pool.family);
    const motherDob = day(rng.int(1976, 2001), rng.int(1, 12), rng.int(1, 28));
    const person = (role: Role, sex: 'F' | 'M', given: string, fam: string, dob: number): Person => {
      const p: Person = {
        key: `${key}-${role === 'mother' ? 'M' : role === 'father' ? 'F' : role === 'cousin' ? 'X' : 'C'}${family.members.length + 1}`,
        family, role, sex, culture, given, familyName: fam, dob, nhs: nhsNumber(rng, usedNhs),
        optionalWord: null, patronymic: null, married: null, tags: new Set(),
      };
      family.members.push(p);
      return p;
    };
    const fatherSon = fatherSonFamilies.has(f);
    const twins = twinFamilies.has(f);
    const twoParents = fatherSon || rng.chance(0.6);
    // Somali mothers keep their own family name; Sikh and Muslim mothers may carry Kaur or Begum.
    const mother = person('mother', 'F', rng.pick(pool.female), culture === 'somali' ? rng.pick(pool.family) : familyName, motherDob);
    if (culture === 'sikh') mother.optionalWord = 'Kaur';
    if (culture === 'south-asian-muslim' && rng.chance(0.6)) mother.optionalWord = rng.pick(['Begum', 'Bibi']);
    const father = twoParents
      ? person('father', 'M', rng.pick(pool.male), familyName, day(ymd(motherDob).y + rng.int(-4, 6), rng.int(1, 12), rng.int(1, 28)))
      : null;
    if (father && culture === 'sikh') father.optionalWord = 'Singh';
    if (nameChangeFamilies.has(f) && culture !== 'somali') {
      const newName = rng.pick(POOLS[culture].family.filter((n) => n !== familyName));
      mother.married = { name: newName, on: rng.int(PERIOD_START + 200, PERIOD_END - 200) };
      mother.tags.add('name-change');
    }
    const drawn = rng.weighted([[1, 30], [2, 32], [3, 22], [4, 11], [5, 5]] as const);
    // Twins need two children, and a son named after his father one more besides them.
    const children = Math.max(drawn, (twins ? 2 : 0) + (fatherSon ? 1 : 0));
    const lastBirth = Math.min(PERIOD_END - 365, motherDob + 365 * 44);
    const firstBirth = Math.min(motherDob + 365 * rng.int(17, 24), lastBirth - 365);
    const takenGiven = new Set<string>([mother.given, ...(father ? [father.given] : [])]);
    const childName = (sex: 'F' | 'M'): string => {
      const names = sex === 'F' ? pool.female : pool.male;
      for (let i = 0; i < 20; i++) {
        const n = rng.pick(names);
        if (!takenGiven.has(n)) return n;
      }
      const free = names.filter((n) => !takenGiven.has(n));
      return rng.pick(free.length > 0 ? free : names);
    };
    let twinsMade = false;
    for (let c = 0; c < children; c++) {
      const dob = rng.int(Math.max(firstBirth, day(2003, 1, 1)), lastBirth);
      if (twins && !twinsMade && c + 1 < children) {
        twinsMade = true;
        let a: [string, 'F' | 'M'];
        let b: [string, 'F' | 'M'];
        if (culture === 'british' && rng.chance(rates.similarTwins)) {
          const pair = rng.pick(SIMILAR_TWINS);
          a = [pair[0], pair[2]];
          b = [pair[1], pair[3]];
        } else {
          const sa = rng.chance(0.5) ? 'F' : 'M';
          const sb = rng.chance(0.5) ? 'F' : 'M';
          a = [childName(sa), sa];
          takenGiven.add(a[0]);
          b = [childName(sb), sb];
        }
        for (const [given, sex] of [a, b]) {
          takenGiven.add(given);
          person('child', sex, given, familyName, dob).tags.add('twin');
        }
        c++;
        continue;
      }
      const sex = fatherSon && !family.members.some((m) => m.tags.has('namesake')) ? 'M' : rng.chance(0.5) ? 'F' : 'M';
      const useFatherName = fatherSon && sex === 'M' && father !== null && !family.members.some((m) => m.tags.has('namesake'));
      const given = useFatherName ? father.given : childName(sex);
      takenGiven.add(given);
      const child = person('child', sex, given, familyName, dob);
      if (useFatherName) {
        child.tags.add('namesake');
        father.tags.add('namesake');
      }
    }
    const kids = family.members.filter((m) => m.role === 'child');
    if (kids.length > 0 && cousinFamilies.has(f)) {
      // A cousin of the same name lives with the family (a sister's child, given the same family name).
      const namesake = rng.pick(kids);
      const dob = Math.min(PERIOD_END - 400, namesake.dob + rng.pick([-1, 1]) * rng.int(300, 1100));
      const cousin = person('cousin', namesake.sex, namesake.given, namesake.familyName, dob);
      cousin.tags.add('namesake');
      namesake.tags.add('namesake');
    }
    for (const m of family.members) {
      if (culture === 'sikh' && m.role !== 'mother' && m.role !== 'father') m.optionalWord = m.sex === 'F' ? 'Kaur' : 'Singh';
      if (culture === 'somali' && father && (m.role === 'child' || m.role === 'cousin')) {
        m.patronymic = father.given;
        m.tags.add('patronymic');
      }
      if (m.optionalWord !== null) m.tags.add('kaur-singh');
      if (/[^\x20-\x7e]/.test(m.given + m.familyName)) m.tags.add('unicode');
      if (/['-]/.test(m.given + m.familyName)) m.tags.add('hyphen-apostrophe');
      if (translitGroup(m.given) || translitGroup(m.familyName)) m.tags.add('transliteration');
      if (culture === 'chinese') m.tags.add('name-order');
    }
    families.push(family);
  }
  return families;
}

// ---------------------------------------------------------------------------------------------
// Occurrences: what happened, to whom, and which agencies recorded it

interface Recording {
  agency: Agency;
  p: number;
  lag: readonly [number, number];
  /** who of the occurrence's persons this agency records */
  who?: (p: Person, on: number) => boolean;
}

interface Kind {
  type: string;
  weight: number;
  /** the persons involved, or none when the family has nobody it fits */
  persons: (rng: Random, f: Family, on: number) => Person[];
  agencies: readonly Recording[];
}

const isChild = (p: Person): boolean => p.role === 'child' || p.role === 'cousin';
const isAdult = (p: Person): boolean => !isChild(p);
const alive = (p: Person, on: number): boolean => p.dob <= on;
const schoolAge = (p: Person, on: number): boolean => isChild(p) && ageOn(p, on) >= 4 && ageOn(p, on) <= 16;
const under5 = (p: Person, on: number): boolean => isChild(p) && ageOn(p, on) < 5;
const teen = (p: Person, on: number): boolean => isChild(p) && ageOn(p, on) >= 11 && ageOn(p, on) <= 17;
const childrenOf = (f: Family, on: number): Person[] => f.members.filter((m) => isChild(m) && alive(m, on) && ageOn(m, on) < 18);
const oneOf = (rng: Random, people: Person[]): Person[] => (people.length === 0 ? [] : [rng.pick(people)]);

const KINDS: readonly Kind[] = [
  {
    type: 'domestic_abuse', weight: 10,
    persons: (_r, f, on) => f.members.filter((m) => alive(m, on) && (isAdult(m) || ageOn(m, on) < 18)),
    agencies: [
      { agency: 'Police', p: 0.9, lag: [0, 0] },
      { agency: "Children's Social Care", p: 0.7, lag: [1, 2], who: (p, on) => isChild(p) && ageOn(p, on) < 18 },
      { agency: 'School', p: 0.35, lag: [1, 3], who: schoolAge },
      { agency: 'Health', p: 0.25, lag: [1, 3], who: (p, on) => under5(p, on) || p.role === 'mother' },
    ],
  },
  {
    type: 'referral', weight: 8,
    persons: (r, f, on) => oneOf(r, childrenOf(f, on)),
    agencies: [
      { agency: 'School', p: 0.5, lag: [0, 0], who: schoolAge },
      { agency: "Children's Social Care", p: 0.9, lag: [0, 1] },
      { agency: 'Health', p: 0.2, lag: [0, 1] },
    ],
  },
  {
    type: 'missing_episode', weight: 4,
    persons: (r, f, on) => oneOf(r, f.members.filter((m) => alive(m, on) && teen(m, on))),
    agencies: [
      { agency: 'Police', p: 0.9, lag: [0, 0] },
      { agency: "Children's Social Care", p: 0.6, lag: [1, 2] },
      { agency: 'School', p: 0.4, lag: [0, 2], who: schoolAge },
    ],
  },
  {
    type: 'injury', weight: 4,
    persons: (r, f, on) => oneOf(r, childrenOf(f, on)),
    agencies: [
      { agency: 'Health', p: 0.9, lag: [0, 0] },
      { agency: 'School', p: 0.4, lag: [0, 1], who: schoolAge },
      { agency: "Children's Social Care", p: 0.3, lag: [1, 3] },
    ],
  },
  {
    type: 'neglect', weight: 6,
    persons: (r, f, on) => (r.chance(0.5) ? childrenOf(f, on) : oneOf(r, childrenOf(f, on))),
    agencies: [
      { agency: 'School', p: 0.7, lag: [0, 0], who: schoolAge },
      { agency: 'Health', p: 0.4, lag: [0, 2] },
      { agency: "Children's Social Care", p: 0.4, lag: [1, 3] },
    ],
  },
  {
    type: 'strategy_meeting', weight: 3,
    persons: (r, f, on) => oneOf(r, childrenOf(f, on)),
    agencies: [
      { agency: "Children's Social Care", p: 0.95, lag: [0, 0] },
      { agency: 'Police', p: 0.6, lag: [0, 0] },
      { agency: 'Health', p: 0.5, lag: [0, 0] },
      { agency: 'School', p: 0.5, lag: [0, 0], who: schoolAge },
    ],
  },
  {
    type: 'self_harm', weight: 3,
    persons: (r, f, on) => oneOf(r, f.members.filter((m) => alive(m, on) && teen(m, on))),
    agencies: [
      { agency: 'Health', p: 0.8, lag: [0, 0] },
      { agency: 'School', p: 0.5, lag: [0, 2], who: schoolAge },
      { agency: "Children's Social Care", p: 0.3, lag: [1, 3] },
    ],
  },
  {
    type: 'exploitation', weight: 2,
    persons: (r, f, on) => oneOf(r, f.members.filter((m) => alive(m, on) && teen(m, on))),
    agencies: [
      { agency: 'Police', p: 0.7, lag: [0, 0] },
      { agency: "Children's Social Care", p: 0.8, lag: [0, 2] },
    ],
  },
  {
    type: 'physical_abuse', weight: 3,
    persons: (r, f, on) => oneOf(r, childrenOf(f, on)),
    agencies: [
      { agency: 'Police', p: 0.6, lag: [0, 0] },
      { agency: "Children's Social Care", p: 0.8, lag: [0, 1] },
      { agency: 'Health', p: 0.5, lag: [0, 1] },
    ],
  },
  {
    type: 'parental_substance_misuse', weight: 4,
    persons: (r, f) => oneOf(r, f.members.filter(isAdult)),
    agencies: [
      { agency: 'Police', p: 0.5, lag: [0, 0] },
      { agency: 'Health', p: 0.5, lag: [0, 3] },
      { agency: 'Adult Social Care', p: 0.3, lag: [1, 3] },
    ],
  },
  {
    type: 'strength', weight: 3,
    persons: (r, f, on) => oneOf(r, childrenOf(f, on)),
    agencies: [
      { agency: 'School', p: 0.6, lag: [0, 0], who: schoolAge },
      { agency: "Children's Social Care", p: 0.5, lag: [0, 2] },
    ],
  },
  // Single-agency occurrences
  { type: 'missed_appointment', weight: 10, persons: (r, f, on) => oneOf(r, f.members.filter((m) => alive(m, on))), agencies: [{ agency: 'Health', p: 1, lag: [0, 0] }] },
  { type: 'school_absence', weight: 8, persons: (r, f, on) => oneOf(r, f.members.filter((m) => schoolAge(m, on))), agencies: [{ agency: 'School', p: 1, lag: [0, 0] }] },
  { type: 'behaviour_concern', weight: 4, persons: (r, f, on) => oneOf(r, f.members.filter((m) => schoolAge(m, on))), agencies: [{ agency: 'School', p: 1, lag: [0, 0] }] },
  { type: 'developmental_concern', weight: 2, persons: (r, f, on) => oneOf(r, f.members.filter((m) => alive(m, on) && under5(m, on))), agencies: [{ agency: 'Health', p: 1, lag: [0, 0] }] },
  { type: 'health_concern', weight: 3, persons: (r, f, on) => oneOf(r, f.members.filter((m) => alive(m, on))), agencies: [{ agency: 'Health', p: 1, lag: [0, 0] }] },
  { type: 'housing', weight: 3, persons: (r, f) => oneOf(r, f.members.filter(isAdult)), agencies: [{ agency: 'Housing', p: 1, lag: [0, 0] }] },
  { type: 'poverty', weight: 2, persons: (r, f) => oneOf(r, f.members.filter(isAdult)), agencies: [{ agency: 'Housing', p: 1, lag: [0, 0] }] },
  { type: 'assessment', weight: 3, persons: (r, f, on) => oneOf(r, childrenOf(f, on)), agencies: [{ agency: "Children's Social Care", p: 1, lag: [0, 0] }] },
  { type: 'plan', weight: 1, persons: (r, f, on) => oneOf(r, childrenOf(f, on)), agencies: [{ agency: "Children's Social Care", p: 1, lag: [0, 0] }] },
  { type: 'case_closure', weight: 2, persons: (r, f, on) => oneOf(r, childrenOf(f, on)), agencies: [{ agency: "Children's Social Care", p: 1, lag: [0, 0] }] },
  { type: 'contact', weight: 3, persons: (r, f, on) => oneOf(r, childrenOf(f, on)), agencies: [{ agency: "Children's Social Care", p: 1, lag: [0, 0] }] },
  {
    type: 'parental_mental_health', weight: 3,
    persons: (r, f) => oneOf(r, f.members.filter(isAdult)),
    agencies: [
      { agency: 'Health', p: 0.8, lag: [0, 0] },
      { agency: 'Adult Social Care', p: 0.4, lag: [0, 3] },
    ],
  },
];

const PHRASES: Record<string, readonly string[]> = {
  domestic_abuse: ['argument between adults, shouting heard by neighbours', 'mother reports being pushed by partner', 'damage to the kitchen door, children present', 'verbal altercation, partner left before arrival'],
  referral: ['concerns about hunger and hygiene', 'repeated bruising noticed', 'disclosure of shouting at home', 'low school attendance and poor presentation'],
  missing_episode: ['did not return home by curfew, found next morning', 'reported missing by mother, located at a friend\'s address', 'missing overnight, returned unharmed'],
  injury: ['cut to the head after a fall', 'burn to the forearm, explanation unclear', 'fractured wrist, late presentation'],
  neglect: ['arrived hungry and in dirty clothes', 'head lice untreated for weeks', 'no coat in winter, unwashed uniform'],
  strategy_meeting: ['multi-agency strategy discussion held', 'strategy meeting convened after new information', 'strategy discussion: section 47 agreed'],
  self_harm: ['superficial cuts to the arm', 'overdose of paracetamol', 'disclosed thoughts of self-harm'],
  exploitation: ['found with older males and unexplained cash', 'suspected county lines involvement', 'new phone and clothes, unexplained'],
  physical_abuse: ['bruising to the upper arm, says father grabbed her', 'slap mark on the cheek', 'finger-tip bruising noted'],
  parental_substance_misuse: ['intoxicated at the address', 'disclosed daily cannabis use', 'alcohol on breath at the school gate'],
  strength: ['grandmother steps in to help with school runs', 'mother attended every meeting', 'child engaging well with mentor'],
  missed_appointment: ['was not brought to appointment', 'did not attend review', 'appointment missed, no contact'],
  school_absence: ['unauthorised absence, no call from home', 'absent all week, no explanation', 'attendance below 80% this term'],
  behaviour_concern: ['aggressive towards peers in class', 'withdrawn and tearful', 'left lesson without permission'],
  developmental_concern: ['speech delay at two-year review', 'not meeting milestones', 'weight below the 2nd centile'],
  health_concern: ['asthma poorly controlled', 'dental decay, several teeth', 'recurrent chest infections'],
  housing: ['damp and mould in the bedroom', 'overcrowding reported', 'notice seeking possession served'],
  poverty: ['rent arrears', 'no gas or electric credit', 'food bank voucher issued'],
  assessment: ['child and family assessment started', 'assessment completed', 'single assessment opened'],
  plan: ['child in need plan agreed', 'child protection plan made', 'plan reviewed'],
  case_closure: ['case closed, no further action', 'closed: family declined services', 'case closed after assessment'],
  contact: ['contact from neighbour, concerns about noise', 'anonymous contact about supervision', 'contact from GP'],
  parental_mental_health: ['low mood, started medication', 'crisis team involvement', 'anxiety, referred to talking therapies'],
};

const VOICE: Record<Agency, readonly string[]> = {
  Police: ['Officers attended: ', 'Call received, ', 'Occurrence: ', 'PC attended - '],
  Health: ['HV note: ', 'GP record: ', 'ED attendance - ', ''],
  School: ['DSL log: ', 'Staff noticed ', 'CPOMS: ', ''],
  "Children's Social Care": ['Police notification: ', 'Duty worker: ', 'Referral received - ', 'Case note: '],
  Housing: ['Tenancy officer: ', 'Housing visit - ', ''],
  'Adult Social Care': ['ASC contact: ', 'Care Act enquiry - ', 'Social worker note: '],
};

const OUTCOMES: Record<Agency, readonly string[]> = {
  Police: ['Words of advice', 'Crime recorded', 'No further action', 'Referred to MASH'],
  Health: ['Rebooked', 'Card left', 'Referred to paediatrics', 'Advice given'],
  School: ['Monitor', 'Referred to DSL', 'Parent contacted', 'Early help offered'],
  "Children's Social Care": ['No further action', 'Assessment', 'Signposted', 'Plan', 'Closed before engagement'],
  Housing: ['Repair order raised', 'Payment plan agreed', 'Referred to welfare advice'],
  'Adult Social Care': ['Signposted', 'Care Act assessment', 'No further action'],
};

// ---------------------------------------------------------------------------------------------
// Records: one agency's record of one person in one occurrence

interface Rec {
  agency: Agency;
  person: Person;
  occurrence: string;
  type: string;
  date: number;
  minutes: number | null;
  recordId: string;
  given: string;
  family: string;
  /** the name as one string when the agency writes it so ("CHEN Wei"); else null */
  fullName: string | null;
  /** family name in the given-name column and the other way round (a Chinese name written family first) */
  swapped: boolean;
  dob: number | null;
  nhs: string | null;
  address: string | null;
  postcode: string | null;
  personId: string | null;
  householdId: string | null;
  severity: string;
  source: string;
  threshold: string;
  outcome: string;
  description: string;
  tags: Set<string>;
}

/** How one agency holds one person: chosen once, so its records form a deterministic cluster. */
interface AgencyView {
  personId: string;
  given: string;
  /** this agency's spelling of a transliterated family name (Hussein for Hussain), or null */
  familySpelling: string | null;
  /** Kaur/Singh/Begum/Bibi: 0 as the surname, 1 after the given name, 2 left out, 3 before the family name */
  layout: number;
  /** how hyphens and apostrophes are written: 0 as they are, 1 dropped (OBrien, SmithJones), 2 as spaces, 3 first part only (Smith; Lacey) */
  variant: number;
  patronymic: boolean;
  nameOrder: boolean;
  folded: boolean;
  knowsNhs: boolean;
  /** days this agency takes to learn of a married name */
  nameLag: number;
  tags: string[];
}

const NHS_KNOWN: Record<Agency, number> = {
  Police: 0.04, Health: 0.96, School: 0.05, "Children's Social Care": 0.45, Housing: 0, 'Adult Social Care': 0.7,
};
const ID_PREFIX: Record<Agency, string> = {
  Police: 'PN-', Health: 'GP-', School: 'UPN-K', "Children's Social Care": 'LCS-', Housing: 'TEN-', 'Adult Social Care': 'ASC',
};
const RECORD_PREFIX: Record<Agency, string> = {
  Police: 'OCC', Health: 'HR', School: 'CPOMS-', "Children's Social Care": 'CSC-', Housing: 'HSG-', 'Adult Social Care': 'AS-',
};

function agencyView(rng: Random, agency: Agency, p: Person, rates: Rates, serial: number): AgencyView {
  const tags: string[] = [];
  let given = p.given;
  const translit = translitGroup(p.given);
  if (translit && rng.chance(0.6)) {
    given = rng.pick(translit.slice(1));
    tags.push('transliteration');
  }
  const familyGroup = translitGroup(p.familyName);
  const familySpelling = familyGroup && rng.chance(0.5) ? rng.pick(familyGroup.slice(1)) : null;
  if (familySpelling !== null && !tags.includes('transliteration')) tags.push('transliteration');
  // Children are known by short forms at school and in social care more than elsewhere.
  const informal = isChild(p) && (agency === 'School' || agency === "Children's Social Care" || agency === 'Health');
  const unlisted = UNLISTED_SHORT[p.given];
  const listed = LISTED_SHORT[p.given];
  if (informal && unlisted && rng.chance(rates.unlistedNickname)) {
    given = rng.pick(unlisted);
    tags.push('nickname-unlisted');
  } else if (informal && listed && rng.chance(rates.listedNickname)) {
    given = rng.pick(listed);
    tags.push('nickname');
  }
  const layout = p.optionalWord === null ? 2 : rng.weighted([[0, 3], [1, 2], [2, 3], [3, 2]] as const);
  const variant = /['-]/.test(p.given + p.familyName) && rng.chance(rates.hyphenApostrophe) ? rng.int(1, 3) : 0;
  const patronymic = p.patronymic !== null && rng.chance(0.5);
  const nameOrder = p.culture === 'chinese' && (agency === "Children's Social Care" || agency === 'Health') && rng.chance(rates.nameOrder);
  const folded = /[^\x20-\x7e]/.test(p.given + p.familyName) && rng.chance(rates.folded);
  return {
    personId: `${ID_PREFIX[agency]}${pad(serial, agency === 'School' ? 8 : 6)}`,
    given, familySpelling, layout, variant, patronymic, nameOrder, folded,
    knowsNhs: rng.chance(NHS_KNOWN[agency]),
    nameLag: rng.int(0, 240),
    tags,
  };
}

function nameParts(view: AgencyView, p: Person, on: number): { given: string; family: string; tags: string[] } {
  const tags: string[] = [];
  let family = p.familyName;
  if (p.married && on >= p.married.on + view.nameLag) {
    family = p.married.name;
  }
  if (view.patronymic && p.patronymic) family = p.patronymic;
  let given = view.given;
  if (p.optionalWord !== null) {
    if (view.layout === 0) family = p.optionalWord;
    else if (view.layout === 1) given = `${given} ${p.optionalWord}`;
    else if (view.layout === 3) family = `${p.optionalWord} ${family}`;
  }
  if (view.familySpelling !== null && family === p.familyName) family = view.familySpelling;
  if (view.variant > 0) {
    const write = (n: string): string =>
      view.variant === 1 ? n.replace(/['-]/g, '') : view.variant === 2 ? n.replace(/['-]/g, ' ') : n.split(/-/)[0]!.replace(/'/g, '');
    given = write(given);
    family = write(family);
  }
  if (view.folded) {
    given = fold(given);
    family = fold(family);
  }
  if (view.nameOrder) tags.push('name-order');
  return { given, family, tags };
}

function formatAddress(a: Address, agency: Agency): string {
  const abbreviate = agency === 'Police' || agency === 'School' || agency === 'Housing';
  const street = `${a.street} ${abbreviate ? a.kind[1] : a.kind[0]}`;
  const flat = a.flat === null ? '' : agency === 'Housing' ? `Flat ${a.flat} ` : `Flat ${a.flat}, `;
  const line = `${flat}${a.number} ${street}`;
  if (agency === 'Police') return `${line}, ${a.town}`.toUpperCase();
  if (agency === 'School') return line;
  return `${line}, ${a.town}`;
}

function formatPostcode(rng: Random, code: string, agency: Agency): string {
  if (agency === 'School' && rng.chance(0.5)) return code.replace(' ', '');
  if (agency === 'Housing' && rng.chance(0.2)) return code.toLowerCase();
  if (agency === 'Adult Social Care' && rng.chance(0.3)) return code.replace(' ', '  ');
  return code;
}

const SEVERITIES: Record<Agency, readonly string[]> = {
  Police: ['1', '2', '3', '4'],
  Health: ['low', 'moderate', 'significant'],
  School: ['low', 'moderate', 'serious'],
  "Children's Social Care": ['1', '2', '3', '4', '5'],
  Housing: ['low', 'moderate'],
  'Adult Social Care': ['low', 'moderate', 'significant', 'serious'],
};

/** A one-edit typo: a substitution, a dropped, doubled or swapped letter. */
function typo(rng: Random, name: string): string {
  const letters = [...name];
  for (let attempt = 0; attempt < 20; attempt++) {
    const out = [...letters];
    const i = rng.int(1, Math.max(1, out.length - 1));
    const c = out[i];
    if (c === undefined || !/\p{L}/u.test(c)) continue;
    const op = rng.int(0, 3);
    if (op === 0) {
      const sub = rng.pick([...'aeiouynrstl']);
      out[i] = c === c.toUpperCase() ? sub.toUpperCase() : sub;
    } else if (op === 1 && out.length > 3) out.splice(i, 1);
    else if (op === 2) out.splice(i, 0, c);
    else if (i + 1 < out.length && /\p{L}/u.test(out[i + 1]!)) [out[i], out[i + 1]] = [out[i + 1]!, c];
    const result = out.join('');
    if (result !== name) return result;
  }
  return `${name}e`;
}

/** A typo that does not make the name of someone else in the household (Kayla to her twin Kyla): no data could tell them apart. */
function typoUnlike(rng: Random, name: string, others: readonly string[]): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const result = typo(rng, name);
    if (!others.includes(result)) return result;
  }
  return `${name}e`;
}

function dobTypo(rng: Random, dob: number): number {
  const v = ymd(dob);
  for (let attempt = 0; attempt < 30; attempt++) {
    const digits = [...`${v.y}${pad(v.m)}${pad(v.d)}`];
    const position = rng.pick([2, 3, 5, 6, 7]);
    digits[position] = String(rng.int(0, 9));
    const s = digits.join('');
    const y = Number(s.slice(0, 4));
    const m = Number(s.slice(4, 6));
    const d = Number(s.slice(6, 8));
    if (validYmd(y, m, d) && day(y, m, d) !== dob && day(y, m, d) < PERIOD_END) return day(y, m, d);
  }
  return dob + 1;
}

// ---------------------------------------------------------------------------------------------
// Generation

export function generate(options: GenerateOptions): Dataset {
  const rates: Rates = { ...DEFAULT_RATES, ...options.rates };
  const rng = new Random(options.seed);
  const families = buildFamilies(rng, options.families, rates);
  const records: Rec[] = [];
  const views = new Map<string, AgencyView>();
  const serials = new Map<Agency, number>();
  const recordSerials = new Map<Agency, number>();
  const nextSerial = (m: Map<Agency, number>, a: Agency, start: number): number => {
    const n = (m.get(a) ?? start) + 1;
    m.set(a, n);
    return n;
  };
  const viewOf = (agency: Agency, p: Person): AgencyView => {
    const k = `${agency}|${p.key}`;
    let v = views.get(k);
    if (!v) {
      v = agencyView(rng, agency, p, rates, nextSerial(serials, agency, rng.int(10000, 90000)));
      views.set(k, v);
    }
    return v;
  };
  let occurrenceNo = 0;

  const record = (kind: Kind, occ: number, p: Person, agency: Agency, on: number, minutes: number | null, shared: { threshold: string; source: string }, recordId: string): Rec => {
    const view = viewOf(agency, p);
    const name = nameParts(view, p, on);
    const { current, previous, sinceMove } = addressOn(p.family, on);
    const tags = new Set<string>([...p.tags, ...view.tags, ...name.tags]);
    if (p.married && on >= p.married.on + view.nameLag) tags.add('married-name');
    let a = current;
    if (previous && sinceMove < 120 && rng.chance(rates.staleAddress)) {
      a = previous;
      tags.add('stale-address');
    }
    const voice = rng.pick(VOICE[agency]);
    let description = `${voice}${rng.pick(PHRASES[kind.type] ?? ['concern recorded'])}`;
    if (rng.chance(0.15)) description += `, "${rng.pick(['see notes', 'as discussed', 'no change'])}"`;
    if ((agency === 'Police' || agency === "Children's Social Care" || agency === 'Health') && rng.chance(rates.quotedNewline)) {
      description += `\n${rng.pick(['Action: review in 4 weeks.', 'Supervisor: noted.', 'Update to follow.'])}`;
      tags.add('quoted-newline');
    }
    return {
      agency, person: p, occurrence: `O${pad(occ, 6)}-${p.key}`, type: kind.type, date: on, minutes,
      recordId, given: name.given, family: name.family,
      fullName: view.nameOrder ? `${name.family.toUpperCase()} ${name.given}` : null,
      swapped: view.nameOrder,
      dob: p.dob,
      nhs: view.knowsNhs ? p.nhs : null,
      address: formatAddress(a, agency),
      postcode: formatPostcode(rng, a.postcode, agency),
      personId: view.personId,
      householdId: agency === "Children's Social Care" ? `HH-${p.family.householdNo}` : agency === 'Housing' ? `TNCY-${p.family.householdNo}` : null,
      severity: rng.pick(SEVERITIES[agency]),
      source: shared.source,
      threshold: kind.type === 'referral' ? shared.threshold : '',
      outcome: rng.pick(OUTCOMES[agency]),
      description,
      tags,
    };
  };

  for (const family of families) {
    const count = rng.int(12, 40);
    for (let i = 0; i < count; i++) {
      const kind = rng.weighted(KINDS.map((k) => [k, k.weight] as const));
      const on = rng.int(PERIOD_START, PERIOD_END - 10);
      const persons = kind.persons(rng, family, on).filter((p) => alive(p, on));
      if (persons.length === 0) continue;
      const chosen = kind.agencies.filter((r) => rng.chance(r.p));
      if (chosen.length === 0) chosen.push(kind.agencies[0]!);
      const repeat = rng.chance(rates.repeatNear);
      const occurrences = repeat ? [on, on + rng.int(2, 3)] : [on];
      const shared = {
        threshold: rng.pick(['yes', 'no', 'no']),
        source: kind.type === 'domestic_abuse' ? rng.pick(["mother's partner", 'father', 'unknown']) : kind.type === 'strength' ? '' : rng.pick(['mother', 'father', 'unknown', '']),
      };
      for (const [n, start] of occurrences.entries()) {
        occurrenceNo++;
        // The repeat is recorded by the first agency only: the case a third agency's record cannot settle.
        const recorders = n === 0 ? chosen : [chosen[0]!];
        const minutes = rng.chance(0.7) ? rng.int(0, 1439) : null;
        for (const r of recorders) {
          const lag = rng.int(r.lag[0], r.lag[1]);
          const recordedOn = start + lag;
          const who = persons.filter((p) => (r.who ? r.who(p, recordedOn) : true) && agencyServes(r.agency, p, recordedOn));
          const incident = `${RECORD_PREFIX[r.agency]}${ymd(recordedOn).y % 100}-${pad(nextSerial(recordSerials, r.agency, 0), 5)}`;
          who.forEach((p, index) => {
            const id = r.agency === 'Police' ? `${incident}-${pad(index + 1)}` : who.length > 1 ? `${incident}/${index + 1}` : incident;
            const rec = record(kind, occurrenceNo, p, r.agency, recordedOn, lag === 0 ? minutes : rng.chance(0.5) ? rng.int(480, 1080) : null, shared, id);
            if (repeat) rec.tags.add('repeat-near');
            records.push(rec);
          });
        }
      }
    }
  }

  applyNoise(rng, records, rates);
  const persons = families.flatMap((f) =>
    f.members.map((p) => ({
      person: p.key, household: f.key, role: p.role, given: p.given, family: p.familyName, dob: iso(ymd(p.dob)), nhs: p.nhs,
      address: formatAddress(addressOn(f, PERIOD_START).current, 'Health'), tags: [...p.tags].sort(),
    })),
  );
  return { ...render(records), persons };
}

/** Which agencies keep records about whom: school only pupils, housing and adult social care only adults. */
function agencyServes(agency: Agency, p: Person, on: number): boolean {
  if (agency === 'School') return schoolAge(p, on);
  if (agency === 'Housing' || agency === 'Adult Social Care') return isAdult(p);
  return true;
}

function applyNoise(rng: Random, records: Rec[], rates: Rates): void {
  // Typos and nicknames inside one agency's deterministic cluster (same person_id).
  const clusters = new Map<string, Rec[]>();
  for (const r of records) {
    const k = `${r.agency}|${r.person.key}`;
    const list = clusters.get(k) ?? [];
    list.push(r);
    clusters.set(k, list);
  }
  for (const list of clusters.values()) {
    if (list.length < 2 || !rng.chance(rates.typoInCluster)) continue;
    const r = rng.pick(list);
    const short = LISTED_SHORT[r.person.given] ?? UNLISTED_SHORT[r.person.given];
    if (short && r.given === r.person.given && rng.chance(0.4)) r.given = rng.pick(short);
    else if (rng.chance(0.6)) r.given = typoUnlike(rng, r.given, r.person.family.members.map((m) => m.given));
    else r.family = typo(rng, r.family);
    if (r.fullName !== null) r.fullName = `${r.family.toUpperCase()} ${r.given}`;
    r.tags.add('typo-in-cluster');
  }
  // Name-only school rows are drawn without replacement, so their share is the rate itself.
  const school = records.filter((r) => r.agency === 'School');
  const nameOnly = new Set<Rec>();
  while (nameOnly.size < Math.round(rates.nameOnlySchool * school.length)) nameOnly.add(rng.pick(school));
  for (const r of records) {
    if (nameOnly.has(r)) {
      r.dob = null;
      r.nhs = null;
      r.tags.add('name-only');
      continue;
    }
    if (r.dob !== null) {
      const v = ymd(r.dob);
      const roll = rng.float();
      if (roll < rates.dobTypo) {
        r.dob = dobTypo(rng, r.dob);
        r.tags.add('dob-typo');
      } else if (roll < rates.dobTypo + rates.dobSwap) {
        // Only a swap that still makes a date (day 12 or under) is a plausible slip.
        if (v.d <= 12 && v.d !== v.m) {
          r.dob = day(v.y, v.d, v.m);
          r.tags.add('dob-swap');
        }
      } else if (roll < rates.dobTypo + rates.dobSwap + rates.dobWrong) {
        r.dob = day(v.y + rng.pick([-3, -2, -1, 1, 2]), rng.int(1, 12), rng.int(1, 28));
        r.tags.add('dob-wrong');
      } else if (roll < rates.dobTypo + rates.dobSwap + rates.dobWrong + rates.missingDob) {
        r.dob = null;
        r.tags.add('missing-dob');
      }
    }
    if (r.nhs !== null && rng.chance(rates.missingNhs)) {
      r.nhs = null;
      r.tags.add('missing-nhs');
    }
    if (rng.chance(rates.missingAddress)) {
      r.address = null;
      r.tags.add('missing-address');
    }
    if (rng.chance(rates.missingPostcode)) {
      r.postcode = null;
      r.tags.add('missing-postcode');
    }
    if (rng.chance(rates.missingPersonId)) {
      r.personId = null;
      r.tags.add('missing-person-id');
    }
    if ((r.agency === 'Housing' || r.agency === 'Adult Social Care') && rng.chance(rates.allCaps)) {
      r.given = r.given.toUpperCase();
      r.family = r.family.toUpperCase();
      r.tags.add('all-caps');
    }
    if ((r.agency === 'Police' || r.agency === "Children's Social Care") && rng.chance(rates.initialOnly)) {
      r.given = [...r.given][0]!;
      if (r.fullName !== null) r.fullName = `${r.family.toUpperCase()} ${r.given}`;
      r.tags.add('initial-only');
    }
  }
  const duplicates = records.filter(() => rng.chance(rates.exportDuplicate));
  for (const r of duplicates) {
    r.tags.add('export-duplicate');
    records.push({ ...r, tags: new Set(r.tags) });
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering: each agency's own columns, order, delimiter and date formats (all canonical names
// as the tool reads them without a profile: case, spaces and hyphens are not significant).

interface Column {
  header: string;
  value: (r: Rec) => string;
}

interface Layout {
  file: string;
  delimiter: string;
  bom?: boolean;
  columns: readonly Column[];
}

const v = (n: number | null, f: (x: Ymd) => string): string => (n === null ? '' : f(ymd(n)));
const withTime = (r: Rec, f: (x: Ymd) => string, sep: string): string => f(ymd(r.date)) + (r.minutes === null ? '' : `${sep}${time(r.minutes)}`);
const spacedNhs = (nhs: string): string => `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;

const LAYOUTS: Record<Exclude<Agency, 'Housing'>, Layout> = {
  Police: {
    file: 'police.csv',
    delimiter: ',',
    columns: [
      { header: 'RECORD ID', value: (r) => r.recordId },
      { header: 'Agency', value: (r) => r.agency },
      { header: 'Date', value: (r) => withTime(r, dmy, ' ') },
      { header: 'Type', value: (r) => r.type.toUpperCase() },
      { header: 'Name', value: (r) => `${r.family.toUpperCase()}, ${r.given}` },
      { header: 'DOB', value: (r) => v(r.dob, dmy) },
      { header: 'Person ID', value: (r) => r.personId ?? '' },
      { header: 'NHS Number', value: (r) => r.nhs ?? '' },
      { header: 'Address', value: (r) => r.address ?? '' },
      { header: 'Postcode', value: (r) => r.postcode ?? '' },
      { header: 'Severity', value: (r) => r.severity },
      { header: 'Source', value: (r) => r.source },
      { header: 'Outcome', value: (r) => r.outcome },
      { header: 'Description', value: (r) => r.description },
    ],
  },
  Health: {
    file: 'health.csv',
    delimiter: ',',
    columns: [
      { header: 'Agency', value: (r) => r.agency },
      { header: 'NHS Number', value: (r) => (r.nhs === null ? '' : Number(r.nhs.slice(-1)) % 3 === 0 ? spacedNhs(r.nhs) : r.nhs) },
      { header: 'Person-ID', value: (r) => r.personId ?? '' },
      { header: 'Record-ID', value: (r) => r.recordId },
      { header: 'Given Name', value: (r) => (r.swapped ? r.family.toUpperCase() : r.given) },
      { header: 'Family Name', value: (r) => (r.swapped ? r.given : r.family) },
      { header: 'DOB', value: (r) => v(r.dob, iso) },
      { header: 'Address', value: (r) => r.address ?? '' },
      { header: 'Postcode', value: (r) => r.postcode ?? '' },
      { header: 'Date', value: (r) => withTime(r, iso, 'T') },
      { header: 'Type', value: (r) => r.type },
      { header: 'Severity', value: (r) => r.severity },
      { header: 'Outcome', value: (r) => r.outcome },
      { header: 'Description', value: (r) => r.description },
    ],
  },
  School: {
    file: 'school.csv',
    delimiter: ';',
    bom: true,
    columns: [
      { header: 'Agency', value: (r) => r.agency },
      { header: 'Record_ID', value: (r) => r.recordId },
      { header: 'Person_ID', value: (r) => r.personId ?? '' },
      { header: 'Family_Name', value: (r) => r.family },
      { header: 'Given_Name', value: (r) => r.given },
      { header: 'DOB', value: (r) => v(r.dob, dmy) },
      { header: 'NHS_Number', value: (r) => r.nhs ?? '' },
      { header: 'Address', value: (r) => r.address ?? '' },
      { header: 'Postcode', value: (r) => r.postcode ?? '' },
      { header: 'Date', value: (r) => (r.date % 2 === 0 ? v(r.date, dMonY) : v(r.date, ddMonY)) },
      { header: 'Type', value: (r) => r.type.replace(/_/g, ' ') },
      { header: 'Severity', value: (r) => r.severity },
      { header: 'Source', value: (r) => r.source },
      { header: 'Threshold Met', value: (r) => r.threshold },
      { header: 'Outcome', value: (r) => r.outcome },
      { header: 'Description', value: (r) => r.description },
    ],
  },
  "Children's Social Care": {
    file: 'social-care.csv',
    delimiter: ',',
    columns: [
      { header: 'Agency', value: (r) => r.agency },
      { header: 'Record ID', value: (r) => r.recordId },
      { header: 'Person ID', value: (r) => r.personId ?? '' },
      { header: 'Name', value: (r) => r.fullName ?? `${r.given} ${r.family}` },
      { header: 'DOB', value: (r) => v(r.dob, dmy) },
      { header: 'NHS Number', value: (r) => r.nhs ?? '' },
      { header: 'Household ID', value: (r) => r.householdId ?? '' },
      { header: 'Address', value: (r) => r.address ?? '' },
      { header: 'Postcode', value: (r) => r.postcode ?? '' },
      { header: 'Date', value: (r) => v(r.date, dmy) },
      { header: 'Type', value: (r) => r.type.replace(/_/g, '-') },
      { header: 'Severity', value: (r) => r.severity },
      { header: 'Source', value: (r) => r.source },
      { header: 'Threshold-Met', value: (r) => r.threshold },
      { header: 'Outcome', value: (r) => r.outcome },
      { header: 'Description', value: (r) => r.description },
    ],
  },
  'Adult Social Care': {
    file: 'adult-social-care.csv',
    delimiter: '\t',
    columns: [
      { header: 'agency', value: (r) => r.agency },
      { header: 'record_id', value: (r) => r.recordId },
      { header: 'person_id', value: (r) => r.personId ?? '' },
      { header: 'family_name', value: (r) => r.family },
      { header: 'given_name', value: (r) => r.given },
      { header: 'dob', value: (r) => v(r.dob, ddMonY) },
      { header: 'nhs_number', value: (r) => r.nhs ?? '' },
      { header: 'address', value: (r) => r.address ?? '' },
      { header: 'postcode', value: (r) => r.postcode ?? '' },
      { header: 'date', value: (r) => v(r.date, ddMonY) },
      { header: 'type', value: (r) => r.type },
      { header: 'severity', value: (r) => r.severity },
      { header: 'outcome', value: (r) => r.outcome },
      { header: 'description', value: (r) => r.description.replace(/[\t\n]/g, ' ') },
    ],
  },
};

function csvCell(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

const newlines = (s: string): number => (s.match(/\n/g) ?? []).length;

function render(records: Rec[]): Omit<Dataset, 'persons'> {
  const files: Dataset['files'] = [];
  const truth: TruthRow[] = [];
  const byAgency = (a: Agency): Rec[] =>
    records
      .filter((r) => r.agency === a)
      .sort((x, y) => x.date - y.date || (x.recordId < y.recordId ? -1 : x.recordId > y.recordId ? 1 : 0));
  const truthRow = (file: string, line: number, r: Rec): TruthRow => ({
    file, line, person: r.person.key, occurrence: r.occurrence, agency: r.agency, record_id: r.recordId, tags: [...r.tags].sort(),
  });
  for (const [agency, layout] of Object.entries(LAYOUTS) as [Agency, Layout][]) {
    const lines = [layout.columns.map((c) => csvCell(c.header, layout.delimiter)).join(layout.delimiter)];
    let line = 2;
    for (const r of byAgency(agency)) {
      const row = layout.columns.map((c) => csvCell(c.value(r), layout.delimiter)).join(layout.delimiter);
      truth.push(truthRow(layout.file, line, r));
      lines.push(row);
      line += 1 + newlines(row);
    }
    files.push({ name: layout.file, content: (layout.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n' });
  }
  // Housing exports YAML: one list item per record, values double-quoted (JSON strings are YAML).
  const out = ['# Housing tenancy export (fictional, generated)', 'agency: Housing', 'events:'];
  for (const r of byAgency('Housing')) {
    const fields: [string, string | null][] = [
      ['record_id', r.recordId],
      ['person_id', r.personId],
      ['name', `${r.given} ${r.family}`],
      ['dob', v(r.dob, dMonthY) || null],
      ['address', r.address],
      ['postcode', r.postcode],
      ['household_id', r.householdId],
      ['date', v(r.date, iso)],
      ['type', r.type],
      ['severity', r.severity],
      ['outcome', r.outcome],
      ['description', r.description],
    ];
    truth.push(truthRow('housing.yaml', out.length + 1, r));
    fields
      .filter((f): f is [string, string] => f[1] !== null && f[1] !== '')
      .forEach(([k, value], i) => out.push(`${i === 0 ? '  - ' : '    '}${k}: ${JSON.stringify(value)}`));
  }
  files.push({ name: 'housing.yaml', content: out.join('\n') + '\n' });
  return { files, truth };
}

export function writeDataset(dataset: Dataset, directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  const paths = dataset.files.map((f) => {
    const path = join(directory, f.name);
    writeFileSync(path, f.content);
    return path;
  });
  const header = 'file,line,person,occurrence,agency,record_id,tags';
  const rows = dataset.truth.map((t) => [t.file, t.line, t.person, t.occurrence, csvCell(t.agency, ','), t.record_id, t.tags.join(';')].join(','));
  writeFileSync(join(directory, 'truth.csv'), [header, ...rows].join('\n') + '\n');
  const people = dataset.persons.map((p) =>
    [p.person, p.household, p.role, p.given, p.family, p.dob, p.nhs, p.address, p.tags.join(';')].map((c) => csvCell(c, ',')).join(','),
  );
  writeFileSync(join(directory, 'persons.csv'), ['person,household,role,given,family,dob,nhs,address,tags', ...people].join('\n') + '\n');
  return paths;
}

/** The `--rate NAME=VALUE` options (repeatable) as rates; throws a one-line message on a bad one. */
export function parseRates(argv: readonly string[]): Partial<Rates> {
  const rates: Partial<Rates> = {};
  argv.forEach((a, i) => {
    if (a !== '--rate') return;
    const [name, value] = (argv[i + 1] ?? '').split('=');
    const n = Number(value);
    if (!name || !(name in DEFAULT_RATES)) throw new Error(`--rate: unknown rate "${name ?? ''}"; use one of: ${Object.keys(DEFAULT_RATES).join(', ')}`);
    if (value === undefined || value === '' || !(n >= 0 && n <= 1)) throw new Error(`--rate ${name}: "${value ?? ''}" is not a number from 0 to 1`);
    rates[name as keyof Rates] = n;
  });
  return rates;
}

function main(argv: readonly string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(
      'Usage: node dist/bench/independent/generate.js --seed N --families N --out DIR [--rate NAME=VALUE]...\n' +
        `Rates and their defaults: ${Object.entries(DEFAULT_RATES).map(([k, v]) => `${k}=${v}`).join(', ')}.\n` +
        `Tuning seeds: ${TUNING_SEEDS.map((s) => s.seed).join(', ')}. ` +
        `Seeds ${CONFIRMATION_SEEDS.map((s) => s.seed).join(' and ')} are for confirmation only: never tune against them.`,
    );
    return;
  }
  const seed = Number(arg('--seed') ?? '1');
  const families = Number(arg('--families') ?? '40');
  const out = arg('--out');
  if (!out || !Number.isInteger(seed) || !Number.isInteger(families) || families < 1) {
    console.error('generate: give --seed N --families N --out DIR');
    process.exitCode = 2;
    return;
  }
  let rates: Partial<Rates>;
  try {
    rates = parseRates(argv);
  } catch (error) {
    console.error(`generate: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const dataset = generate({ seed, families, rates });
  const paths = writeDataset(dataset, out);
  console.log(`${dataset.truth.length} records in ${paths.length} files, truth in ${join(out, 'truth.csv')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
