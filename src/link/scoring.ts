/**
 * The scoring pass of linkage: every candidate pair the blocking index gives is scored, and the
 * pairs worth clustering or review are kept as numbers. The same code runs in the main thread and
 * in worker threads (src/link/parallel.ts), each taking chunks of profiles from a shared counter.
 */
import type { CandidateIndex } from './blocking.js';
import { CONTRADICTION_WEIGHT, contradictionOf, emptyPairScore, isDeterministic, joinsByNameOnly, scoreIdentities, type CompareContext, type Identity, type PairScore } from './compare.js';
import type { ResolvedLinkConfig } from './config.js';
import { weightOf } from './weights.js';

/** What scoring needs: the profiles' identities, the comparison context and the candidate index. */
export interface ScoringInput {
  /** One identity per profile. */
  identities: readonly Identity[];
  compare: CompareContext;
  config: ResolvedLinkConfig;
  candidates: CandidateIndex;
  /** Each profile's cluster after the deterministic rules: a pair already in one cluster is not scored. */
  roots: Int32Array;
  /** Whether to keep the pairs that do not link on their own: they matter only for review. */
  keepReview: boolean;
}

/** What a kept pair is before the prior is settled: deterministic, scored, or contradicted (never linked on weight). */
export const PAIR_KIND = { contradicted: 0, scored: 1, deterministic: 2 } as const;
export type PairKind = (typeof PAIR_KIND)[keyof typeof PAIR_KIND];

/** ScoredPairs as typed arrays, the form that crosses from a worker thread without a copy. */
export interface ScoredPairsData {
  p: Int32Array<ArrayBuffer>;
  q: Int32Array<ArrayBuffer>;
  weight: Float64Array<ArrayBuffer>;
  kind: Uint8Array<ArrayBuffer>;
}

/** Candidate pairs worth clustering or review, kept compactly: no evidence objects. Weights are at the scoring prior. */
export class ScoredPairs {
  p: number[] = [];
  q: number[] = [];
  weight: number[] = [];
  kind: PairKind[] = [];
  add(p: number, q: number, weight: number, kind: PairKind): void {
    this.p.push(p);
    this.q.push(q);
    this.weight.push(weight);
    this.kind.push(kind);
  }
  addAll(data: ScoredPairsData): void {
    for (let k = 0; k < data.p.length; k++) this.add(data.p[k]!, data.q[k]!, data.weight[k]!, data.kind[k] as PairKind);
  }
  data(): ScoredPairsData {
    return { p: Int32Array.from(this.p), q: Int32Array.from(this.q), weight: Float64Array.from(this.weight), kind: Uint8Array.from(this.kind) };
  }
  /** Whether pair k links on its own once `shift` bits (an estimated prior's) are added to its weight. */
  linksAt(k: number, shift: number, thresholdWeight: number): boolean {
    const kind = this.kind[k];
    return kind === PAIR_KIND.deterministic || (kind === PAIR_KIND.scored && this.weight[k]! + shift >= thresholdWeight);
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
  // Pairs that may link once the prior is estimated (it only rises), and for review those from reviewLow up.
  const linkable = weightOf(config.matchThreshold) - config.priorShiftAtMost;
  const reviewable = weightOf(config.reviewLow);
  // Below this no pair can be kept (a bit under, so rounding never drops one).
  const floor = Math.min(linkable, keepReview ? reviewable : linkable) - 1e-6;
  for (let p = from; p < to; p++) {
    const rootP = roots[p];
    const identityP = identities[p]!;
    candidates.forEachPartner(p, (q) => {
      if (roots[q] === rootP) return;
      // Most candidate pairs are dropped here, from numbers only.
      scoreIdentities(identityP, identities[q]!, compare, config, prior, score, floor);
      if (isDeterministic(score)) return into.add(p, q, score.weight, PAIR_KIND.deterministic);
      const kind = contradictionOf(score) === undefined ? PAIR_KIND.scored : PAIR_KIND.contradicted;
      // A twins pattern that would link but for the pattern: its clusters may yet prove one child by their agencies.
      const twins = score.contradiction === 'twins' && score.weight - CONTRADICTION_WEIGHT >= linkable;
      if (score.weight >= floor || twins || joinsByNameOnly(score)) into.add(p, q, score.weight, kind);
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
