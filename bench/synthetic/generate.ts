/**
 * Seeded generator of fictional UK families known to several agencies, as canonical CSV
 * exports with ground truth (the true person and true occurrence of every row).
 * All names, numbers and addresses are fictional; no Math.random: a seed gives one dataset.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small, fast 32-bit PRNG, enough for test data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Zipf-like: the item at rank r is chosen with weight 1/(r+1)^skew. */
  skewed<T>(items: readonly T[], skew = 1): T {
    const weights = items.map((_, rank) => 1 / (rank + 1) ** skew);
    let target = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) {
      target -= weights[i] as number;
      if (target < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }
  subset<T>(items: readonly T[], size: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < size && pool.length > 0) chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return chosen;
  }
}

/** Surnames by rough frequency in England and Wales, most common first. */
const SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Khan', 'Robinson', 'Wright', 'Thompson', 'Walker', 'White', 'Edwards', 'Hughes', 'Green',
  'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan',
  'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young',
  'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw',
  'Murphy', 'Miller', 'Cox', 'Richards', 'Ahmed', 'Hussain', 'Ali', 'Begum', 'Kaur', 'Singh',
  'Nowak', 'Kowalski', 'Okafor', 'Mensah', 'Adeyemi', "O'Brien", 'Fitzgerald', 'Macdonald', 'Campbell', 'Stewart',
  'Sutherland', 'Pemberton', 'Ashworth', 'Blackwood', 'Fairclough', 'Hargreaves', 'Llewellyn', 'Ramsbottom', 'Whitfield', 'Yardley',
];

const BOYS = [
  'Oliver', 'Thomas', 'James', 'William', 'Harry', 'Jack', 'George', 'Noah', 'Charles', 'Jacob',
  'Alfie', 'Joshua', 'Henry', 'Samuel', 'Daniel', 'Joseph', 'Benjamin', 'Alexander', 'Edward', 'Michael',
  'Muhammad', 'Mohammed', 'Leo', 'Oscar', 'Archie', 'Freddie', 'Theo', 'Isaac', 'Ethan', 'Lucas',
  'Matthew', 'Nathan', 'Christopher', 'Robert', 'David', 'Ryan', 'Tyler', 'Kai', 'Reuben', 'Zachary',
];
const GIRLS = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Isabella', 'Mia', 'Poppy', 'Ella', 'Lily',
  'Jessica', 'Charlotte', 'Sophie', 'Grace', 'Evie', 'Ruby', 'Chloe', 'Elizabeth', 'Katherine', 'Rebecca',
  'Victoria', 'Abigail', 'Florence', 'Freya', 'Sienna', 'Aisha', 'Fatima', 'Zara', 'Maya', 'Hannah',
  'Samantha', 'Natasha', 'Eleanor', 'Matilda', 'Harriet', 'Lucy', 'Megan', 'Holly', 'Niamh', 'Amber',
];
const ADULT_MEN = ['Michael', 'David', 'Paul', 'Andrew', 'Mark', 'Richard', 'Stephen', 'Daniel', 'Anthony', 'Robert', 'Lee', 'Craig', 'Wayne', 'Imran', 'Tariq'];
const ADULT_WOMEN = ['Sarah', 'Emma', 'Laura', 'Rebecca', 'Gemma', 'Nicola', 'Kelly', 'Jennifer', 'Victoria', 'Stacey', 'Amanda', 'Samantha', 'Nadia', 'Shazia', 'Joanne'];

