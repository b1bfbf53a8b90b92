import { dayRange } from '../model/date.js';
import { canonicalPostcode, type ChronologyRecord } from '../model/record.js';
import type { Person } from '../model/stages.js';
import { compareIds } from './events.js';
import type { HouseholdAnalysis } from './schema.js';
import type { HouseholdSettings } from './settings.js';

export interface Households {
  households: HouseholdAnalysis[];
  /** Person id → household id, for people who share a household with someone. */
  householdOf: Map<string, string>;
}

/** Lower case, punctuation and runs of space made one space: "14 Larch Close,  Dunmore" = "14 larch close dunmore". */
export function normaliseAddress(address: string): string {
  return address
    .toLowerCase()
    .replace(/[,.;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(id: string): string {
    const parent = this.parent.get(id) ?? id;
    if (parent === id) return id;
    const root = this.find(parent);
    this.parent.set(id, root);
    return root;
  }
  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    // The smaller id becomes the root, so the result never depends on the order of unions.
    if (compareIds(ra, rb) < 0) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }
}

interface Stay {
  person: string;
  first: number;
  last: number;
}

/**
 * People are one household when an agency gives them the same household_id, or when they were
 * recorded at the same address (or postcode, if enabled) at overlapping times, allowing a slack
 * between records because records are snapshots of where someone lived.
 */
export function findHouseholds(
  records: readonly ChronologyRecord[],
  persons: readonly Person[],
  settings: HouseholdSettings,
): Households {
  const byHouseholdId = new Map<string, { basis: string; persons: Set<string> }>();
  const byPlace = new Map<string, { basis: string; stays: Map<string, Stay> }>();

  for (const person of persons) {
    for (const index of person.records) {
      const record = records[index];
      if (record === undefined) continue;
      if (record.household_id !== undefined) {
        const key = `${record.agency}\u0000${record.household_id}`;
        const entry = byHouseholdId.get(key) ?? {
          basis: `household_id ${record.household_id} (${record.agency})`,
          persons: new Set<string>(),
        };
        entry.persons.add(person.id);
        byHouseholdId.set(key, entry);
      }
      const places: [string, string][] = [];
      if (record.address !== undefined) {
        const address = normaliseAddress(record.address);
        if (address !== '') places.push([`address\u0000${address}`, `address ${address}`]);
      }
      if (settings.postcode && record.postcode !== undefined && record.postcode.trim() !== '') {
        const postcode = canonicalPostcode(record.postcode);
        places.push([`postcode\u0000${postcode}`, `postcode ${postcode}`]);
      }
      const first = dayRange(record.date)[0];
      const last = dayRange(record.end_date ?? record.date)[1];
      for (const [key, basis] of places) {
        const entry = byPlace.get(key) ?? { basis, stays: new Map<string, Stay>() };
        const stay = entry.stays.get(person.id);
        entry.stays.set(person.id, {
          person: person.id,
          first: Math.min(first, stay?.first ?? first),
          last: Math.max(last, stay?.last ?? last),
        });
        byPlace.set(key, entry);
      }
    }
  }

  const groups = new UnionFind();
  const links: { a: string; b: string; basis: string }[] = [];
  const link = (a: string, b: string, basis: string) => {
    if (a === b) return;
    groups.union(a, b);
    links.push({ a, b, basis });
  };
  for (const { basis, persons: members } of byHouseholdId.values()) {
    const [first, ...rest] = [...members].sort(compareIds);
    if (first !== undefined) for (const other of rest) link(first, other, basis);
  }
  for (const { basis, stays } of byPlace.values()) {
    const ordered = [...stays.values()].sort((a, b) => a.first - b.first || compareIds(a.person, b.person));
    let reaching: Stay | undefined;
    for (const stay of ordered) {
      // The stay reaching furthest so far overlaps every later stay that starts before its (slackened) end.
      if (reaching !== undefined && stay.first <= reaching.last + settings.period_slack_days) {
        link(reaching.person, stay.person, basis);
      }
      if (reaching === undefined || stay.last > reaching.last) reaching = stay;
    }
  }

  const members = new Map<string, string[]>();
  for (const person of [...persons].sort((a, b) => compareIds(a.id, b.id))) {
    const root = groups.find(person.id);
    const list = members.get(root);
    if (list === undefined) members.set(root, [person.id]);
    else list.push(person.id);
  }
  const households: HouseholdAnalysis[] = [];
  const householdOf = new Map<string, string>();
  const rootOfHousehold = new Map<string, string>();
  for (const [root, ids] of members) {
    if (ids.length < 2) continue;
    const id = `H${String(households.length + 1).padStart(2, '0')}`;
    households.push({ id, members: ids, basis: [] });
    rootOfHousehold.set(root, id);
    for (const member of ids) householdOf.set(member, id);
  }
  const basisOf = new Map<string, Set<string>>();
  for (const { a, basis } of links) {
    const id = rootOfHousehold.get(groups.find(a));
    if (id !== undefined) basisOf.set(id, (basisOf.get(id) ?? new Set<string>()).add(basis));
  }
  for (const household of households) household.basis = [...(basisOf.get(household.id) ?? [])].sort();
  return { households, householdOf };
}
