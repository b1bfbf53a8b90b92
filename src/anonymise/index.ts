import type { Analysis } from '../analyse/index.js';
import type { PairEvidence } from '../link/index.js';
import type { NicknameTable } from '../link/nicknames.js';
import { nameTokens } from '../link/text.js';
import { ageAt, precisionOf } from '../model/date.js';
import type { ChronologyRecord, Warning } from '../model/record.js';
import type { ChronologyEvent, Person } from '../model/stages.js';
import type { Report } from '../render/report.js';
import { factsOf, pseudonymsOf, type PersonFacts } from './roles.js';
import { createScrubber, type Phrase, type Scrubber } from './text.js';

export { letters, pseudonymsOf, roleMentions } from './roles.js';
export { createScrubber, type Phrase } from './text.js';

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

/** The original cells an anonymised report keeps: none of them identifies anyone once free text is scrubbed. */
const KEPT_CELLS = ['agency', 'date', 'end_date', 'type', 'severity', 'source', 'threshold_met', 'outcome', 'description', 'impact'];
const FREE_TEXT_CELLS = new Set(['source', 'outcome', 'description', 'impact']);
/** Warnings about these fields quote identifying values; an anonymised report says only which field. */
const IDENTITY_FIELDS = new Set([
  'dob', 'nhs_number', 'name', 'given_name', 'family_name', 'address', 'postcode', 'person_id', 'record_id', 'household_id',
]);
const REMOVED = { name: '[name]', family: '[family name]', address: '[address]', dob: '[date of birth]' } as const;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The ways a date of birth may be written: ISO, day-first with or without zeros, two- or four-digit years, month names. */
function dobPhrases(dob: string): string[][] {
  if (precisionOf(dob) !== 'day' && precisionOf(dob) !== 'time') return [];
  const [year, month, day] = [dob.slice(0, 4), dob.slice(5, 7), dob.slice(8, 10)];
  const name = MONTHS[Number(month) - 1]!;
  const days = [day, String(Number(day))];
  const months = [month, String(Number(month)), name, name.slice(0, 3)];
  const years = [year, year.slice(2)];
  const forms = [[year, month, day]];
  for (const d of new Set(days)) for (const m of new Set(months)) for (const y of years) forms.push([d, m, y]);
  return forms;
}

/** An address, each comma-separated part of it, and each part without its house number. */
function addressPhrases(address: string): string[][] {
  const parts = [address, ...address.split(',')].map((part) => nameTokens(part));
  const withoutNumber = parts.filter((t) => /^\d/.test(t[0] ?? '')).map((t) => t.slice(1));
  return [...parts, ...withoutNumber].filter((t) => t.some((token) => /\p{L}{3,}/u.test(token)));
}

/** The nicknames that stand for the same formal name as a given name (Tom, Tommy for Thomas). */
function nicknamesOf(given: string, table: NicknameTable): string[] {
  const formals = table.get(given);
  if (!formals) return [];
  return [...table].filter(([name, f]) => name !== given && f.some((x) => formals.includes(x))).map(([name]) => name);
}