/** Formal name → short forms an agency may hold instead (all listed in data/nicknames.csv). */
const NICKNAMES: Record<string, string[]> = {
  Thomas: ['Tom', 'Tommy'],
  James: ['Jim', 'Jimmy', 'Jamie'],
  William: ['Will', 'Billy', 'Liam'],
  Charles: ['Charlie'],
  Joshua: ['Josh'],
  Henry: ['Harry', 'Hal'],
  Samuel: ['Sam', 'Sammy'],
  Daniel: ['Dan', 'Danny'],
  Joseph: ['Joe', 'Joey'],
  Benjamin: ['Ben', 'Benny'],
  Alexander: ['Alex', 'Xander'],
  Edward: ['Ed', 'Eddie', 'Ted'],
  Michael: ['Mike', 'Mikey'],
  Matthew: ['Matt'],
  Nathan: ['Nate'],
  Christopher: ['Chris'],
  Robert: ['Rob', 'Bob', 'Robbie'],
  David: ['Dave', 'Davey'],
  Zachary: ['Zach', 'Zak'],
  Isabella: ['Bella', 'Izzy'],
  Charlotte: ['Charlie', 'Lottie'],
  Elizabeth: ['Liz', 'Beth', 'Lizzie', 'Libby'],
  Katherine: ['Kate', 'Katie', 'Kath'],
  Rebecca: ['Becky', 'Becca'],
  Victoria: ['Vicky', 'Tori'],
  Abigail: ['Abbie', 'Abby'],
  Florence: ['Flo', 'Flossie'],
  Samantha: ['Sam', 'Sammy'],
  Natasha: ['Tasha'],
  Eleanor: ['Ellie', 'Nell'],
  Matilda: ['Tilly', 'Tilda'],
  Jessica: ['Jess', 'Jessie'],
  Amelia: ['Millie'],
  Richard: ['Rich', 'Rick', 'Dick'],
  Stephen: ['Steve'],
  Anthony: ['Tony'],
  Andrew: ['Andy', 'Drew'],
  Jennifer: ['Jen', 'Jenny'],
  Amanda: ['Mandy'],
  Nicola: ['Nicky'],
};

const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Park Avenue', 'Victoria Road', 'Mill Lane', 'Green Lane', 'Manor Road', 'Kings Road', 'Queens Walk', 'Chapel Street', 'Albert Terrace', 'Orchard Close', 'Beech Grove', 'Canal Side'];
const TOWNS = [
  { town: 'Northbridge', area: 'NB' },
  { town: 'Eastwick', area: 'EW' },
  { town: 'Ashford Vale', area: 'AV' },
  { town: 'Kingsmere', area: 'KM' },
];

/** Occurrence types by how often agencies record them, most common first. */
const TYPES = [
  'contact', 'missed_appointment', 'school_absence', 'domestic_abuse', 'referral', 'neglect', 'health_concern',
  'behaviour_concern', 'assessment', 'parental_substance_misuse', 'parental_mental_health', 'injury',
  'housing', 'emotional_abuse', 'missing_episode', 'strength', 'case_closure', 'physical_abuse', 'self_harm',
  'strategy_meeting', 'plan', 'exploitation', 'parental_conflict', 'poverty', 'developmental_concern',
  'online_harm', 'sexual_abuse',
] as const;

const DESCRIPTIONS: Record<string, string> = {
  contact: 'Contact from family member, concerns raised about home conditions',
  missed_appointment: 'Was not brought to appointment; no contact from parent',
  school_absence: 'Unauthorised absence, parent not answering calls',
  domestic_abuse: 'Police attended following report of an argument; child present in the home',
  referral: 'Referral to children\'s social care following concerns',
  neglect: 'Child seen in unwashed clothing, hungry at breakfast club',
  health_concern: 'Weight below expected centile, follow-up advised',
  behaviour_concern: 'Disruptive in class, withdrawn at break times',
  assessment: 'Single assessment started',
  parental_substance_misuse: 'Mother reported to be drinking heavily, "cannot cope"',
  parental_mental_health: 'Parent disclosed low mood and anxiety',
  injury: 'Bruise to left forearm, explanation given: fell in park',
  housing: 'Rent arrears; notice seeking possession served',
  emotional_abuse: 'Child reports being shouted at and called names',
  missing_episode: 'Reported missing overnight, returned next morning',
  strength: 'Grandmother providing regular care after school',
  case_closure: 'Case closed, no further action',
  physical_abuse: 'Child disclosed being hit by mother\'s partner',
  self_harm: 'Superficial cuts to wrist seen by school nurse',
  strategy_meeting: 'Strategy discussion held with police and health',
  plan: 'Child in need plan agreed',
  exploitation: 'Seen with older males, new phone and clothing',
  parental_conflict: 'Parents arguing at school gate, child upset',
  poverty: 'Food bank voucher issued',
  developmental_concern: 'Speech delay noted at 2-year review',
  online_harm: 'Received messages from unknown adult online',
  sexual_abuse: 'Disclosure made to teacher, referred same day',
};

