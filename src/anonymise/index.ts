import type { Analysis } from '../analyse/index.js';
import type { Indicator } from '../analyse/schema.js';
import type { PairEvidence } from '../link/index.js';
import type { NicknameTable } from '../link/nicknames.js';
import { ageAt } from '../model/date.js';
import { parseDate } from '../normalise/date.js';
import type { ChronologyRecord, Warning } from '../model/record.js';
import type { ChronologyEvent, Person } from '../model/stages.js';
import type { Report } from '../render/report.js';
import { factsOf, pseudonymsOf, type PersonFacts } from './roles.js';
import { dataSpansOf } from '../analyse/data-spans.js';
import { keysOf, skeleton, transliterate } from './fold.js';
import { createScrubber, type Phrase, type Scrubber, type ScrubberOptions } from './text.js';
import { isOrdinaryWord } from './words.js';

export { letters, pseudonymsOf, roleMentions } from './roles.js';
export { createScrubber, type Phrase } from './text.js';
export { keysOf } from './fold.js';

/** What an anonymised report carries instead of dates of birth. */
export interface Anonymisation {
  /** Event id → the person's age in whole years at the event. */
  ages: ReadonlyMap<string, number>;
  /** Person id → age at the person's last record. */
  lastAges: ReadonlyMap<string, number>;
}

export interface AnonymisedReport extends Report {
  anonymisation: Anonymisation;
}

/** One line of the key: who a pseudonym stands for. */
export interface KeyEntry {
  pseudonym: string;
  person: string;
  names: string[];
  dobs: string[];
  nhs_numbers: string[];
  /** The agencies' own person ids, as "agency: id". */
  person_ids: string[];
}

export interface AnonymisationKey {
  note: string;
  persons: KeyEntry[];
}

export const KEY_NOTE =
  'Re-identification key for an anonymised chronology: it holds personal data. Keep it apart from the report, under the same controls as the source exports.';

/** The original cells an anonymised report keeps, each through the scrubber: agencies misfile names and dates anywhere. */
const KEPT_CELLS = ['agency', 'date', 'end_date', 'type', 'severity', 'source', 'threshold_met', 'outcome', 'description', 'impact'];
/** Warnings about these fields quote identifying values; an anonymised report says only which field. */
const IDENTITY_FIELDS = new Set([
  'dob', 'nhs_number', 'name', 'given_name', 'family_name', 'address', 'postcode', 'person_id', 'record_id', 'household_id',
]);
const REMOVED = { name: '[name]', family: '[family name]', address: '[address]', dob: '[date of birth]', postcode: '[postcode]', redacted: '[redacted]' } as const;

/** A term the author asks to have replaced (`--redact FILE`): a school, a street, a social worker. */
export interface RedactTerm {
  term: string;
  replacement?: string;
}

/**
 * The words of a name, each as its keys (fold.ts): a Latin or Cyrillic word is one key, a Han or
 * kana word one key a character. One-letter Latin words (initials) are dropped.
 */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
