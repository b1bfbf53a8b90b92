import { Worker } from 'node:worker_threads';
import type { CandidateIndexState } from './blocking.js';
import type { CompareFacts } from './compare.js';
import type { ResolvedLinkConfig } from './config.js';
import { packIdentities, type PackedIdentities } from './packed.js';
import { scoreClaimedChunks, ScoredPairs, type ScoredPairsData, type ScoringInput } from './scoring.js';

/** A scoring input as plain data a worker can be given (no prepared objects, no caches), with the counter every thread claims chunks from. */
export interface ScoringJob {
  identities: PackedIdentities;
  facts: Omit<CompareFacts, 'nicknames' | 'transliterations'>;
  config: ResolvedLinkConfig;
  index: CandidateIndexState;
  roots: Int32Array;
  keepReview: boolean;
  counter: Int32Array;
}

/** A worker's pairs, and how many profiles it scored. */
export interface WorkerAnswer {
  profiles: number;
  pairs: ScoredPairsData;
}

/** What the scoring pass kept, and how many profiles each thread scored (this one first). */
export interface ParallelScoring {
  scored: ScoredPairs;
  profilesPerThread: number[];
}

/** The job a worker is given: the scoring input as plain data, and the counter it claims chunks from. */
export function scoringJob(input: ScoringInput, counter: Int32Array): ScoringJob {
  const { givenFrequency, familyFrequency, childBornAfter } = input.compare;
  return {
    identities: packIdentities(input.identities),
    facts: { givenFrequency, familyFrequency, childBornAfter },
    config: input.config,
    index: input.candidates.state,
    roots: input.roots,
    keepReview: input.keepReview,
    counter,
  };
}

/** Starts a worker on a job; it scores the chunks it claims and answers once. */
export function scoreInWorker(job: ScoringJob): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./score-worker.js', import.meta.url), { workerData: job });
    worker.once('message', (answer: WorkerAnswer) => resolve(answer));
    worker.once('error', reject);
    // After a message this settles nothing; before one, the worker died without an answer.
    worker.once('exit', (code) => reject(new Error(`a scoring worker exited (code ${code}) without its pairs`)));
  });
}

/**
 * Scores the candidate pairs on `threads` threads: this one and threads - 1 workers, each taking
 * chunks of profiles from one shared counter, so a thread that starts late or meets dense blocks
 * takes fewer. The pairs kept are the same as scoreProfiles over every profile gives; their order
 * differs, which strongestFirst makes irrelevant.
 */
export async function scoreInParallel(input: ScoringInput, threads: number): Promise<ParallelScoring> {
  const counter = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const job = scoringJob(input, counter);
  const workers = Array.from({ length: threads - 1 }, () => scoreInWorker(job));
  const scored = new ScoredPairs();
  const profilesPerThread = [scoreClaimedChunks(input, counter, scored)];
  for (const answer of await Promise.all(workers)) {
    scored.addAll(answer.pairs);
    profilesPerThread.push(answer.profiles);
  }
  return { scored, profilesPerThread };
}
