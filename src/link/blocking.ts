import type { Identity } from './compare.js';
import { remember } from '../util/remember.js';
import { soundex } from './text.js';

/**
 * The blocking keys of one identity: only identities sharing a key are compared. Several keys,
 * so that a typo or a missing value in one field still leaves another way to meet.
 * `codes` caches Soundex by name: a caseload repeats a few thousand names over its identities.
 */
export function blockingKeys(identity: Identity, codes: Map<string, string> = new Map()): string[] {
  const keys: string[] = [];
  const family = remember(codes, identity.family.compact, soundex);
  const given = remember(codes, identity.given.tokens[0] ?? '', soundex);
  const givenInitial = identity.given.compact.slice(0, 1);
  const familyInitial = identity.family.compact.slice(0, 1);
  const dob = identity.dob;
  const year = dob?.slice(0, 4);
  if (identity.nhs) keys.push(`nhs:${identity.nhs}`);
  if (identity.personId) keys.push(`pid:${identity.agency}\u0000${identity.personId}`);
  if (dob && dob.length === 10) {
    const month = dob.slice(5, 7);
    const day = dob.slice(8, 10);
    keys.push(month <= day ? `dob:${year}-${month}-${day}` : `dob:${year}-${day}-${month}`);
  }
  if (family && year) keys.push(`fy:${family}:${year}`);
  if (given && year) keys.push(`gy:${given}:${year}`);
  if (family && given) keys.push(family <= given ? `nm:${family}:${given}` : `nm:${given}:${family}`);
  // Initials sorted, so that given and family names swapped still meet.
  const initials = givenInitial <= familyInitial ? givenInitial + familyInitial : familyInitial + givenInitial;
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
  /** Per identity p, its blocks are `membershipBlock[membershipStart[p] .. membershipStart[p + 1])`, with its position in each. */
  private readonly membershipStart: Int32Array;
  private readonly membershipBlock: Int32Array;
  private readonly membershipPosition: Int32Array;
  /** Block b's members are `blockMembers[blockStart[b] .. blockStart[b + 1])`: flat arrays, not one small array per block. */
  private readonly blockStart: Int32Array;
  private readonly blockMembers: Int32Array;
  /** Marks the partners already visited for the identity being read: no pair is visited twice. */
  private readonly seenFor: Int32Array;

  constructor(
    identities: readonly Identity[],
    sortKeys: readonly string[],
    private readonly maxBlockSize: number,
    private readonly window: number,
  ) {
    // Each key is looked up once: identities keep the numbers of their keys' groups, not the keys.
    const groupOfKey = new Map<string, number>();
    const groups: number[][] = [];
    const codes = new Map<string, string>();
    const groupsOf = identities.map((identity, index) => {
      const mine: number[] = [];
      for (const key of blockingKeys(identity, codes)) {
        let group = groupOfKey.get(key);
        if (group === undefined) {
          group = groups.length;
          groupOfKey.set(key, group);
          groups.push([index]);
        } else {
          groups[group]!.push(index);
        }
        mine.push(group);
      }
      return mine;
    });
    groupOfKey.clear();
    // One sort of every identity by its sort key; oversized blocks are then ordered by rank, a number.
    const rank = new Int32Array(identities.length);
    Int32Array.from(identities, (_, index) => index)
      .sort((p, q) => (sortKeys[p]! < sortKeys[q]! ? -1 : sortKeys[p]! > sortKeys[q]! ? 1 : p - q))
      .forEach((identity, position) => {
        rank[identity] = position;
      });
    const blockOfGroup = new Int32Array(groups.length).fill(-1);
    const blocks: number[][] = [];
    let memberCount = 0;
    groups.forEach((members, group) => {
      if (members.length < 2) return;
      if (members.length > maxBlockSize) members.sort((p, q) => rank[p]! - rank[q]!);
      blockOfGroup[group] = blocks.length;
      blocks.push(members);
      memberCount += members.length;
    });
    this.blockStart = new Int32Array(blocks.length + 1);
    this.blockMembers = new Int32Array(memberCount);
    this.membershipStart = new Int32Array(identities.length + 1);
    this.membershipBlock = new Int32Array(memberCount);
    this.membershipPosition = new Int32Array(memberCount).fill(-1);
    let at = 0;
    blocks.forEach((members, block) => {
      this.blockStart[block] = at;
      this.blockMembers.set(members, at);
      at += members.length;
    });
    this.blockStart[blocks.length] = at;
    at = 0;
    groupsOf.forEach((mine, identity) => {
      this.membershipStart[identity] = at;
      for (const group of mine) {
        const block = blockOfGroup[group]!;
        if (block >= 0) this.membershipBlock[at++] = block;
      }
    });
    this.membershipStart[identities.length] = at;
    blocks.forEach((members, block) => {
      if (members.length <= maxBlockSize) return;
      members.forEach((member, position) => {
        for (let k = this.membershipStart[member]!; k < this.membershipStart[member + 1]!; k++) {
          if (this.membershipBlock[k] === block) this.membershipPosition[k] = position;
        }
      });
    });
    this.seenFor = new Int32Array(identities.length).fill(-1);
  }

  /** Calls `visit` once for every candidate partner q > p of identity p, in no particular order. */
  forEachPartner(p: number, visit: (q: number) => void): void {
    for (let k = this.membershipStart[p]!; k < this.membershipStart[p + 1]!; k++) {
      const block = this.membershipBlock[k]!;
      const start = this.blockStart[block]!;
      const size = this.blockStart[block + 1]! - start;
      const full = size <= this.maxBlockSize;
      const position = this.membershipPosition[k]!;
      const from = start + (full ? 0 : Math.max(0, position - this.window));
      const to = start + (full ? size : Math.min(size, position + this.window + 1));
      for (let m = from; m < to; m++) {
        const q = this.blockMembers[m]!;
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