const SOURCES = ['mother', 'father', "mother's partner", 'sibling', 'peer', 'stranger', 'self', 'unknown'];
const OUTCOMES = ['no further action', 'assessment', 'early help', 'plan', 'closed before engagement', 'advice given'];

type DateStyle = 'iso' | 'dayfirst';
type NameStyle = 'split' | 'combined';

export interface AgencyProfile {
  agency: string;
  dateStyle: DateStyle;
  nameStyle: NameStyle;
  /** Share of people this agency holds a (valid or not) NHS number for. */
  nhsShare: number;
  /** Share of those NHS numbers typed with a wrong check digit. */
  nhsInvalidShare: number;
  /** Share of people whose date of birth this agency does not hold. */
  dobMissingShare: number;
  usesHousehold: boolean;
}

export const AGENCY_PROFILES: readonly AgencyProfile[] = [
  { agency: 'police', dateStyle: 'dayfirst', nameStyle: 'combined', nhsShare: 0.1, nhsInvalidShare: 0.1, dobMissingShare: 0.08, usesHousehold: false },
  { agency: 'health', dateStyle: 'iso', nameStyle: 'split', nhsShare: 0.97, nhsInvalidShare: 0.02, dobMissingShare: 0, usesHousehold: false },
  { agency: 'school', dateStyle: 'dayfirst', nameStyle: 'split', nhsShare: 0, nhsInvalidShare: 0, dobMissingShare: 0.02, usesHousehold: false },
  { agency: 'social_care', dateStyle: 'iso', nameStyle: 'split', nhsShare: 0.6, nhsInvalidShare: 0.05, dobMissingShare: 0.03, usesHousehold: true },
  { agency: 'housing', dateStyle: 'dayfirst', nameStyle: 'combined', nhsShare: 0, nhsInvalidShare: 0, dobMissingShare: 0.3, usesHousehold: true },
  { agency: 'ambulance', dateStyle: 'iso', nameStyle: 'combined', nhsShare: 0.5, nhsInvalidShare: 0.05, dobMissingShare: 0.1, usesHousehold: false },
  { agency: 'early_help', dateStyle: 'dayfirst', nameStyle: 'split', nhsShare: 0.2, nhsInvalidShare: 0.05, dobMissingShare: 0.05, usesHousehold: true },
  { agency: 'youth_justice', dateStyle: 'iso', nameStyle: 'split', nhsShare: 0.3, nhsInvalidShare: 0.05, dobMissingShare: 0.05, usesHousehold: false },
];

export interface GenerateOptions {
  /** About how many people (whole families are generated, so a few more may appear). */
  people: number;
  /** How many agencies, taken in order from AGENCY_PROFILES (2 to 8). */
  agencies: number;
  seed: number;
  /** Mean occurrences per person. */
  occurrencesPerPerson: number;
  /** Share of rows an agency exports twice. */
  exportDuplicateShare: number;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  people: 2_000,
  agencies: 5,
  seed: 1,
  occurrencesPerPerson: 6,
  exportDuplicateShare: 0.02,
};

/** The truth about one data row, in row order (row i is on line i + 2 of its file). */
export interface RowTruth {
  person: string;
  occurrence: string;
}

export interface GeneratedFile {
  agency: string;
  /** A file name for the export, e.g. `police.csv`. */
  file: string;
  dateStyle: DateStyle;
  csv: string;
  truth: RowTruth[];
}

export interface GeneratedDataset {
  files: GeneratedFile[];
  /** Every true person; each has at least one row. */
  persons: TruePerson[];
  occurrences: number;
}

export interface TruePerson {
  id: string;
  given: string;
  family: string;
  dob: string;
  nhs: string;
  householdIndex: number;
  address: string;
  postcode: string;
}

