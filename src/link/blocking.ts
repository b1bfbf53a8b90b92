import type { Identity } from './compare.js';
import { Numbering } from '../util/numbering.js';
import { remember } from '../util/remember.js';
import { soundex } from './text.js';

/** The numberings blocking keys are made from, shared by every identity of one input; Soundex is cached by name. */
export class BlockingParts {
  readonly soundexOf = new Map<string, string>();
  readonly codes = new Numbering<string>();
  readonly years = new Numbering<string>();
  readonly dayMonths = new Numbering<string>();
  readonly initials = new Numbering<string>();
  readonly postcodes = new Numbering<string>();
  readonly addresses = new Numbering<string>();
  readonly nhs = new Numbering<string>();
  readonly personIds = new Numbering<string>();
  readonly agencies = new Numbering<string>();
}

const KINDS = ['nhs', 'pid', 'dob', 'fy', 'gy', 'nm', 'pg', 'pf', 'pi', 'ad'] as const;
const KIND = Object.fromEntries(KINDS.map((kind, k) => [kind, k])) as Record<(typeof KINDS)[number], number>;
const KIND_SLOTS = 16;
const B_LIMIT = 2 ** 24;
const A_LIMIT = 2 ** 25;

/**
 * A blocking key as one exact number: its kind and the numbers of its two parts. A number is
 * hashed and compared without building or flattening a key string, and with these bounds
 * (a < 2^25, b < 2^24, kind < 16) every key is a distinct integer below 2^53.
 */
function keyOf(kind: number, a: number, b: number): number {
  if (a >= A_LIMIT || b >= B_LIMIT) throw new RangeError(`blocking key part out of range: ${a}, ${b}`);
  return (a * B_LIMIT + b) * KIND_SLOTS + kind;
}

/**
 * The blocking keys of one identity: only identities sharing a key are compared. Several keys,
 * so that a typo or a missing value in one field still leaves another way to meet:
 * nhs (the NHS number), pid (agency and person_id), dob (full dob, day and month in either order),
 * fy and gy (Soundex of family or first given name, with the birth year), nm (both Soundex codes,
 * in either order), pg, pf and pi (postcode with the given, family or both initials) and ad (the
 * address's first 12 characters with both initials). Initials are taken in either order, so that
 * given and family names swapped still meet.
 */
export function blockingKeys(identity: Identity, parts: BlockingParts = new BlockingParts()): number[] {
  const keys: number[] = [];
  const family = remember(parts.soundexOf, identity.family.compact, soundex);
  const given = remember(parts.soundexOf, identity.given.tokens[0] ?? '', soundex);
  const givenInitial = identity.given.compact.slice(0, 1);
  const familyInitial = identity.family.compact.slice(0, 1);
  const dob = identity.dob;
  const year = dob === undefined || dob === '' ? undefined : parts.years.of(dob.slice(0, 4));
  if (identity.nhs) keys.push(keyOf(KIND.nhs, parts.nhs.of(identity.nhs), 0));
  if (identity.personId) keys.push(keyOf(KIND.pid, parts.personIds.of(identity.personId), parts.agencies.of(identity.agency)));
  if (dob && dob.length === 10 && year !== undefined) {
    const month = dob.slice(5, 7);
    const day = dob.slice(8, 10);
    keys.push(keyOf(KIND.dob, year, parts.dayMonths.of(month <= day ? month + day : day + month)));
  }
  const familyCode = family ? parts.codes.of(family) : undefined;
  const givenCode = given ? parts.codes.of(given) : undefined;
  if (familyCode !== undefined && year !== undefined) keys.push(keyOf(KIND.fy, familyCode, year));
  if (givenCode !== undefined && year !== undefined) keys.push(keyOf(KIND.gy, givenCode, year));
  if (familyCode !== undefined && givenCode !== undefined) {
    keys.push(keyOf(KIND.nm, Math.min(familyCode, givenCode), Math.max(familyCode, givenCode)));
  }
  const initials = parts.initials.of(givenInitial <= familyInitial ? givenInitial + familyInitial : familyInitial + givenInitial);
  if (identity.postcode.compact) {
    const postcode = parts.postcodes.of(identity.postcode.compact);
    if (givenInitial) keys.push(keyOf(KIND.pg, postcode, parts.initials.of(givenInitial)));
    if (familyInitial) keys.push(keyOf(KIND.pf, postcode, parts.initials.of(familyInitial)));
    if (givenInitial && familyInitial) keys.push(keyOf(KIND.pi, postcode, initials));
  }
  if (identity.address.normalised && (givenInitial || familyInitial)) {
    keys.push(keyOf(KIND.ad, parts.addresses.of(identity.address.normalised.slice(0, 12)), initials));
  }
  return keys;
}