function phrasesOf(facts: readonly PersonFacts[], pseudonyms: Map<string, string>, table: NicknameTable): Phrase[] {
  const familyOwners = new Map<string, Set<string>>();
  for (const f of facts) {
    for (const r of f.records) for (const token of nameTokens(r.name.family)) {
      familyOwners.set(token, (familyOwners.get(token) ?? new Set()).add(f.person.id));
    }
  }
  const phrases: Phrase[] = [];
  for (const f of facts) {
    const pseudonym = pseudonyms.get(f.person.id)!;
    // A person's records mostly repeat one name, address and dob: their phrases are made once.
    const seen = new Set<string>();
    for (const r of f.records) {
      const identity = JSON.stringify([r.name.given, r.name.family, r.address, r.dob, r.original.dob]);
      if (seen.has(identity)) continue;
      seen.add(identity);
      const given = nameTokens(r.name.given).filter((t) => t.length >= 2);
      const family = nameTokens(r.name.family).filter((t) => t.length >= 2);
      for (const token of given) {
        phrases.push({ tokens: [token], replacement: pseudonym });
        for (const nickname of nicknamesOf(token, table)) {
          phrases.push({ tokens: [nickname], replacement: pseudonym, capitalisedOnly: true });
          if (family.length > 0) phrases.push({ tokens: [nickname, ...family], replacement: pseudonym, capitalisedOnly: true });
        }
      }
      for (const token of family) {
        phrases.push({ tokens: [token], replacement: familyOwners.get(token)!.size === 1 ? pseudonym : REMOVED.family });
      }
      if (given.length > 0 && family.length > 0) {
        phrases.push({ tokens: [...given, ...family], replacement: pseudonym }, { tokens: [...family, ...given], replacement: pseudonym });
      }
      if (r.address) for (const tokens of addressPhrases(r.address)) phrases.push({ tokens, replacement: REMOVED.address });
      const dobs = [r.dob, r.original.dob].filter((d): d is string => d !== undefined);
      for (const dob of dobs) {
        const forms = /^\d{4}-\d{2}-\d{2}/.test(dob) ? dobPhrases(dob) : [nameTokens(dob)];
        for (const tokens of forms) if (tokens.length >= 3) phrases.push({ tokens, replacement: REMOVED.dob });
      }
    }
  }
  return phrases;
}

function anonymiseRecord(record: ChronologyRecord, pseudonym: string | undefined, scrub: Scrubber): ChronologyRecord {
  const { record_id: _r, person_id: _p, nhs_number: _n, dob: _d, address: _a, postcode: _c, household_id: _h, ...rest } = record;
  const original: Record<string, string> = {};
  for (const cell of KEPT_CELLS) {
    const value = record.original[cell];
    if (value !== undefined) original[cell] = FREE_TEXT_CELLS.has(cell) ? scrub(value) : value;
  }
  return {
    ...rest,
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
    ...scrubbedText(event, scrub),
    sources: event.sources.map(({ record_id: _r, ...source }) => source),
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

function anonymiseAnalysis(analysis: Analysis, pseudonyms: Map<string, string>, scrub: Scrubber): Analysis {
  return {
    persons: analysis.persons.map(({ dob: _d, name: _n, ...p }) => ({
      ...p,
      ...(pseudonyms.has(p.id) ? { name: pseudonyms.get(p.id)! } : {}),
      strengths: p.strengths.map((s) => ({ ...s, ...(s.description === undefined ? {} : { description: scrub(s.description) }) })),
      caring_roles: p.caring_roles.map((s) => ({ ...s, ...(s.description === undefined ? {} : { description: scrub(s.description) }) })),
      source: {
        ...p.source,
        people: p.source.people.map(({ name: _n, ...x }) => ({ ...x, ...(pseudonyms.has(x.person) ? { name: pseudonyms.get(x.person)! } : {}) })),
      },
      system: {
        ...p.system,
        disagreements: p.system.disagreements.map((d) => ({
          ...d,
          accounts: d.accounts.map((x) => ({ ...x, ...(x.outcome === undefined ? {} : { outcome: scrub(x.outcome) }) })),
        })),
      },
      indicators: p.indicators.map((i) => ({ ...i, summary: scrub(i.summary) })),
    })),
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
): { report: AnonymisedReport; key: AnonymisationKey } {
  const records = report.load.records;
  const persons = report.linkage?.persons ?? [];
  const facts = persons.map((person) => factsOf(person, records));
  const pseudonyms = pseudonymsOf(facts);
  const scrub = createScrubber(phrasesOf(facts, pseudonyms, nicknames), REMOVED.name);
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
        return anonymiseRecord(r, person && pseudonyms.get(person.id), scrub);
      }),
      rejected: load.rejected.map((r) => ({ ...r, reason: scrub(r.reason) })),
      skipped: load.skipped.map((s) => ({ ...s, reason: scrub(s.reason) })),
      warnings: load.warnings.map((w) => anonymiseWarning(w, scrub)),
      files: load.files.map((f) => ({ ...f, notes: f.notes.map(scrub) })),
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
    ...(report.events ? { events: report.events.map((e) => anonymiseEvent(e, scrub)) } : {}),
    ...(report.analysis ? { analysis: anonymiseAnalysis(report.analysis, pseudonyms, scrub) } : {}),
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
