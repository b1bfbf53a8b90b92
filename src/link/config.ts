import { z } from 'zod';
import type { NicknameTable } from './nicknames.js';

/** The user-settable part of the linkage configuration; defaults documented in docs/linkage.md. */
export const LinkConfigSchema = z
  .object({
    /** A scored pair links when its match probability reaches this. */
    matchThreshold: z.number().gt(0).lt(1).default(0.95),
    /** Scored pairs from here up to matchThreshold are listed as uncertain, for review. */
    reviewLow: z.number().gt(0).lt(1).default(0.5),
    /**
     * The chance that two distinct identities drawn at random are the same person (the prior).
     * `auto` (the default) estimates it from the input, for pairs within one agency and across
     * two apart: linked at 1e-4 first, then the share of such pairs of identities that linkage
     * found to be one person, bounded to [1e-4, 1e-3]; 1e-4 below 200 distinct identities.
     */
    priorProbability: z.union([z.number().gt(0).lt(1), z.literal('auto')]).default('auto'),
    /** Blocks larger than this are compared in a sliding window instead of all pairs. */
    maxBlockSize: z.number().int().min(2).default(20),
    /** How many sorted neighbours each record of an oversized block is compared with. */
    blockWindow: z.number().int().min(1).default(10),
    /**
     * Whether the input may hold several members of one household (siblings, twins, a parent and a
     * child of one name): caps household evidence and makes the twins and namesakes patterns
     * contradictions. `auto` (the default) decides from the data: on when people who clearly
     * differ (given name and birth year) share a family name and an address or postcode.
     */
    households: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    /** Most positive weight family name, address and postcode may add together: they describe a household, not a person. */
    householdCap: z.number().positive().default(16),
    /**
     * The twins and namesakes contradictions apply when a dob concerned is of someone under this
     * age (years) at the latest event date of the input; older look-alikes are left to the weights.
     */
    childAge: z.number().int().positive().default(18),
    /** Most cross pairs the chaining guard examines before a merge of two clusters. */
    guardMaxPairs: z.number().int().min(1).default(10_000),
  })
  .refine((c) => c.reviewLow <= c.matchThreshold, { message: 'reviewLow must not exceed matchThreshold' });

export type LinkSettings = z.infer<typeof LinkConfigSchema>;

export interface LinkConfig extends LinkSettings {
  nicknames: NicknameTable;
  /** Spellings of one name (Mohammed, Muhammad): data/transliterations.csv. */
  transliterations: NicknameTable;
}

/** The prior an estimate starts from, the bounds of the estimate, and the fewest profiles it is made from (fewer say too little). */
export const PRIOR_BOUNDS = { start: 1e-4, most: 1e-3, leastProfiles: 200 } as const;

/**
 * A configuration decided for the input at hand: `households` on or off, and the priors of pairs
 * within one agency and across two (equal until estimated), with how far an estimate may raise
 * them (in bits; 0 for a prior the user set).
 */
export type ResolvedLinkConfig = Omit<LinkConfig, 'households' | 'priorProbability'> & {
  households: boolean;
  priorProbability: number;
  priorAcrossAgencies: number;
  priorShiftAtMost: number;
};

/** A full configuration: the given settings over the defaults. Throws a ZodError on invalid settings. */
export function linkConfig(nicknames: NicknameTable, settings: Partial<LinkSettings> = {}, transliterations: NicknameTable = new Map()): LinkConfig {
  return { ...LinkConfigSchema.parse(settings), nicknames, transliterations };
}