function nameWords(value: string | undefined): string[][] {
  if (value === undefined) return [];
  return value
    .split(/[^\p{L}\p{N}\p{M}'’\p{Cf}]+/u)
    .map((word) => keysOf(word))
    .filter((keys) => keys.length > 1 || (keys.length === 1 && (keys[0]!.length >= 2 || CJK.test(keys[0]!))));
}

/** A name in Cyrillic or Greek letters as Latin ones (Ольга Иванова: olga ivanova), or undefined for other names. */
function transliterated(value: string | undefined): string | undefined {
  return value !== undefined && /[\p{sc=Cyrillic}\p{sc=Greek}]/u.test(value) ? transliterate(value) : undefined;
}

/** An address, each comma-separated part of it, and each part without its house number. */
function addressPhrases(address: string): string[][] {
  const parts = [address, ...address.split(',')].map((part) => keysOf(part));
  const withoutNumber = parts.filter((t) => /^\d/.test(t[0] ?? '')).map((t) => t.slice(1));
  return [...parts, ...withoutNumber].filter((t) => t.some((token) => /\p{L}{3,}/u.test(token)));
}

/** The nicknames that stand for the same formal name as a given name (Tom, Tommy for Thomas). */
function nicknamesOf(given: string, table: NicknameTable): string[] {
  const formals = table.get(given);
  if (!formals) return [];
  return [...table].filter(([name, f]) => name !== given && f.some((x) => formals.includes(x))).map(([name]) => name);
}

const LATIN_WORD = /^[a-z]+$/;

/** How a name may be written: alone, with the other names in either order, with initials, joined, possessive, transliterated. */
function namePhrases(
  given: readonly string[][],
  family: readonly string[][],
  familyReplacement: string,
  pseudonym: string,
  tables: NameTables,
): Phrase[] {
  const phrases: Phrase[] = [];
  /** A word and its other Latin spellings (Mohammed: Muhammad, Mohamed...): data/transliterations.csv. */
  const spellings = (word: readonly string[]): string[][] =>
    word.length === 1 ? [word as string[], ...nicknamesOf(word[0]!, tables.transliterations).map((t) => [t])] : [word as string[]];
  const single = (word: readonly string[], replacement: string, capitalisedOnly = false) => {
    const token = word.join('');
    const latin = word.length === 1 && LATIN_WORD.test(token);
    const ordinary = latin && isOrdinaryWord(token);
    phrases.push({ tokens: word, replacement, capitalisedOnly: capitalisedOnly || ordinary, inCompounds: latin });
    if (latin && !ordinary && token.length >= 3) phrases.push({ tokens: [`${token}s`], replacement });
    const sk = latin ? skeleton(token) : '';
    if (sk.length >= 2) phrases.push({ tokens: [`~${sk}`], replacement });
  };
  const full = (first: readonly string[][], last: readonly string[][]) => {
    const [a, b] = [first.flat(), last.flat()];
    phrases.push({ tokens: [...a, ...b], replacement: pseudonym }, { tokens: [...b, ...a], replacement: pseudonym });
    phrases.push({ tokens: [a.join('') + b.join('')], replacement: pseudonym }, { tokens: [b.join('') + a.join('')], replacement: pseudonym });
    if ([...a, ...b].every((t) => LATIN_WORD.test(t))) {
      phrases.push({ tokens: [...a, ...b].map((t) => `~${skeleton(t)}`), replacement: pseudonym });
    }
  };
  for (const word of given) {
    for (const spelling of spellings(word)) {
      single(spelling, pseudonym);
      if (family.length > 0) full([spelling], family);
    }
    if (word.length !== 1) continue;
    for (const nickname of nicknamesOf(word[0]!, tables.nicknames)) {
      single([nickname], pseudonym, true);
      if (family.length > 0) full([[nickname]], family);
    }
  }
  for (const word of family) {
    for (const spelling of spellings(word)) {
      single(spelling, familyReplacement);
      if (given.length > 0 && family.length === 1) full([given[0]!], [spelling]);
    }
  }
  if (given.length > 0 && family.length > 0) {
    full(given, family);
    // L. Brennick, Brennick L, lbrennick, brennickl: an initial with the family name.
    const surname = family.flat();
    for (const word of given) {
      const initial = word[0]![0]!;
      if (!LATIN_WORD.test(initial)) continue;
      phrases.push({ tokens: [initial, ...surname], replacement: pseudonym }, { tokens: [...surname, initial], replacement: pseudonym });
      phrases.push({ tokens: [initial + surname.join('')], replacement: pseudonym }, { tokens: [surname.join('') + initial], replacement: pseudonym });
    }
  }
  return phrases;
}

/** The name lists the anonymiser knows each given and family name's other forms from. */
export interface NameTables {
  /** data/nicknames.csv: Tom for Thomas. */
  nicknames: NicknameTable;
  /** data/transliterations.csv: Muhammad for Mohammed. */
  transliterations: NicknameTable;
}

function phrasesOf(facts: readonly PersonFacts[], pseudonyms: Map<string, string>, tables: NameTables): Phrase[] {
  const familyOwners = new Map<string, Set<string>>();
  for (const f of facts) {
    for (const r of f.records) {
      for (const name of [r.name.family, transliterated(r.name.family)]) {
        for (const word of nameWords(name)) {
          const token = word.join(' ');
          familyOwners.set(token, (familyOwners.get(token) ?? new Set()).add(f.person.id));
        }
      }
    }
  }
  const phrases: Phrase[] = [];
  for (const f of facts) {
    const pseudonym = pseudonyms.get(f.person.id)!;
    // A person's records mostly repeat one name, address and dob: their phrases are made once.
    const seen = new Set<string>();
    for (const r of f.records) {
      const identity = JSON.stringify([r.name.given, r.name.family, r.address, r.original.dob, r.original.postcode]);
      if (seen.has(identity)) continue;
      seen.add(identity);
      for (const [givenName, familyName] of [
        [r.name.given, r.name.family],
        [transliterated(r.name.given), transliterated(r.name.family)],
      ]) {
        const given = nameWords(givenName);
        const family = nameWords(familyName);
        const shared = family.some((word) => familyOwners.get(word.join(' '))!.size > 1);
        phrases.push(...namePhrases(given, family, shared ? REMOVED.family : pseudonym, pseudonym, tables));
      }
      if (r.address) for (const tokens of addressPhrases(r.address)) phrases.push({ tokens, replacement: REMOVED.address });
      // A date of birth the reader could not turn into a date is found as its words; the rest in any form (text.ts).
      const dob = r.original.dob;
      if (dob !== undefined && r.dob === undefined && keysOf(dob).length >= 2) phrases.push({ tokens: keysOf(dob), replacement: REMOVED.dob });
      const postcode = r.original.postcode;
      if (postcode !== undefined && keysOf(postcode).length > 0) phrases.push({ tokens: keysOf(postcode), replacement: REMOVED.postcode });
    }
  }
  return phrases;
}

function redactPhrases(terms: readonly RedactTerm[]): Phrase[] {
  return terms.flatMap(({ term, replacement }) => {
    const tokens = keysOf(term);
    return tokens.length === 0 ? [] : [{ tokens, replacement: replacement ?? REMOVED.redacted, inCompounds: tokens.length === 1 }];
  });
}

/** Every date of birth and NHS number the records hold, parsed and as written, for the scrubber to find in any form. */
function identifiersOf(records: readonly ChronologyRecord[]): ScrubberOptions {
  const dobs = new Set<string>();
  const nhsNumbers = new Set<string>();
  for (const r of records) {
    if (r.dob !== undefined) dobs.add(r.dob.slice(0, 10));
    const written = r.original.dob === undefined ? undefined : parseDate(r.original.dob, 'auto');
    if (written && 'date' in written) dobs.add(written.date.slice(0, 10));
    for (const nhs of [r.nhs_number, r.original.nhs_number]) {
      const digits = nhs?.normalize('NFKC').replace(/\D/g, '');
      if (digits) nhsNumbers.add(digits);
    }
  }
  return { dobs: [...dobs].filter((d) => d.length === 10), nhsNumbers: [...nhsNumbers] };
}

function anonymiseRecord(record: ChronologyRecord, pseudonym: string | undefined, scrub: Scrubber): ChronologyRecord {
  const { record_id: _r, person_id: _p, nhs_number: _n, dob: _d, address: _a, postcode: _c, household_id: _h, ...rest } = record;
  const original: Record<string, string> = {};
  for (const cell of KEPT_CELLS) {
    const value = record.original[cell];
    if (value !== undefined) original[cell] = scrub(value);
  }
  return {
    ...rest,
    file: scrub(record.file),
    agency: scrub(record.agency),
    name: pseudonym === undefined ? {} : { given: pseudonym },
    ...scrubbedText(record, scrub),
    original,
  };
}

/** The free-text fields of a record or event, names and identifiers replaced. */
function scrubbedText<T extends Pick<ChronologyEvent, 'source' | 'outcome' | 'description' | 'impact'>>(item: T, scrub: Scrubber) {
  return {
    ...(item.source === undefined ? {} : { source: scrub(item.source) }),
    ...(item.outcome === undefined ? {} : { outcome: scrub(item.outcome) }),
    ...(item.description === undefined ? {} : { description: scrub(item.description) }),
    ...(item.impact === undefined ? {} : { impact: scrub(item.impact) }),
  };
}

function anonymiseEvent(event: ChronologyEvent, scrub: Scrubber): ChronologyEvent {
  const { source: _s, outcome: _o, description: _d, impact: _i, ...rest } = event;
  return {
    ...rest,
    agencies: event.agencies.map(scrub),
    ...scrubbedText(event, scrub),
    sources: event.sources.map(({ record_id: _r, ...source }) => ({ ...source, file: scrub(source.file), agency: scrub(source.agency) })),
  };
}

function anonymiseWarning(warning: Warning, scrub: Scrubber): Warning {
  if (warning.field !== undefined && IDENTITY_FIELDS.has(warning.field)) {
    return { ...warning, message: `problem with ${warning.field}: the value is withheld (--anonymise)` };
  }
  return { ...warning, message: scrub(warning.message) };
}

/** Identity values a pair's evidence shows are withheld; the agreement levels and weights stay. */
function anonymisePair(pair: PairEvidence): PairEvidence {
  const withhold = (v: string | undefined) => (v === undefined ? undefined : 'withheld');
  return { ...pair, fields: pair.fields.map((f) => ({ ...f, values: [withhold(f.values[0]), withhold(f.values[1])] })) };
}

/** "household_id HH-7731 (Children's Social Care)" says why people are one household without the id itself. */
function householdBasis(basis: string): string {
  const [kind] = basis.split(' ');
  if (kind === 'household_id') return `a household id of ${/\(([^)]*)\)$/.exec(basis)?.[1] ?? 'an agency'}`;
  if (kind === 'address') return 'a shared address';
  if (kind === 'postcode') return 'a shared postcode';
  return 'shared records';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
type Coarsen = (date: string) => string;

/** A date on a known date of birth (a birth, a birthday) kept to its month: the day would give the date of birth away. */
function coarsenerOf(dobs: readonly string[]): Coarsen {
  const known = new Set(dobs);
  return (date) => (known.has(date.slice(0, 10)) ? date.slice(0, 7) : date);
}

function withEventDates<T extends { date: string; end_date?: string }>(item: T, coarsen: Coarsen): T {
  return { ...item, date: coarsen(item.date), ...(item.end_date === undefined ? {} : { end_date: coarsen(item.end_date) }) };
}

/** Every date in a person's analysis (any string that is an ISO date), through `coarsen`. */
function withDates<T>(value: T, coarsen: Coarsen): T {
  if (typeof value === 'string') return (ISO_DATE.test(value) ? coarsen(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => withDates(v, coarsen)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDates(v, coarsen)])) as T;
}

/** A finding's sentence with only its data (sources, agencies, dates, descriptions) anonymised: the tool's own words stay. */
function anonymiseSummary(indicator: Indicator, scrub: Scrubber, coarsen: Coarsen): string {
  const spans = dataSpansOf(indicator);
  if (spans === undefined) return indicator.summary;
  let out = '';
  let last = 0;
  for (const [start, end] of spans) {
    const data = indicator.summary.slice(start, end);
    out += indicator.summary.slice(last, start) + (ISO_DATE.test(data) ? coarsen(data) : scrub(data));
    last = end;
  }
  return out + indicator.summary.slice(last);
}

/**
 * A source of harm as the Source dimension shows it once anonymised: a role or category the rules
 * know, or a pseudonym; any other text (a name the records cannot tell) is withheld.
 */
function anonymiseSourceLabel(label: string, category: string, pseudonyms: ReadonlySet<string>, scrub: Scrubber): string {
  const scrubbed = scrub(label);
  if (category !== 'unknown' || scrubbed === 'unknown') return scrubbed;
  return pseudonyms.has(scrubbed) ? scrubbed : 'another person (withheld)';
}

function anonymiseAnalysis(analysis: Analysis, pseudonyms: Map<string, string>, scrub: Scrubber, coarsen: Coarsen): Analysis {
  const names = new Set(pseudonyms.values());
  return {
    persons: analysis.persons.map(({ dob: _d, name: _n, ...p }) => withDates({
      ...p,
      ...(pseudonyms.has(p.id) ? { name: pseudonyms.get(p.id)! } : {}),
      sources: p.sources.map((s) => ({ ...s, file: scrub(s.file) })),
      strengths: p.strengths.map((s) => ({ ...s, ...(s.description === undefined ? {} : { description: scrub(s.description) }) })),
      caring_roles: p.caring_roles.map((s) => ({ ...s, ...(s.description === undefined ? {} : { description: scrub(s.description) }) })),
      source: {
        ...p.source,
        sources: p.source.sources.map((s) => ({ ...s, source: anonymiseSourceLabel(s.source, s.category, names, scrub) })),
        people: p.source.people.map(({ name: _n, ...x }) => ({ ...x, ...(pseudonyms.has(x.person) ? { name: pseudonyms.get(x.person)! } : {}) })),
        unresolved_roles: p.source.unresolved_roles.map(scrub),
      },
      system: {
        ...p.system,
        single_agency_concerns: p.system.single_agency_concerns.map((c) => ({ ...c, agency: scrub(c.agency) })),
        disagreements: p.system.disagreements.map((d) => ({
          ...d,
          accounts: d.accounts.map((x) => ({ ...x, agency: scrub(x.agency), ...(x.outcome === undefined ? {} : { outcome: scrub(x.outcome) }) })),
        })),
      },
      indicators: p.indicators.map((i) => ({ ...i, summary: anonymiseSummary(i, scrub, coarsen) })),
    }, coarsen)),
    households: analysis.households.map((h) => ({ ...h, basis: [...new Set(h.basis.map(householdBasis))] })),
  };
}

const distinct = (values: Iterable<string | undefined>): string[] =>
  [...new Set([...values].filter((v): v is string => v !== undefined && v !== ''))].sort();

function keyOf(facts: readonly PersonFacts[], pseudonyms: Map<string, string>): AnonymisationKey {
  return {
    note: KEY_NOTE,
    persons: facts.map((f) => ({
      pseudonym: pseudonyms.get(f.person.id)!,
      person: f.person.id,
      names: distinct(f.records.map((r) => [r.name.given, r.name.family].filter(Boolean).join(' '))),
      dobs: distinct(f.records.map((r) => r.dob)),
      nhs_numbers: distinct(f.records.map((r) => r.nhs_number)),
      person_ids: distinct(f.records.map((r) => (r.person_id === undefined ? undefined : `${r.agency}: ${r.person_id}`))),
    })),
  };
}

/**
 * The report with people named by pseudonym (Child A, Mother, Adult 1), identifiers removed and
 * names replaced inside free text, and the key that maps each pseudonym back. Pure: every renderer
 * shows the anonymised report as it would any other, with ages from `anonymisation` where it showed dates of birth.
 */
export function anonymiseReport(
  report: Report,
  nicknames: NicknameTable = new Map(),
  options: { redact?: readonly RedactTerm[]; transliterations?: NicknameTable } = {},
): { report: AnonymisedReport; key: AnonymisationKey } {
  const records = report.load.records;
  const persons = report.linkage?.persons ?? [];
  const facts = persons.map((person) => factsOf(person, records));
  const pseudonyms = pseudonymsOf(facts);
  const phrases = [...redactPhrases(options.redact ?? []), ...phrasesOf(facts, pseudonyms, { nicknames, transliterations: options.transliterations ?? new Map() })];
  const identifiers = identifiersOf(records);
  const scrub = createScrubber(phrases, REMOVED.name, identifiers);
  const coarsen = coarsenerOf(identifiers.dobs ?? []);
  const personOfRecord = new Map<number, Person>();
  for (const person of persons) for (const index of person.records) personOfRecord.set(index, person);
  const byId = new Map(persons.map((p) => [p.id, p]));

  const ages = new Map<string, number>();
  for (const event of report.events ?? []) {
    const age = ageAt(byId.get(event.person)?.dob, event.date);
    if (age !== undefined) ages.set(event.id, age);
  }
  const lastAges = new Map(facts.filter((f) => f.lastAge !== undefined).map((f) => [f.person.id, f.lastAge!]));

  const load = report.load;
  const anonymised: AnonymisedReport = {
    load: {
      ...load,
      records: records.map((r, i) => {
        const person = personOfRecord.get(i);
        return withEventDates(anonymiseRecord(r, person && pseudonyms.get(person.id), scrub), coarsen);
      }),
      rejected: load.rejected.map((r) => ({ ...r, file: scrub(r.file), reason: scrub(r.reason) })),
      skipped: load.skipped.map((s) => ({ ...s, file: scrub(s.file), reason: scrub(s.reason) })),
      warnings: load.warnings.map((w) => ({ ...anonymiseWarning(w, scrub), file: scrub(w.file) })),
      files: load.files.map((f) => ({ ...f, file: scrub(f.file), notes: f.notes.map(scrub) })),
    },
    ...(report.linkage
      ? {
          linkage: {
            ...report.linkage,
            persons: persons.map((p) => ({ id: p.id, records: p.records, name: { given: pseudonyms.get(p.id)! } })),
            links: report.linkage.links.map(anonymisePair),
            uncertain: report.linkage.uncertain.map(anonymisePair),
          },
        }
      : {}),
    ...(report.events ? { events: report.events.map((e) => withEventDates(anonymiseEvent(e, scrub), coarsen)) } : {}),
    ...(report.analysis ? { analysis: anonymiseAnalysis(report.analysis, pseudonyms, scrub, coarsen) } : {}),
    ...(report.pairs ? { pairs: report.pairs.map(anonymisePair) } : {}),
    anonymisation: { ages, lastAges },
  };
  return { report: anonymised, key: keyOf(facts, pseudonyms) };
}

export function anonymisationOf(report: Report): Anonymisation | undefined {
  return (report as Partial<AnonymisedReport>).anonymisation;
}

/** A person's age at an event: from the date of birth, or from the anonymisation that replaced it. */
export function ageAtEvent(report: Report, person: Person | undefined, event: Pick<ChronologyEvent, 'id' | 'date'>): number | undefined {
  const anonymisation = anonymisationOf(report);
  return anonymisation ? anonymisation.ages.get(event.id) : ageAt(person?.dob, event.date);
}
