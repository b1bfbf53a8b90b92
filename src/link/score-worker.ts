/** A scoring worker's entry point (see scoreInParallel): prepares the identities again, scores the chunks it claims, posts its pairs. */
import { parentPort, workerData } from 'node:worker_threads';
import { CandidateIndex } from './blocking.js';
import { compareContext, sideMemo } from './compare.js';
import { unpackIdentities } from './packed.js';
import type { ScoringJob, WorkerAnswer } from './parallel.js';
import { scoreClaimedChunks, ScoredPairs } from './scoring.js';

const job = workerData as ScoringJob;
const scored = new ScoredPairs();
const sides = sideMemo();
const identities = unpackIdentities(job.identities, sides);
const profiles = scoreClaimedChunks(
  {
    identities,
    compare: compareContext({ ...job.facts, nicknames: job.config.nicknames, transliterations: job.config.transliterations }, sides),
    config: job.config,
    candidates: new CandidateIndex(job.index),
    roots: job.roots,
    keepReview: job.keepReview,
  },
  job.counter,
  scored,
);
const data = scored.data();
const answer: WorkerAnswer = { profiles, pairs: data };
parentPort!.postMessage(answer, [data.p.buffer, data.q.buffer, data.weight.buffer, data.kind.buffer]);
