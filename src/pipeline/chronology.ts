import type { Linkage, LinkConfig, LinkOptions } from '../link/index.js';
import { linkPeople } from '../link/index.js';
import type { MergeConfig } from '../merge/index.js';
import { mergeEvents } from '../merge/index.js';
import type { ChronologyRecord } from '../model/record.js';
import type { ChronologyEvent } from '../model/stages.js';

export interface Chronology {
  linkage: Linkage;
  events: ChronologyEvent[];
}

/** Link people, then merge their duplicate records into events: pure, order-independent. */
export function buildChronology(
  records: readonly ChronologyRecord[],
  linkConfig: LinkConfig,
  options: LinkOptions & { merge?: Partial<MergeConfig> } = {},
): Chronology {
  const linkage = linkPeople(records, linkConfig, options);
  const events = mergeEvents(records, linkage.persons, linkage.personOf, options.merge);
  return { linkage, events };
}
