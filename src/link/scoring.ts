/**
 * The scoring pass of linkage: every candidate pair the blocking index gives is scored, and the
 * pairs worth clustering or review are kept as numbers. The same code runs in the main thread and
 * in worker threads (src/link/parallel.ts), each taking chunks of profiles from a shared counter.
 */
import type { CandidateIndex } from './blocking.js';
import { emptyPairScore, isContradicted, isDeterministic, scoreIdentities, type CompareContext, type Identity, type PairScore } from './compare.js';
import type { LinkConfig } from './config.js';
import { probabilityOf, weightOf } from './weights.js';

/** What scoring needs: the profiles' identities, the comparison context and the candidate index. */
export interface ScoringInput {
  /** One identity per profile. */
  identities: readonly Identity[];
  compare: CompareContext;
  config: LinkConfig;
  candidates: CandidateIndex;
  /** Each profile's cluster after the deterministic rules: a pair already in one cluster is not scored. */
  roots: Int32Array;
  /** Whether to keep the pairs that do not link on their own: they matter only for review. */
  keepReview: boolean;
}

/** Whether a scored pair links on its own, before the chaining guard: the decision evidenceOf spells out. */
export function linksOnItsOwn(score: PairScore, config: LinkConfig): boolean {
  if (isDeterministic(score)) return true;
  return !isContradicted(score) && probabilityOf(score.weight) >= config.matchThreshold;
}

/** ScoredPairs as typed arrays, the form that crosses from a worker thread without a copy. */
export interface ScoredPairsData {
  p: Int32Array<ArrayBuffer>;
  q: Int32Array<ArrayBuffer>;
  weight: Float64Array<ArrayBuffer>;
  linked: Uint8Array<ArrayBuffer>;
}

/** Candidate pairs worth clustering or review (probability at least reviewLow), kept compactly: no evidence objects. */
export class ScoredPairs {
  p: number[] = [];
  q: number[] = [];
  weight: number[] = [];
  linked: number[] = [];
  add(p: number, q: number, weight: number, linked: boolean): void {
    this.p.push(p);
    this.q.push(q);
    this.weight.push(weight);
    this.linked.push(linked ? 1 : 0);
  }
  addAll(data: ScoredPairsData): void {
    for (let k = 0; k < data.p.length; k++) this.add(data.p[k]!, data.q[k]!, data.weight[k]!, data.linked[k] === 1);
  }
  data(): ScoredPairsData {
    return { p: Int32Array.from(this.p), q: Int32Array.from(this.q), weight: Float64Array.from(this.weight), linked: Uint8Array.from(this.linked) };
  }
  /** Indices strongest first; ties by profile order, so the order never depends on how (or by which thread) pairs were found. */
  strongestFirst(): Int32Array {
    const order = Int32Array.from({ length: this.p.length }, (_, k) => k);
    return order.sort((x, y) => this.weight[y]! - this.weight[x]! || this.p[x]! - this.p[y]! || this.q[x]! - this.q[y]!);
  }
}

/** Scores the candidate pairs (p, q > p) of profiles p in [from, to) into `into`. */
export function scoreProfiles(input: ScoringInput, from: number, to: number, into: ScoredPairs, score: PairScore = emptyPairScore()): void {
  const { identities, compare, config, candidates, roots, keepReview } = input;
  const prior = weightOf(config.priorProbability);
  // Below this no pair can be kept (a bit under reviewLow's weight, so rounding never drops one).
  const floor = weightOf(config.reviewLow) - 1e-6;
  for (let p = from; p < to; p++) {
    const rootP = roots[p];
    const identityP = identities[p]!;
    candidates.forEachPartner(p, (q) => {
      if (roots[q] === rootP) return;
      // The same decision as evidenceOf, from numbers only: most candidate pairs are dropped here.
      scoreIdentities(identityP, identities[q]!, compare, config, prior, score, floor);
      if (!isDeterministic(score) && probabilityOf(score.weight) < config.reviewLow) return;
      const linked = linksOnItsOwn(score, config);
      if (linked || keepReview) into.add(p, q, score.weight, linked);
    });
  }
}

/** Profiles a thread takes from the shared counter at a time: small enough to even out, large enough to cost no contention. */
const CHUNK_PROFILES = 1024;

/** Scores chunks of profiles claimed from `counter` (shared by every thread) until none are left; returns how many profiles it scored. */
export function scoreClaimedChunks(input: ScoringInput, counter: Int32Array, into: ScoredPairs): number {
  const count = input.identities.length;
  const score = emptyPairScore();
  let scored = 0;
  for (;;) {
    const from = Atomics.add(counter, 0, 1) * CHUNK_PROFILES;
    if (from >= count) return scored;
    const to = Math.min(count, from + CHUNK_PROFILES);
    scoreProfiles(input, from, to, into, score);
    scored += to - from;
  }
}
