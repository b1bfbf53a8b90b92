import { remember } from '../util/remember.js';
import { dayRange } from '../model/date.js';
import { canonicalPostcode } from '../model/postcode.js';
import type { ChronologyRecord } from '../model/record.js';
import type { Person } from '../model/stages.js';
import { compareIds } from './events.js';
import type { HouseholdAnalysis } from './schema.js';
import type { HouseholdSettings } from './settings.js';
import { UnionFind } from '../util/union-find.js';

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

/** A family name as compared for postcode evidence: letters only, accents and case folded ("O'Neill" = "ONEILL"). */
function familyKey(family: string | undefined): string {
  if (family === undefined) return '';
  return family
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

/** Groups of people, by index in id order; a group never grows past `maxMembers`. */
class BoundedUnionFind extends UnionFind {
  constructor(count: number, private readonly maxMembers: number) {
    super(count);
  }
  /** Joins the groups of a and b unless that makes one larger than the cap; whether they are now one group. */
  union(a: number, b: number): boolean {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return true;
    if (this.sizeOf(ra) + this.sizeOf(rb) > this.maxMembers) return false;
    this.join(ra, rb);
    return true;
  }
}

interface Stay {
  person: number;
  first: number;
  /** The last day, plus the slack: two stays overlap when one starts by the other's reach. */
  reach: number;
}

interface Place {
  /** 0 household_id, 1 address, 2 postcode: the order evidence is weighed in when groups reach the cap. */
  rank: number;
  key: string;
  basis: string;
  stays: Map<number, Stay>;
}

/** Most stays of one run open on any one day. */
function peakOverlap(stays: readonly Stay[]): number {
  const starts = stays.map((s) => s.first).sort((a, b) => a - b);
  const ends = stays.map((s) => s.reach).sort((a, b) => a - b);
  let open = 0;
  let peak = 0;
  for (let s = 0, e = 0; s < starts.length; ) {
    if (starts[s]! <= ends[e]!) {
      open += 1;
      s += 1;
      peak = Math.max(peak, open);
    } else {
      open -= 1;
      e += 1;
    }
  }
  return peak;
}

/**
 * The people of a run at one place whose groups it may join. Two households already formed meet
 * through one member each only when someone's record puts them, briefly, where a stranger lived:
 * the chaining pattern. So groups of two or more join one another only when each has at least two
 * people there; a person on their own joins any group.
 */
function joinable(people: readonly number[], groups: BoundedUnionFind): number[] {
  const present = new Map<number, number>();
  for (const person of people) {
    const root = groups.find(person);
    present.set(root, (present.get(root) ?? 0) + 1);
  }
  const formed = [...present.keys()].filter((root) => groups.sizeOf(root) > 1);
  if (formed.length <= 1) return [...people];
  return people.filter((person) => {
    const root = groups.find(person);
    return groups.sizeOf(root) === 1 || (present.get(root) ?? 0) > 1;
  });
}

/**
 * People are one household when an agency gives them the same household_id, or when they were
 * recorded at the same address (or postcode with the same family name, if enabled) at overlapping
 * times, allowing a slack between records because records are snapshots of where someone lived.
 * A run of overlapping stays holding more than `max_people_per_place` people at once is shared
 * housing or a street, not a home, and is no evidence; two formed households join only through two
 * people of each (see joinable); a household never grows past `max_members`.
 */
export function findHouseholds(
  records: readonly ChronologyRecord[],
  persons: readonly Person[],
  settings: HouseholdSettings,
): Households {
  const ordered = [...persons].sort((a, b) => compareIds(a.id, b.id));
  // Places by rank, then key; the basis text is made once per place, not once per record.
  const places = [new Map<string, Place>(), new Map<string, Place>(), new Map<string, Place>()] as const;
  const stayAt = (rank: 0 | 1 | 2, key: string, basis: () => string, person: number, first: number, last: number) => {
    let place = places[rank].get(key);
    if (place === undefined) {
      place = { rank, key, basis: basis(), stays: new Map() };
      places[rank].set(key, place);
    }
    const stay = place.stays.get(person);
    if (stay === undefined) place.stays.set(person, { person, first, reach: last });
    else {
      stay.first = Math.min(stay.first, first);
      stay.reach = Math.max(stay.reach, last);
    }
  };

  // A caseload repeats each address, family name and postcode over many records: each is read once.
  const addresses = new Map<string, string>();
  const families = new Map<string, string>();
  const postcodes = new Map<string, string>();
  ordered.forEach((person, index) => {
    for (const recordIndex of person.records) {
      const record = records[recordIndex];
      if (record === undefined) continue;
      const first = dayRange(record.date)[0];
      const last = dayRange(record.end_date ?? record.date)[1] + settings.period_slack_days;
      const { agency, household_id: householdId } = record;
      if (householdId !== undefined) {
        // An agency's household id holds for all time: every stay under it overlaps.
        stayAt(0, `${agency}\u0000${householdId}`, () => `household_id ${householdId} (${agency})`, index, 0, 0);
      }
      if (record.address !== undefined) {
        const address = remember(addresses, record.address, normaliseAddress);
        if (address !== '') stayAt(1, address, () => `address ${address}`, index, first, last);
      }
      const family = record.name.family === undefined ? '' : remember(families, record.name.family, familyKey);
      if (settings.postcode && record.postcode !== undefined && record.postcode.trim() !== '' && family !== '') {
        const postcode = remember(postcodes, record.postcode, canonicalPostcode);
        // A postcode covers several homes: only a shared family name there says "one home".
        stayAt(2, `${postcode}\u0000${family}`, () => `postcode ${postcode}`, index, first, last);
      }
    }
  });

  const groups = new BoundedUnionFind(ordered.length, settings.max_members);
  const basisOf = new Map<number, string[]>();
  const evidence = (a: number, b: number, basis: string) => {
    if (!groups.union(a, b)) return;
    const list = basisOf.get(a);
    if (list === undefined) basisOf.set(a, [basis]);
    else list.push(basis);
  };
  const weighed = places.flatMap((byKey) => [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)));
  for (const { rank, basis, stays } of weighed) {
    const byStart = [...stays.values()].sort((a, b) => a.first - b.first || a.person - b.person);
    // Runs of overlapping stays: the stay reaching furthest so far overlaps every later stay that starts by its reach.
    for (let start = 0; start < byStart.length; ) {
      let end = start + 1;
      let reach = byStart[start]!.reach;
      while (end < byStart.length && byStart[end]!.first <= reach) reach = Math.max(reach, byStart[end++]!.reach);
      const run = byStart.slice(start, end);
      start = end;
      if (run.length < 2) continue;
      if (rank > 0 && peakOverlap(run) > settings.max_people_per_place) continue;
      const joining = joinable(run.map((s) => s.person), groups);
      const head = joining.reduce((a, b) => Math.min(a, b), Infinity);
      for (const person of joining) if (person !== head) evidence(head, person, basis);
    }
  }

  const members = new Map<number, string[]>();
  ordered.forEach((person, index) => {
    const root = groups.find(index);
    const list = members.get(root);
    if (list === undefined) members.set(root, [person.id]);
    else list.push(person.id);
  });
  const households: HouseholdAnalysis[] = [];
  const householdOf = new Map<string, string>();
  const householdOfRoot = new Map<number, HouseholdAnalysis>();
  for (const [root, ids] of members) {
    if (ids.length < 2) continue;
    const household = { id: `H${String(households.length + 1).padStart(2, '0')}`, members: ids, basis: [] as string[] };
    households.push(household);
    householdOfRoot.set(root, household);
    for (const member of ids) householdOf.set(member, household.id);
  }
  for (const [person, bases] of basisOf) {
    const household = householdOfRoot.get(groups.find(person));
    if (household !== undefined) household.basis.push(...bases);
  }
  for (const household of households) household.basis = [...new Set(household.basis)].sort();
  return { households, householdOf };
}
