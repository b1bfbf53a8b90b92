import type { ChronologyRecord } from '../../src/model/record.js';
import type { ChronologyEvent, Person } from '../../src/model/stages.js';
import type { EventType } from '../../src/model/vocabulary.js';
import type { RuleSet } from '../../src/analyse/index.js';
import { loadRules } from '../../src/analyse/rules-file.js';

export interface PersonSpec {
  given?: string;
  family?: string;
  dob?: string;
  address?: string;
  postcode?: string;
  household_id?: string;
  agency?: string;
}

type EventExtra = Partial<Omit<ChronologyEvent, 'id' | 'person' | 'date' | 'type' | 'sources'>>;

/** One agency's record of a merged occurrence. */
export interface Account {
  agency: string;
  severity?: 1 | 2 | 3 | 4 | 5;
  threshold_met?: boolean;
  outcome?: string;
  description?: string;
  source?: string;
}

/** Builds a small merged chronology by hand: one record per event, people with their addresses. */
export function chronology() {
  const records: ChronologyRecord[] = [];
  const persons = new Map<string, { person: Person; spec: PersonSpec }>();
  const events: ChronologyEvent[] = [];

  const api = {
    person(id: string, spec: PersonSpec = {}) {
      persons.set(id, {
        person: { id, records: [], name: { given: spec.given, family: spec.family }, ...(spec.dob ? { dob: spec.dob } : {}) },
        spec,
      });
      return api;
    },
    /** Adds an event (and its record) and returns its id. */
    event(person: string, date: string, type: EventType, extra: EventExtra = {}): string {
      if (!persons.has(person)) api.person(person);
      const entry = persons.get(person)!;
      const agency = extra.agencies?.[0] ?? entry.spec.agency ?? 'Social Care';
      const index = records.length;
      const file = `${agency.toLowerCase().replace(/\W+/g, '-')}.csv`;
      const line = index + 2;
      records.push({
        file,
        line,
        agency,
        name: { given: entry.spec.given, family: entry.spec.family },
        ...(entry.spec.dob ? { dob: entry.spec.dob } : {}),
        ...(entry.spec.address ? { address: entry.spec.address } : {}),
        ...(entry.spec.postcode ? { postcode: entry.spec.postcode } : {}),
        // Only the person's own agency keeps a household id, as in real exports.
        ...(entry.spec.household_id && agency === (entry.spec.agency ?? 'Social Care')
          ? { household_id: entry.spec.household_id }
          : {}),
        date,
        type,
        original: {},
      });
      entry.person.records.push(index);
      const id = `E${String(events.length + 1).padStart(3, '0')}`;
      events.push({ id, person, date, type, agencies: [agency], sources: [{ file, line, agency, record: index }], ...extra });
      return id;
    },
    /** One occurrence several agencies recorded, each with its own account: one event keeping every record. */
    merged(person: string, date: string, type: EventType, accounts: readonly Account[], extra: EventExtra = {}): string {
      if (!persons.has(person)) api.person(person);
      const entry = persons.get(person)!;
      const sources = accounts.map((account) => {
        const index = records.length;
        const file = `${account.agency.toLowerCase().replace(/\W+/g, '-')}.csv`;
        records.push({ file, line: index + 2, name: { given: entry.spec.given, family: entry.spec.family }, date, type, original: {}, ...account });
        entry.person.records.push(index);
        return { file, line: index + 2, agency: account.agency, record: index };
      });
      const severities = accounts.flatMap((a) => (a.severity === undefined ? [] : [a.severity]));
      const id = `E${String(events.length + 1).padStart(3, '0')}`;
      events.push({
        id,
        person,
        date,
        type,
        agencies: [...new Set(accounts.map((a) => a.agency))].sort(),
        sources,
        ...(severities.length > 0 ? { severity: Math.max(...severities) as 1 } : {}),
        ...(accounts[0]?.description === undefined ? {} : { description: accounts[0].description }),
        ...extra,
      });
      return id;
    },
    input() {
      return { records, persons: [...persons.values()].map((p) => p.person), events };
    },
  };
  return api;
}

let bundled: RuleSet | undefined;

/** The bundled default rules, with changes for one test. */
export async function rules(change: (rules: RuleSet) => void = () => {}): Promise<RuleSet> {
  bundled ??= await loadRules();
  const copy = structuredClone(bundled);
  change(copy);
  return copy;
}

/** Default rules with only the named indicator enabled, its params changed. */
export async function only(code: string, params: Record<string, unknown> = {}): Promise<RuleSet> {
  return rules((r) => {
    for (const [id, entry] of Object.entries(r.indicators)) entry.enabled = id === code;
    const entry = r.indicators[code];
    if (!entry) throw new Error(`no indicator ${code}`);
    Object.assign(entry.params, params);
  });
}

const BASE = Date.UTC(2020, 0, 1);

/** The ISO date `days` after 1 January 2020. */
export function day(days: number): string {
  return new Date(BASE + days * 86_400_000).toISOString().slice(0, 10);
}
