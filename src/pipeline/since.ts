import type { Level, PersonAnalysis } from '../analyse/index.js';
import type { ChronologyRecord } from '../model/record.js';
import type { ChronologyEvent } from '../model/stages.js';

export type Change = 'new' | 'updated' | 'unchanged';

/** The parts of an earlier `merge` or `analyse` JSON that `--since` compares with. */
export interface PreviousOutput {
  events?: { id: string; sources?: { agency: string; record_id?: string; original?: Record<string, string> }[]; [field: string]: unknown }[];
  persons?: { id: string; level?: Level; indicators?: { code: string }[] }[];
}

export interface PersonChange {
  person: string;
  level?: { from: Level | null; to: Level };
  indicators_new: string[];
  indicators_gone: string[];
}

export interface SinceSummary {
  file: string;
  new: number;
  updated: number;
  unchanged: number;
  /** Ids in the earlier output that are not in this one. */
  gone: string[];
  /** With analyse: the persons whose level or indicators changed. */
  persons?: PersonChange[];
}

const FIELDS = ['date', 'end_date', 'type', 'severity', 'agencies', 'source', 'threshold_met', 'outcome', 'description', 'impact'] as const;

/** What an event says, without where its rows were (a renamed or reordered file changes nothing). */
function fingerprint(event: Record<string, unknown>, sources: readonly (readonly [string, string, Record<string, string>])[]): string {
  const sorted = sources.map((s) => JSON.stringify([s[0], s[1], Object.entries(s[2]).sort()])).sort();
  return JSON.stringify([...FIELDS.map((f) => event[f] ?? null), sorted]);
}

/**
 * Marks each event new, updated (its content or sources changed, or its id did and a record id
 * shows it was there as `previous_id`) or unchanged. Pure.
 */
export function markChanges(
  events: readonly ChronologyEvent[],
  records: readonly ChronologyRecord[],
  previous: PreviousOutput,
  file: string,
): { events: ChronologyEvent[]; summary: SinceSummary } {
  const before = new Map(
    (previous.events ?? []).map((e) => [e.id, fingerprint(e, (e.sources ?? []).map((s) => [s.agency, s.record_id ?? '', s.original ?? {}] as const))]),
  );
  // An event whose id changed (a new source became its anchor) is found again by a shared record id.
  const byRecord = new Map<string, string>();
  for (const e of previous.events ?? []) {
    for (const s of e.sources ?? []) if (s.record_id !== undefined) byRecord.set(`${s.agency}\u0000${s.record_id}`, e.id);
  }
  const counts = { new: 0, updated: 0, unchanged: 0 };
  const matched = new Set<string>();
  const marked = events.map((e): ChronologyEvent => {
    const previousId = before.has(e.id)
      ? e.id
      : e.sources.map((s) => (s.record_id === undefined ? undefined : byRecord.get(`${s.agency}\u0000${s.record_id}`))).find((id) => id !== undefined);
    const now = fingerprint(
      e as unknown as Record<string, unknown>,
      e.sources.map((s) => [s.agency, s.record_id ?? '', records[s.record]?.original ?? {}] as const),
    );
    if (previousId !== undefined) matched.add(previousId);
    const change: Change = previousId === undefined ? 'new' : previousId === e.id && before.get(e.id) === now ? 'unchanged' : 'updated';
    counts[change]++;
    return { ...e, change, ...(previousId !== undefined && previousId !== e.id ? { previous_id: previousId } : {}) };
  });
  return { events: marked, summary: { file, ...counts, gone: [...before.keys()].filter((id) => !matched.has(id)) } };
}

/** The persons whose cumulative-harm level or indicators differ from the earlier analysis. */
export function analysisChanges(persons: Iterable<PersonAnalysis>, previous: PreviousOutput): PersonChange[] {
  const before = new Map((previous.persons ?? []).map((p) => [p.id, p]));
  const changes: PersonChange[] = [];
  for (const person of persons) {
    const old = before.get(person.id);
    const oldCodes = new Set((old?.indicators ?? []).map((i) => i.code));
    const codes = new Set(person.indicators.map((i) => i.code));
    const change: PersonChange = {
      person: person.id,
      indicators_new: [...codes].filter((c) => !oldCodes.has(c)),
      indicators_gone: [...oldCodes].filter((c) => !codes.has(c)),
    };
    if (old?.level !== person.level) change.level = { from: old?.level ?? null, to: person.level };
    if (change.level || change.indicators_new.length > 0 || change.indicators_gone.length > 0) changes.push(change);
  }
  return changes;
}

/** The mark a human format puts before a new or updated event's description. */
export function changeMark(e: Pick<ChronologyEvent, 'change'>): string {
  return e.change === 'new' ? '[new] ' : e.change === 'updated' ? '[updated] ' : '';
}
