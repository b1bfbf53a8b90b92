/**
 * The scoring pass on several threads gives what one thread gives. Worker threads load their
 * entry point as built JavaScript, so this test runs the built modules (`npm test` builds first).
 */
import { describe, expect, it } from 'vitest';
import type * as Generate from '../../bench/synthetic/generate.js';
import type * as Score from '../../bench/synthetic/score.js';
import type * as Blocking from '../../src/link/blocking.js';
import type * as Link from '../../src/link/index.js';
import type * as Parallel from '../../src/link/parallel.js';
import type * as Scoring from '../../src/link/scoring.js';
import type * as Nicknames from '../../src/link/nicknames-file.js';

const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;
const { generate } = (await import(dist('bench/synthetic/generate.js'))) as typeof Generate;
const { parseDataset } = (await import(dist('bench/synthetic/score.js'))) as typeof Score;
const { buildLinkContext, linkConfig, linkPeople, linkPeopleInParallel } = (await import(dist('src/link/index.js'))) as typeof Link;
const { CandidateIndex } = (await import(dist('src/link/blocking.js'))) as typeof Blocking;
const { scoreInWorker, scoringJob } = (await import(dist('src/link/parallel.js'))) as typeof Parallel;
const { scoreProfiles, ScoredPairs } = (await import(dist('src/link/scoring.js'))) as typeof Scoring;
const { loadNicknames } = (await import(dist('src/link/nicknames-file.js'))) as typeof Nicknames;

const config = linkConfig(loadNicknames());

/** Distinct identities: the profiles linkage scores (none of the generated ones is too sparse to be one). */
function profileCount(records: Parameters<typeof linkPeople>[0]): number {
  return new Set(buildLinkContext(records, config).identities).size;
}

/** Every kept pair as text, sorted: the same set whatever order the threads found them in. */
function pairsOf(scored: { p: ArrayLike<number>; q: ArrayLike<number>; weight: ArrayLike<number>; kind: ArrayLike<number> }): string[] {
  return Array.from({ length: scored.p.length }, (_, k) => `${scored.p[k]} ${scored.q[k]} ${scored.weight[k]} ${scored.kind[k]}`).sort();
}

describe('scoreInWorker', () => {
  it('keeps, in a worker thread, exactly the pairs scoreProfiles keeps in this one', async () => {
    const { records } = parseDataset(generate({ people: 600, seed: 4 }));
    const context = buildLinkContext(records, config);
    const identities = [...new Set(context.identities)];
    const sortKeys = identities.map((identity) => `${identity.family.compact}\u0000${identity.given.compact}`);
    const input = {
      identities,
      compare: context.compare,
      config: context.config,
      candidates: CandidateIndex.build(identities, sortKeys, config.maxBlockSize, config.blockWindow),
      roots: Int32Array.from(identities, (_, p) => p),
      keepReview: true,
    };
    const here = new ScoredPairs();
    scoreProfiles(input, 0, identities.length, here);
    expect(here.p.length).toBeGreaterThan(100);
    const answer = await scoreInWorker(scoringJob(input, new Int32Array(new SharedArrayBuffer(4))));
    expect(answer.profiles).toBe(identities.length);
    expect(pairsOf(answer.pairs)).toEqual(pairsOf(here));
  });
});

describe('linkPeopleInParallel', () => {
  for (const seed of [1, 2]) {
    it(`gives linkPeople's persons, links and uncertain pairs on two and three threads (synthetic caseload, seed ${seed})`, async () => {
      const { records } = parseDataset(generate({ people: 400, seed }));
      const alone = linkPeople(records, config);
      expect(alone.uncertain.length).toBeGreaterThan(0);
      for (const threads of [2, 3]) {
        let paused = 0;
        let perThread: readonly number[] = [];
        const shared = await linkPeopleInParallel(records, config, {
          threads,
          minProfiles: 0,
          beforeScoring: async () => {
            paused += 1;
          },
          onScored: (profiles) => {
            perThread = profiles;
          },
        });
        expect(paused).toBe(1);
        // Which thread took which chunk is a race; that every profile was scored once is not.
        expect(perThread).toHaveLength(threads);
        expect(perThread.reduce((sum, profiles) => sum + profiles, 0)).toBe(profileCount(records));
        expect(shared.persons).toEqual(alone.persons);
        expect([...shared.personOf]).toEqual([...alone.personOf]);
        expect(shared.links).toEqual(alone.links);
        expect(shared.uncertain).toEqual(alone.uncertain);
      }
    });
  }

  it('scores on this thread alone below minProfiles, without pausing', async () => {
    const { records } = parseDataset(generate({ people: 50, seed: 3 }));
    let paused = 0;
    const linkage = await linkPeopleInParallel(records, config, {
      threads: 2,
      explain: false,
      beforeScoring: async () => {
        paused += 1;
      },
    });
    expect(paused).toBe(0);
    expect(linkage.persons).toEqual(linkPeople(records, config, { explain: false }).persons);
  });
});