/** A valid NHS number: nine digits and the mod-11 check digit (never 10). */
function nhsNumber(random: Random): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? random.int(4, 9) : random.int(0, 9)));
    const sum = digits.reduce((total, digit, i) => total + digit * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return `${digits.join('')}${check}`;
  }
}

/** The same number with a wrong check digit: the one valid check digit is unique. */
function invalidNhs(valid: string): string {
  return `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
}

/** One-character edit: substitute, drop, double or swap neighbours. */
function typo(random: Random, word: string): string {
  if (word.length < 4) return word;
  const i = random.int(1, word.length - 2);
  const letters = 'aeioulnrst';
  switch (random.int(0, 3)) {
    case 0:
      return word.slice(0, i) + random.pick([...letters]) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + (word[i] as string) + word.slice(i);
    default:
      return word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2);
  }
}

function isoDay(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

function writeDate(iso: string, style: DateStyle): string {
  return style === 'iso' ? iso : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function swapDayMonth(iso: string): string {
  const day = Number(iso.slice(8, 10));
  return day <= 12 ? `${iso.slice(0, 4)}-${iso.slice(8, 10)}-${iso.slice(5, 7)}` : iso;
}

function csvCell(value: string): string {
  return /[",\n\r]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** How one agency holds one person: the same on every row of that agency. */
interface AgencyView {
  personId: string;
  given: string;
  family: string;
  dob: string;
  nhs: string;
  address: string;
  postcode: string;
  household: string;
}

function agencyView(random: Random, person: TruePerson, profile: AgencyProfile, personId: string): AgencyView {
  const nicknames = NICKNAMES[person.given];
  let given = person.given;
  if (nicknames && random.chance(0.2)) given = random.pick(nicknames);
  else if (random.chance(0.04)) given = typo(random, given);
  const family = random.chance(0.04) ? typo(random, person.family) : person.family;
  let dob = person.dob;
  if (random.chance(profile.dobMissingShare)) dob = '';
  else if (random.chance(0.03)) dob = swapDayMonth(dob);
  let nhs = '';
  if (random.chance(profile.nhsShare)) nhs = random.chance(profile.nhsInvalidShare) ? invalidNhs(person.nhs) : person.nhs;
  const moved = random.chance(0.1);
  return {
    personId,
    given,
    family,
    dob,
    nhs,
    address: moved ? `${random.int(1, 120)} ${random.pick(STREETS)}` : person.address,
    postcode: moved ? `${person.postcode.split(' ')[0]} ${random.int(1, 9)}${random.pick(['AB', 'DF', 'GH', 'JL'])}` : person.postcode,
    household: profile.usesHousehold ? `${profile.agency.slice(0, 2).toUpperCase()}-H${person.householdIndex}` : '',
  };
}

function makeFamilies(random: Random, target: number): TruePerson[] {
  const persons: TruePerson[] = [];
  let household = 0;
  const today = dayOf('2024-12-31');
  while (persons.length < target) {
    household += 1;
    const family = random.skewed(SURNAMES, 0.8);
    const place = random.pick(TOWNS);
    const address = `${random.int(1, 200)} ${random.pick(STREETS)}, ${place.town}`;
    const postcode = `${place.area}${random.int(1, 19)} ${random.int(1, 9)}${random.pick(['AA', 'BD', 'EF', 'HJ', 'LN', 'PQ', 'RT', 'WX'])}`;
    const members: Omit<TruePerson, 'id'>[] = [];
    const adult = (names: readonly string[]): Omit<TruePerson, 'id'> => ({
      given: random.skewed(names, 0.6), family, dob: isoDay(today - random.int(20 * 365, 45 * 365)),
      nhs: nhsNumber(random), householdIndex: household, address, postcode,
    });
    members.push(adult(ADULT_WOMEN));
    if (random.chance(0.35)) members.push(adult(ADULT_MEN));
    const children = random.int(1, 4);
    const usedNames = new Set<string>();
    for (let c = 0; c < children; c++) {
      const twin = c > 0 && random.chance(0.06);
      const previous = members[members.length - 1] as Omit<TruePerson, 'id'>;
      let given: string;
      do given = random.skewed(random.chance(0.5) ? BOYS : GIRLS, 0.7);
      while (usedNames.has(given));
      usedNames.add(given);
      const dob = twin ? previous.dob : isoDay(today - random.int(1 * 365, 17 * 365));
      members.push({ given, family, dob, nhs: nhsNumber(random), householdIndex: household, address, postcode });
    }
    for (const member of members) persons.push({ id: `T${String(persons.length + 1).padStart(5, '0')}`, ...member });
  }
  return persons;
}

/** Occurrence dates of one person from 2018 (or birth) to 2024: mostly spread out, some repeats of a type a few days apart. */
function occurrenceDates(random: Random, count: number, dob: string): { day: number; type: string }[] {
  const occurrences: { day: number; type: string }[] = [];
  const start = Math.max(dayOf('2018-01-01'), dayOf(dob));
  const span = dayOf('2024-12-31') - start;
  for (let i = 0; i < count; i++) {
    const previous = occurrences[occurrences.length - 1];
    if (previous && random.chance(0.05)) occurrences.push({ day: previous.day + random.int(1, 5), type: previous.type });
    else occurrences.push({ day: start + random.int(0, span), type: random.skewed(TYPES, 0.8) });
  }
  return occurrences;
}

const CSV_COLUMNS = ['agency', 'record_id', 'person_id', 'nhs_number', 'dob', 'address', 'postcode', 'household_id', 'date', 'type', 'severity', 'source', 'threshold_met', 'outcome', 'description'];

/** One generated data row, as the sinks of generateRows receive it (in row order per agency). */
type RowSink = (profile: AgencyProfile, cells: readonly string[], truth: RowTruth) => void;

function validSettings(options: Partial<GenerateOptions>): GenerateOptions {
  const settings = { ...DEFAULT_GENERATE_OPTIONS, ...options };
  if (settings.agencies < 2 || settings.agencies > AGENCY_PROFILES.length) {
    throw new Error(`agencies must be 2 to ${AGENCY_PROFILES.length}, got ${settings.agencies}`);
  }
  return settings;
}

/** The header line of one agency's export. */
function headerOf(profile: AgencyProfile): string {
  const nameColumns = profile.nameStyle === 'combined' ? ['name'] : ['given_name', 'family_name'];
  return [...CSV_COLUMNS, ...nameColumns].join(',');
}

/** Generates every row in one seeded sequence, handing each to `sink`; export duplicates are handed twice. */
function generateRows(settings: GenerateOptions, sink: RowSink): { persons: TruePerson[]; occurrences: number } {
  const random = new Random(settings.seed);
  const profiles = AGENCY_PROFILES.slice(0, settings.agencies);
  const persons = makeFamilies(random, settings.people);
  const recordCounter = new Map<string, number>();
  const personCounter = new Map<string, number>();
  const nextId = (counter: Map<string, number>, agency: string): number => {
    const id = (counter.get(agency) ?? 0) + 1;
    counter.set(agency, id);
    return id;
  };
  let occurrenceCount = 0;

  for (const person of persons) {
    const known = random.subset(profiles, random.int(2, Math.min(4, profiles.length)));
    const views = new Map(
      known.map((profile) => [
        profile.agency,
        agencyView(random, person, profile, `${profile.agency.slice(0, 3).toUpperCase()}${String(nextId(personCounter, profile.agency)).padStart(6, '0')}`),
      ]),
    );
    const count = Math.max(1, Math.round(settings.occurrencesPerPerson * (0.4 + random.float() * 1.2)));
    for (const { day, type } of occurrenceDates(random, count, person.dob)) {
      occurrenceCount += 1;
      const occurrence = `O${String(occurrenceCount).padStart(6, '0')}`;
      const severity = random.int(1, 5);
      const recorders = random.subset(known, random.chance(0.45) ? 1 : random.int(2, Math.min(3, known.length)));
      recorders.forEach((profile, position) => {
        const view = views.get(profile.agency) as AgencyView;
        const id = nextId(recordCounter, profile.agency);
        const date = isoDay(day + (position === 0 ? 0 : random.int(0, 2)));
        const name = profile.nameStyle === 'combined' ? [`${view.family.toUpperCase()}, ${view.given}`] : [view.given, view.family];
        const cells = [
          profile.agency,
          `${profile.agency.slice(0, 2).toUpperCase()}-${String(id).padStart(7, '0')}`,
          view.personId,
          view.nhs,
          view.dob === '' ? '' : writeDate(view.dob, profile.dateStyle),
          view.address,
          view.postcode,
          view.household,
          writeDate(date, profile.dateStyle),
          type,
          String(Math.min(5, Math.max(1, severity + random.int(-1, 1)))),
          random.pick(SOURCES),
          type === 'referral' ? (random.chance(0.6) ? 'no' : 'yes') : '',
          random.chance(0.7) ? random.pick(OUTCOMES) : '',
          DESCRIPTIONS[type] ?? '',
          ...name,
        ];
        const truth = { person: person.id, occurrence };
        sink(profile, cells, truth);
        if (random.chance(settings.exportDuplicateShare)) sink(profile, cells, truth);
      });
    }
  }

  return { persons, occurrences: occurrenceCount };
}

export function generate(options: Partial<GenerateOptions> = {}): GeneratedDataset {
  const settings = validSettings(options);
  const profiles = AGENCY_PROFILES.slice(0, settings.agencies);
  const rows = new Map<string, { cells: readonly string[]; truth: RowTruth }[]>(profiles.map((p) => [p.agency, []]));
  const { persons, occurrences } = generateRows(settings, (profile, cells, truth) => {
    rows.get(profile.agency)?.push({ cells, truth });
  });
  const files = profiles.map((profile): GeneratedFile => {
    const list = rows.get(profile.agency) ?? [];
    const lines = [headerOf(profile), ...list.map((row) => csvLine(row.cells))];
    return {
      agency: profile.agency,
      file: `${profile.agency}.csv`,
      dateStyle: profile.dateStyle,
      csv: `${lines.join('\n')}\n`,
      truth: list.map((row) => row.truth),
    };
  });
  return { files, persons, occurrences };
}

function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** What writeDataset wrote: one CSV per agency, byte for byte the `csv` generate() returns for the same options. */
export interface WrittenDataset {
  files: { agency: string; path: string; rows: number }[];
  rows: number;
  persons: number;
  occurrences: number;
}

/** Bytes of CSV text buffered per file before a write: large enough to keep system calls rare. */
const WRITE_BUFFER_CHARS = 1 << 20;

/**
 * Writes the dataset generate() would return straight to `<dir>/<agency>.csv`, row by row, so a
 * dataset of millions of rows never has to fit in memory (the ground truth is not kept).
 */
export function writeDataset(options: Partial<GenerateOptions>, dir: string): WrittenDataset {
  const settings = validSettings(options);
  mkdirSync(dir, { recursive: true });
  const outputs = new Map(
    AGENCY_PROFILES.slice(0, settings.agencies).map((profile) => {
      const path = join(dir, `${profile.agency}.csv`);
      return [profile.agency, { path, fd: openSync(path, 'w'), pending: `${headerOf(profile)}\n`, rows: 0 }];
    }),
  );
  let rows = 0;
  try {
    const generated = generateRows(settings, (profile, cells) => {
      const output = outputs.get(profile.agency);
      if (output === undefined) return;
      output.pending += `${csvLine(cells)}\n`;
      output.rows += 1;
      rows += 1;
      if (output.pending.length >= WRITE_BUFFER_CHARS) {
        writeSync(output.fd, output.pending);
        output.pending = '';
      }
    });
    for (const output of outputs.values()) writeSync(output.fd, output.pending);
    return {
      files: [...outputs].map(([agency, output]) => ({ agency, path: output.path, rows: output.rows })),
      rows,
      persons: generated.persons.length,
      occurrences: generated.occurrences,
    };
  } finally {
    for (const output of outputs.values()) closeSync(output.fd);
  }
}
