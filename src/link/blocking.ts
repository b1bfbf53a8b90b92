import type { Identity } from './compare.js';
import { soundex } from './text.js';

/**
 * The blocking keys of one identity: only identities sharing a key are compared. Several keys,
 * so that a typo or a missing value in one field still leaves another way to meet.
 */
export function blockingKeys(identity: Identity): string[] {
  const keys: string[] = [];
  const family = soundex(identity.family.compact);
  const given = soundex(identity.given.tokens[0] ?? '');
  const givenInitial = identity.given.compact.slice(0, 1);
  const familyInitial = identity.family.compact.slice(0, 1);
  const dob = identity.dob;
  const year = dob?.slice(0, 4);
  if (identity.nhs) keys.push(`nhs:${identity.nhs}`);
  if (identity.personId) keys.push(`pid:${identity.agency}\u0000${identity.personId}`);
  if (dob && dob.length === 10) {
    const [month, day] = [dob.slice(5, 7), dob.slice(8, 10)].sort();
    keys.push(`dob:${dob.slice(0, 4)}-${month}-${day}`);
  }
  if (family && year) keys.push(`fy:${family}:${year}`);
  if (given && year) keys.push(`gy:${given}:${year}`);
  if (family && given) keys.push(`nm:${[family, given].sort().join(':')}`);
  // Initials sorted, so that given and family names swapped still meet.
  const initials = [givenInitial, familyInitial].sort().join('');
  if (identity.postcode.compact) {
    if (givenInitial) keys.push(`pg:${identity.postcode.compact}:${givenInitial}`);
    if (familyInitial) keys.push(`pf:${identity.postcode.compact}:${familyInitial}`);
    if (givenInitial && familyInitial) keys.push(`pi:${identity.postcode.compact}:${initials}`);
  }
  if (identity.address.normalised && initials) {
    keys.push(`ad:${identity.address.normalised.slice(0, 12)}:${initials}`);
  }
  return keys;
}

/**
 * Candidate pairs (i < j) of identities that share a blocking key, each once, ascending. A block
 * up to maxBlockSize is compared in full; a larger one is sorted by `sortKeys` and each member is
 * compared with its next `window` neighbours only, so no block costs more than size × window.
 */
export function candidatePairs(
  identities: readonly Identity[],
  sortKeys: readonly string[],
  maxBlockSize: number,
  window: number,
): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  identities.forEach((identity, index) => {
    for (const key of blockingKeys(identity)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });
  const count = identities.length;
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const add = (x: number, y: number): void => {
    const [lo, hi] = x < y ? [x, y] : [y, x];
    const key = lo * count + hi;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([lo, hi]);
  };
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    if (members.length <= maxBlockSize) {
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) add(members[x]!, members[y]!);
      }
      continue;
    }
    const sorted = [...members].sort((p, q) => (sortKeys[p]! < sortKeys[q]! ? -1 : sortKeys[p]! > sortKeys[q]! ? 1 : p - q));
    for (let x = 0; x < sorted.length; x++) {
      for (let y = x + 1; y <= x + window && y < sorted.length; y++) add(sorted[x]!, sorted[y]!);
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
