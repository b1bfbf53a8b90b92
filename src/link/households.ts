/**
 * Whether an input holds households: people who clearly differ (first given name and birth year)
 * sharing a family name and a postcode or address, as siblings and parents do. A caseload of
 * families does; a register of unrelated people (FEBRL) does not, and there the twins and
 * namesakes patterns are only corrupted copies of one person.
 */
import type { Identity } from './compare.js';

/** Most identities of one family and place examined: enough to find two who differ. */
const MOST_EXAMINED = 32;
/**
 * Share of placed, family-named identities with a clearly different housemate at or above which
 * the input holds households: measured 0.02-0.03 on FEBRL 3 and 4, 0.86 on synthetic caseloads.
 */
export const HOUSEHOLD_SHARE = 0.2;
/** Fewer placed identities than this say too little: the input is taken to hold households, as a caseload does. */
const LEAST_EVIDENCE = 100;

/** How many identities have a family name, a dob and a place, and the share of them with a housemate who clearly differs. */
export function housemateShare(identities: readonly Identity[]): { placed: number; share: number } {
  const places = new Map<string, Identity[]>();
  for (const identity of identities) {
    const place = identity.postcode.compact || identity.address.normalised;
    if (identity.family.compact === '' || place === '' || identity.given.tokens.length === 0 || identity.dob === undefined) continue;
    const key = `${identity.family.compact}\u0000${place}`;
    const list = places.get(key);
    if (list === undefined) places.set(key, [identity]);
    else if (list.length < MOST_EXAMINED) list.push(identity);
  }
  let placed = 0;
  let withHousemate = 0;
  for (const group of places.values()) {
    placed += group.length;
    for (const a of group) {
      const differs = (b: Identity) => b.given.tokens[0] !== a.given.tokens[0] && b.dob!.slice(0, 4) !== a.dob!.slice(0, 4);
      if (group.some(differs)) withHousemate += 1;
    }
  }
  return { placed, share: placed === 0 ? 0 : withHousemate / placed };
}

export function householdsIn(identities: readonly Identity[]): boolean {
  const { placed, share } = housemateShare(identities);
  return placed < LEAST_EVIDENCE || share >= HOUSEHOLD_SHARE;
}
