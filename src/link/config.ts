import { z } from 'zod';
import type { NicknameTable } from './nicknames.js';

/** The user-settable part of the linkage configuration; defaults documented in docs/linkage.md. */
export const LinkConfigSchema = z
  .object({
    /** A scored pair links when its match probability reaches this. */
    matchThreshold: z.number().gt(0).lt(1).default(0.95),
    /** Scored pairs from here up to matchThreshold are listed as uncertain, for review. */
    reviewLow: z.number().gt(0).lt(1).default(0.5),
    /** The chance that two records drawn at random are the same person (the prior). */
    priorProbability: z.number().gt(0).lt(1).default(0.0001),
    /** Blocks larger than this are compared in a sliding window instead of all pairs. */
    maxBlockSize: z.number().int().min(2).default(20),
    /** How many sorted neighbours each record of an oversized block is compared with. */
    blockWindow: z.number().int().min(1).default(10),
    /**
     * Whether the input may hold several members of one household (siblings, twins, a parent and a
     * child of one name): caps household evidence and makes the twins and namesakes patterns
     * contradictions. Turn off only for populations of unrelated people, such as FEBRL.
     */
    households: z.boolean().default(true),
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
}

/** A full configuration: the given settings over the defaults. Throws a ZodError on invalid settings. */
export function linkConfig(nicknames: NicknameTable, settings: Partial<LinkSettings> = {}): LinkConfig {
  return { ...LinkConfigSchema.parse(settings), nicknames };
}
