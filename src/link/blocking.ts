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
 * The blocks of a set of identities, from which each identity's candidate partners are read one
 * identity at a time, so no list of all pairs is ever built. A block up to maxBlockSize is compared
 * in full; a larger one is sorted by `sortKeys` and each member meets only its `window` neighbours
 * on either side, so no block costs more than size × window.
 */
export class CandidateIndex {
  /** Per identity, the blocks it belongs to (as indices into `blocks`) and its position in each. */
  private readonly memberships: Int32Array[];
  private readonly positions: Int32Array[];
  private readonly blocks: Int32Array[];
  /** Marks the partners already visited for the identity being read: no pair is visited twice. */
  private readonly seenFor: Int32Array;

  constructor(
    identities: readonly Identity[],
    sortKeys: readonly string[],
    private readonly maxBlockSize: number,
    private readonly window: number,
  ) {
    const byKey = new Map<string, number[]>();
    const keysOf = identities.map((identity, index) => {
      const keys = blockingKeys(identity);
      for (const key of keys) {
        const block = byKey.get(key);
        if (block) block.push(index);
        else byKey.set(key, [index]);
      }
      return keys;
    });
    const blockIndex = new Map<string, number>();
    this.blocks = [];
    for (const [key, members] of byKey) {
      if (members.length < 2) continue;
      if (members.length > maxBlockSize) {
        members.sort((p, q) => (sortKeys[p]! < sortKeys[q]! ? -1 : sortKeys[p]! > sortKeys[q]! ? 1 : p - q));
      }
      blockIndex.set(key, this.blocks.length);
      this.blocks.push(Int32Array.from(members));
    }
    byKey.clear();
    const where = new Map<number, Map<number, number>>();
    this.memberships = keysOf.map((keys) => Int32Array.from(keys.flatMap((key) => blockIndex.get(key) ?? [])));
    this.blocks.forEach((members, block) => {
      if (members.length <= maxBlockSize) return;
      members.forEach((member, position) => {
        const positions = where.get(member) ?? new Map<number, number>();
        positions.set(block, position);
        where.set(member, positions);
      });
    });
    this.positions = this.memberships.map((blocks, index) => Int32Array.from(blocks, (block) => where.get(index)?.get(block) ?? -1));
    this.seenFor = new Int32Array(identities.length).fill(-1);
  }

  /** Calls `visit` once for every candidate partner q > p of identity p, in no particular order. */
  forEachPartner(p: number, visit: (q: number) => void): void {
    const blocks = this.memberships[p]!;
    const positions = this.positions[p]!;
    for (let k = 0; k < blocks.length; k++) {
      const members = this.blocks[blocks[k]!]!;
      const full = members.length <= this.maxBlockSize;
      const position = positions[k]!;
      const from = full ? 0 : Math.max(0, position - this.window);
      const to = full ? members.length : Math.min(members.length, position + this.window + 1);
      for (let m = from; m < to; m++) {
        const q = members[m]!;
        if (q <= p || this.seenFor[q] === p) continue;
        this.seenFor[q] = p;
        visit(q);
      }
    }
  }
}

/** Every candidate pair (i < j) of identities that share a blocking key, each once, ascending (see CandidateIndex). */
export function candidatePairs(
  identities: readonly Identity[],
  sortKeys: readonly string[],
  maxBlockSize: number,
  window: number,
): Array<[number, number]> {
  const index = new CandidateIndex(identities, sortKeys, maxBlockSize, window);
  const pairs: Array<[number, number]> = [];
  for (let p = 0; p < identities.length; p++) {
    const partners: number[] = [];
    index.forEachPartner(p, (q) => partners.push(q));
    for (const q of partners.sort((x, y) => x - y)) pairs.push([p, q]);
  }
  return pairs;
}
