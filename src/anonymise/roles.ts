import { ageAt } from '../model/date.js';
import { canonicalPostcode } from '../model/postcode.js';
import type { ChronologyRecord } from '../model/record.js';
import type { Person } from '../model/stages.js';

/**
 * Role words as agencies write them, most specific first: a text is counted for the first role
 * that matches and the match is then blanked, so "mother's partner" never also counts as "mother".
 */
const ROLE_TERMS: readonly (readonly [role: string, pattern: RegExp])[] = [
  ["Mother's partner", /\b(?:mother|mum)(?:['’]s)? (?:partner|boyfriend|girlfriend)\b/gi],
  ["Father's partner", /\b(?:father|dad)(?:['’]s)? (?:partner|girlfriend|boyfriend)\b/gi],
  ['Stepmother', /\bstep-?(?:mother|mum)\b/gi],
  ['Stepfather', /\bstep-?(?:father|dad)\b/gi],
  ['Maternal grandmother', /\b(?:mgm|maternal grand(?:mother|ma|mum|mom))\b/gi],
  ['Maternal grandfather', /\b(?:mgf|maternal grand(?:father|pa|dad))\b/gi],
  ['Paternal grandmother', /\b(?:pgm|paternal grand(?:mother|ma|mum|mom))\b/gi],
  ['Paternal grandfather', /\b(?:pgf|paternal grand(?:father|pa|dad))\b/gi],
  ['Mother', /\b(?:mother|mum)\b/gi],
  ['Father', /\b(?:father|dad)\b/gi],
];

/** How often each role word occurs in a text. */
export function roleMentions(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  let rest = text;
  for (const [role, pattern] of ROLE_TERMS) {
    const found = rest.match(pattern)?.length ?? 0;
    if (found > 0) counts.set(role, (counts.get(role) ?? 0) + found);
    rest = rest.replace(pattern, ' ');
  }
  return counts;
}

/** The role a `source` value names as a whole ("mother's partner" → Mother's partner), if any. */
export function roleOfSource(source: string): string | undefined {
  const mentions = roleMentions(source);
  return mentions.size === 1 ? [...mentions.keys()][0] : undefined;
}

export type AgeGroup = 'child' | 'adult' | 'unknown';

export interface PersonFacts {
  person: Person;
  records: readonly ChronologyRecord[];
  /** Age at the person's last record, from the date of birth linkage chose. */
  lastAge?: number;
  group: AgeGroup;
}

export function factsOf(person: Person, records: readonly ChronologyRecord[]): PersonFacts {
  const own = person.records.map((i) => records[i]).filter((r) => r !== undefined);
  const last = own.reduce<string | undefined>((max, r) => (max === undefined || r.date > max ? r.date : max), undefined);
  const lastAge = last === undefined ? undefined : ageAt(person.dob, last);
  return { person, records: own, lastAge, group: lastAge === undefined ? 'unknown' : lastAge < 18 ? 'child' : 'adult' };
}

/** A, B, ..., Z, AA, AB, ...: as spreadsheet columns. */
export function letters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Oldest first (earliest date of birth); people of one age by id, so the order never depends on input order. */
function byAge(a: PersonFacts, b: PersonFacts): number {
  const [da, db] = [a.person.dob ?? '9999', b.person.dob ?? '9999'];
  return da < db ? -1 : da > db ? 1 : a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0;
}

/** Where a person was recorded: addresses, postcodes and agency household ids, as comparable keys. */
function placesOf(facts: PersonFacts): Set<string> {
  const places = new Set<string>();
  for (const r of facts.records) {
    if (r.address) places.add(`a:${r.address.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`);
    if (r.postcode) places.add(`p:${canonicalPostcode(r.postcode)}`);
    if (r.household_id) places.add(`h:${r.agency}\u0000${r.household_id}`);
  }
  return places;
}

const day = (date: string): string => date.slice(0, 10);

/** The role each adult's own records name most often, kept only when no other adult claims it. */
function rolesFromOwnRecords(adults: readonly PersonFacts[]): Map<string, string> {
  const claims = new Map<string, string[]>();
  for (const adult of adults) {
    const counts = new Map<string, number>();
    for (const r of adult.records) {
      for (const [role, n] of roleMentions([r.description, r.impact, r.outcome].filter(Boolean).join(' \n '))) {
        counts.set(role, (counts.get(role) ?? 0) + n);
      }
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    const [top, second] = ranked;
    if (top && (!second || second[1] < top[1])) claims.set(top[0], [...(claims.get(top[0]) ?? []), adult.person.id]);
  }
  return new Map([...claims].filter(([, ids]) => ids.length === 1).map(([role, ids]) => [ids[0]!, role]));
}

/**
 * A role named as the `source` of a child's events goes to the one adult, not yet given a role,
 * who shares a place with the child, has own records on the days of those events, and is never
 * recorded as harmed by that role.
 */
function rolesFromSources(children: readonly PersonFacts[], adults: readonly PersonFacts[], taken: Map<string, string>): void {
  const places = new Map([...children, ...adults].map((f) => [f.person.id, placesOf(f)]));
  const roleDays = new Map<string, { days: Set<string>; children: Set<string> }>();
  for (const child of children) {
    for (const r of child.records) {
      const role = r.source === undefined ? undefined : roleOfSource(r.source);
      if (role === undefined) continue;
      const entry = roleDays.get(role) ?? { days: new Set<string>(), children: new Set<string>() };
      entry.days.add(day(r.date));
      entry.children.add(child.person.id);
      roleDays.set(role, entry);
    }
  }
  const assigned = new Set(taken.values());
  for (const [role, { days, children: harmed }] of [...roleDays].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (assigned.has(role)) continue;
    // Every place of every child this role harmed, gathered once: a caseload has thousands of both.
    const harmedPlaces = new Set([...harmed].flatMap((id) => [...places.get(id)!]));
    const candidates = adults.filter((adult) => {
      if (taken.has(adult.person.id)) return false;
      const sharesPlace = [...places.get(adult.person.id)!].some((p) => harmedPlaces.has(p));
      const present = adult.records.some((r) => days.has(day(r.date)));
      const harmedByRole = adult.records.some((r) => r.source !== undefined && roleOfSource(r.source) === role);
      return sharesPlace && present && !harmedByRole;
    });
    if (candidates.length === 1) {
      taken.set(candidates[0]!.person.id, role);
      assigned.add(role);
    }
  }
}

/**
 * Pseudonyms: children "Child A", "Child B"... oldest first; adults by role where the records give
 * one (see README, "Anonymised output"), else "Adult 1", "Adult 2"... oldest first; people whose
 * age is unknown "Person 1", "Person 2"...
 */
export function pseudonymsOf(facts: readonly PersonFacts[]): Map<string, string> {
  const children = facts.filter((f) => f.group === 'child').sort(byAge);
  const adults = facts.filter((f) => f.group === 'adult').sort(byAge);
  const unknown = facts.filter((f) => f.group === 'unknown').sort(byAge);
  const roles = rolesFromOwnRecords(adults);
  rolesFromSources(children, adults, roles);
  const names = new Map<string, string>();
  children.forEach((f, i) => names.set(f.person.id, `Child ${letters(i)}`));
  adults
    .filter((f) => !roles.has(f.person.id))
    .forEach((f, i) => names.set(f.person.id, `Adult ${i + 1}`));
  for (const [id, role] of roles) names.set(id, role);
  unknown.forEach((f, i) => names.set(f.person.id, `Person ${i + 1}`));
  return names;
}