/** The arrays a CandidateIndex is made of: numbers only, so a worker thread can be given a copy. */
export interface CandidateIndexState {
  /** Per identity p, its blocks are `membershipBlock[membershipStart[p] .. membershipStart[p + 1])`, with its position in each. */
  membershipStart: Int32Array;
  membershipBlock: Int32Array;
  membershipPosition: Int32Array;
  /** Block b's members are `blockMembers[blockStart[b] .. blockStart[b + 1])`: flat arrays, not one small array per block. */
  blockStart: Int32Array;
  blockMembers: Int32Array;
  maxBlockSize: number;
  window: number;
}

/** The blocks of identities as flat arrays (see CandidateIndex). */
function buildIndexState(identities: readonly Identity[], sortKeys: readonly string[], maxBlockSize: number, window: number): CandidateIndexState {
  // Each key is looked up once: identities keep the numbers of their keys' groups, not the keys.
  const groupOfKey = new Map<number, number>();
  const groups: number[][] = [];
  const parts = new BlockingParts();
  const groupsOf = identities.map((identity, index) => {
    const mine: number[] = [];
    for (const key of blockingKeys(identity, parts)) {
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
  const state: CandidateIndexState = {
    blockStart: new Int32Array(blocks.length + 1),
    blockMembers: new Int32Array(memberCount),
    membershipStart: new Int32Array(identities.length + 1),
    membershipBlock: new Int32Array(memberCount),
    membershipPosition: new Int32Array(memberCount).fill(-1),
    maxBlockSize,
    window,
  };
  let at = 0;
  blocks.forEach((members, block) => {
    state.blockStart[block] = at;
    state.blockMembers.set(members, at);
    at += members.length;
  });
  state.blockStart[blocks.length] = at;
  at = 0;
  groupsOf.forEach((mine, identity) => {
    state.membershipStart[identity] = at;
    for (const group of mine) {
      const block = blockOfGroup[group]!;
      if (block >= 0) state.membershipBlock[at++] = block;
    }
  });
  state.membershipStart[identities.length] = at;
  blocks.forEach((members, block) => {
    if (members.length <= maxBlockSize) return;
    members.forEach((member, position) => {
      for (let k = state.membershipStart[member]!; k < state.membershipStart[member + 1]!; k++) {
        if (state.membershipBlock[k] === block) state.membershipPosition[k] = position;
      }
    });
  });
  return state;
}

/**
 * The blocks of a set of identities, from which each identity's candidate partners are read one
 * identity at a time, so no list of all pairs is ever built. A block up to maxBlockSize is compared
 * in full; a larger one is sorted by `sortKeys` and each member meets only its `window` neighbours
 * on either side, so no block costs more than size × window.
 */
export class CandidateIndex {
  private readonly membershipStart: Int32Array;
  private readonly membershipBlock: Int32Array;
  private readonly membershipPosition: Int32Array;
  private readonly blockStart: Int32Array;
  private readonly blockMembers: Int32Array;
  private readonly maxBlockSize: number;
  private readonly window: number;
  /** Marks the partners already visited for the identity being read: no pair is visited twice. */
  private readonly seenFor: Int32Array;

  static build(identities: readonly Identity[], sortKeys: readonly string[], maxBlockSize: number, window: number): CandidateIndex {
    return new CandidateIndex(buildIndexState(identities, sortKeys, maxBlockSize, window));
  }

  constructor(readonly state: CandidateIndexState) {
    this.membershipStart = state.membershipStart;
    this.membershipBlock = state.membershipBlock;
    this.membershipPosition = state.membershipPosition;
    this.blockStart = state.blockStart;
    this.blockMembers = state.blockMembers;
    this.maxBlockSize = state.maxBlockSize;
    this.window = state.window;
    this.seenFor = new Int32Array(state.membershipStart.length - 1).fill(-1);
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
  const index = CandidateIndex.build(identities, sortKeys, maxBlockSize, window);
  const pairs: Array<[number, number]> = [];
  for (let p = 0; p < identities.length; p++) {
    const partners: number[] = [];
    index.forEachPartner(p, (q) => partners.push(q));
    for (const q of partners.sort((x, y) => x - y)) pairs.push([p, q]);
  }
  return pairs;
}
