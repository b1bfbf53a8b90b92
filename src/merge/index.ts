/**
 * Merge stage: records of one linked person that describe the same occurrence become one
 * event that keeps every source record. Pure and independent of input order. See docs/merge.md.
 */
import { dayRange, precisionOf, type PartialDate } from '../model/date.js';
import { compareRefs, type ChronologyRecord } from '../model/record.js';
import type { ChronologyEvent, EventSource, Person } from '../model/stages.js';
import type { Severity } from '../model/vocabulary.js';
import { recordKey, stableIds } from './ids.js';

export interface MergeConfig {
  /** Most days between two records' date ranges for them to describe one occurrence. */
  windowDays: number;
}

export const DEFAULT_MERGE_CONFIG: MergeConfig = { windowDays: 3 };

/** Why two records of one agency may (or may not) sit in one event. */
export type SameAgencyRelation = 'export-duplicate' | 'distinct';

interface Candidate {
  index: number;
  record: ChronologyRecord;
  first: number;
  last: number;
}

interface Group {
  members: Candidate[];
  /** The last start day a record may have and still be within the window of every member. */
  openUntil: number;
  /** Latest start day among members, for choosing the closest group. */
  latestStart: number;
}

/** Days between two day ranges; 0 when they overlap. */
export function rangeGap(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.max(0, b[0] - a[1], a[0] - b[1]);
}

function normalisedText(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Two records of one agency are one occurrence only as an export duplicate: the same
 * record_id, or, when neither has a record_id, the same date, type and description.
 */
export function sameAgencyRelation(a: ChronologyRecord, b: ChronologyRecord): SameAgencyRelation {
  if (a.record_id !== undefined || b.record_id !== undefined) {
    return a.record_id === b.record_id ? 'export-duplicate' : 'distinct';
  }
  const sameContent =
    a.date === b.date && a.type === b.type && normalisedText(a.description) === normalisedText(b.description);
  return sameContent ? 'export-duplicate' : 'distinct';
}

/** Records of type `other` merge only when their original type text is equal, case-insensitively. */
function typeKey(record: ChronologyRecord, index: number): string {
  if (record.type !== 'other') return record.type;
  const text = normalisedText(record.original['type']);
  return text === '' ? `other#${index}` : `other:${text}`;
}

function compareStrings(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** The grouping order: start day, agency, record_id, file, line. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.first - b.first ||
    compareStrings(a.record.agency, b.record.agency) ||
    compareStrings(a.record.record_id, b.record.record_id) ||
    compareRefs(a.record, b.record) ||
    a.index - b.index
  );
}

function conflicts(group: Group, candidate: Candidate): boolean {
  return group.members.some(
    (member) =>
      member.record.agency === candidate.record.agency &&
      sameAgencyRelation(member.record, candidate.record) === 'distinct',
  );
}

function hasExportDuplicate(group: Group, candidate: Candidate): boolean {
  return group.members.some((member) => member.record.agency === candidate.record.agency);
}

function newGroup(candidate: Candidate, windowDays: number): Group {
  return { members: [candidate], openUntil: candidate.last + windowDays, latestStart: candidate.first };
}

/**
 * Greedy grouping of one person's records of one type, already in grouping order. A record
 * joins the closest open group whose every member is within the window and which holds no
 * distinct record of the same agency; an export duplicate's own group wins over distance.
 */
function groupCandidates(sorted: readonly Candidate[], windowDays: number): Candidate[][] {
  const done: Group[] = [];
  let open: Group[] = [];
  for (const candidate of sorted) {
    const stillOpen: Group[] = [];
    for (const group of open) (group.openUntil >= candidate.first ? stillOpen : done).push(group);
    open = stillOpen;
    let best: Group | undefined;
    let bestRank: [number, number] = [Infinity, Infinity];
    for (const group of open) {
      if (conflicts(group, candidate)) continue;
      const rank: [number, number] = [
        hasExportDuplicate(group, candidate) ? 0 : 1,
        candidate.first - group.latestStart,
      ];
      if (rank[0] < bestRank[0] || (rank[0] === bestRank[0] && rank[1] < bestRank[1])) {
        best = group;
        bestRank = rank;
      }
    }
    if (best) {
      best.members.push(candidate);
      best.openUntil = Math.min(best.openUntil, candidate.last + windowDays);
      best.latestStart = Math.max(best.latestStart, candidate.first);
    } else {
      open.push(newGroup(candidate, windowDays));
    }
  }
  return [...done, ...open].map((group) => group.members);
}

function candidateGap(a: Candidate, b: Candidate): number {
  return rangeGap([a.first, a.last], [b.first, b.last]);
}

/** Mean days between a record and the other members of a group; Infinity when there are none. */
function meanGap(candidate: Candidate, members: readonly Candidate[]): number {
  const others = members.filter((member) => member !== candidate);
  if (others.length === 0) return Infinity;
  return others.reduce((total, member) => total + candidateGap(candidate, member), 0) / others.length;
}

function accepts(members: readonly Candidate[], candidate: Candidate, windowDays: number): boolean {
  return members.every(
    (member) =>
      candidateGap(member, candidate) <= windowDays &&
      (member.record.agency !== candidate.record.agency ||
        sameAgencyRelation(member.record, candidate.record) === 'export-duplicate'),
  );
}

/**
 * One pass that undoes the greedy pass's early commitments: a record moves to another group
 * that accepts it when it is strictly closer to that group's members on average.
 */
function refineGroups(sorted: readonly Candidate[], groups: Candidate[][], windowDays: number): Candidate[][] {
  const groupOf = new Map<Candidate, Candidate[]>();
  for (const group of groups) for (const member of group) groupOf.set(member, group);
  const widestRange = sorted.reduce((widest, c) => Math.max(widest, c.last - c.first), 0);
  sorted.forEach((candidate, position) => {
    const current = groupOf.get(candidate) as Candidate[];
    let best = current;
    let bestGap = meanGap(candidate, current);
    for (const group of nearbyGroups(sorted, position, groupOf, windowDays + widestRange)) {
      if (group === current || !accepts(group, candidate, windowDays)) continue;
      const gap = meanGap(candidate, group);
      if (gap < bestGap) {
        best = group;
        bestGap = gap;
      }
    }
    if (best !== current) {
      current.splice(current.indexOf(candidate), 1);
      best.push(candidate);
      best.sort(compareCandidates);
      groupOf.set(candidate, best);
    }
  });
  return groups.filter((group) => group.length > 0);
}

/** The groups of the records whose start is within reach of the record at `position`, in sorted order. */
function nearbyGroups(
  sorted: readonly Candidate[],
  position: number,
  groupOf: ReadonlyMap<Candidate, Candidate[]>,
  reach: number,
): Set<Candidate[]> {
  const candidate = sorted[position] as Candidate;
  const nearby = new Set<Candidate[]>();
  for (let i = position - 1; i >= 0 && (sorted[i] as Candidate).first >= candidate.first - reach; i--) {
    nearby.add(groupOf.get(sorted[i] as Candidate) as Candidate[]);
  }
  for (let i = position + 1; i < sorted.length && (sorted[i] as Candidate).first <= candidate.last + reach; i++) {
    nearby.add(groupOf.get(sorted[i] as Candidate) as Candidate[]);
  }
  return nearby;
}

const PRECISION_RANK = { year: 0, month: 1, day: 2, time: 3 } as const;

function refines(finer: PartialDate, coarser: PartialDate): boolean {
  if (PRECISION_RANK[precisionOf(finer)] <= PRECISION_RANK[precisionOf(coarser)]) return false;
  const [outerFirst, outerLast] = dayRange(coarser);
  const [first, last] = dayRange(finer);
  return outerFirst <= first && last <= outerLast;
}

/**
 * The earliest date, after dropping any coarse date that a finer source date falls inside
 * (`2021-03` with `2021-03-28` is 28 March); ties go to the more precise, then the earlier written.
 */
function earliestDate(dates: readonly PartialDate[]): PartialDate {
  const kept = dates.filter((date) => !dates.some((other) => refines(other, date)));
  let best = kept[0] as PartialDate;
  for (const date of kept.slice(1)) {
    const byStart = dayRange(date)[0] - dayRange(best)[0];
    const byPrecision = PRECISION_RANK[precisionOf(best)] - PRECISION_RANK[precisionOf(date)];
    if (byStart < 0 || (byStart === 0 && (byPrecision < 0 || (byPrecision === 0 && date < best)))) best = date;
  }
  return best;
}

function latestEnd(dates: readonly PartialDate[]): PartialDate | undefined {
  let best: PartialDate | undefined;
  for (const date of dates) {
    if (best === undefined) best = date;
    else {
      const byEnd = dayRange(date)[1] - dayRange(best)[1];
      if (byEnd > 0 || (byEnd === 0 && date > best)) best = date;
    }
  }
  return best;
}

function firstDefined<T>(values: readonly (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

/** Not met wins: a referral any agency judged below threshold is part of the pattern to see. */
function mergedThreshold(members: readonly ChronologyRecord[]): boolean | undefined {
  if (members.some((record) => record.threshold_met === false)) return false;
  if (members.some((record) => record.threshold_met === true)) return true;
  return undefined;
}

/** The outcome that goes with the merged threshold: from a source that said not met, if one did. */
function mergedOutcome(members: readonly ChronologyRecord[], threshold: boolean | undefined): string | undefined {
  const notMet = threshold === false ? members.find((r) => r.threshold_met === false && r.outcome) : undefined;
  return notMet?.outcome ?? firstDefined(members.map((record) => record.outcome));
}

function buildEvent(person: Person, members: readonly Candidate[]): Omit<ChronologyEvent, 'id'> {
  const records = members.map((member) => member.record);
  const first = records[0] as ChronologyRecord;
  const severities = records.map((record) => record.severity).filter((s): s is Severity => s !== undefined);
  const threshold = mergedThreshold(records);
  const event: Omit<ChronologyEvent, 'id'> = {
    person: person.id,
    date: earliestDate(records.map((record) => record.date)),
    type: first.type,
    agencies: [...new Set(records.map((record) => record.agency))].sort(),
    sources: members.map(({ index, record }): EventSource => {
      const source: EventSource = { file: record.file, line: record.line, agency: record.agency, record: index };
      if (record.record_id !== undefined) source.record_id = record.record_id;
      return source;
    }),
  };
  const endDate = latestEnd(records.flatMap((record) => (record.end_date ? [record.end_date] : [])));
  if (endDate !== undefined) event.end_date = endDate;
  if (severities.length > 0) event.severity = Math.max(...severities) as Severity;
  const source = firstDefined(records.map((record) => record.source));
  if (source !== undefined) event.source = source;
  if (threshold !== undefined) event.threshold_met = threshold;
  const outcome = mergedOutcome(records, threshold);
  if (outcome !== undefined) event.outcome = outcome;
  const description = firstDefined(records.map((record) => record.description));
  if (description !== undefined) event.description = description;
  const impact = firstDefined(records.map((record) => record.impact));
  if (impact !== undefined) event.impact = impact;
  return event;
}

/** dayRange for many records, most of which share their dates with others. */
function memoisedDayRange(): (date: PartialDate) => readonly [number, number] {
  const cache = new Map<PartialDate, [number, number]>();
  return (date) => {
    let range = cache.get(date);
    if (!range) {
      range = dayRange(date);
      cache.set(date, range);
    }
    return range;
  };
}

interface Unnumbered {
  event: Omit<ChronologyEvent, 'id'>;
  personIndex: number;
}

/** Persons in their display order (by name), then date, type and first source. */
function compareEvents(a: Unnumbered, b: Unnumbered): number {
  return (
    a.personIndex - b.personIndex ||
    compareStrings(a.event.date, b.event.date) ||
    compareStrings(a.event.type, b.event.type) ||
    compareRefs(a.event.sources[0] as EventSource, b.event.sources[0] as EventSource)
  );
}

/**
 * Merges each person's records into events. Every record index appears in exactly one
 * event's sources; events are sorted by (person, date, type, first source). An event's id is
 * derived from its sources' agencies and record ids (see ids.ts), not from its position.
 */
export function mergeEvents(
  records: readonly ChronologyRecord[],
  persons: readonly Person[],
  personOf: Int32Array,
  config: Partial<MergeConfig> = {},
): ChronologyEvent[] {
  const { windowDays } = { ...DEFAULT_MERGE_CONFIG, ...config };
  if (personOf.length !== records.length) {
    throw new Error(`personOf has ${personOf.length} entries for ${records.length} records`);
  }
  const rangeOf = memoisedDayRange();
  const bucketsByPerson = new Map<number, Map<string, Candidate[]>>();
  records.forEach((record, index) => {
    const personIndex = personOf[index] as number;
    if (persons[personIndex] === undefined) throw new Error(`record ${index} has no person (${personIndex})`);
    const [first, last] = rangeOf(record.date);
    const buckets = bucketsByPerson.get(personIndex) ?? new Map<string, Candidate[]>();
    bucketsByPerson.set(personIndex, buckets);
    const key = typeKey(record, index);
    const bucket = buckets.get(key);
    if (bucket) bucket.push({ index, record, first, last });
    else buckets.set(key, [{ index, record, first, last }]);
  });
  const unnumbered: Unnumbered[] = [];
  for (const [personIndex, buckets] of bucketsByPerson) {
    const person = persons[personIndex] as Person;
    for (const bucket of buckets.values()) {
      const sorted = bucket.sort(compareCandidates);
      for (const members of refineGroups(sorted, groupCandidates(sorted, windowDays), windowDays)) {
        unnumbered.push({ event: buildEvent(person, members), personIndex });
      }
    }
  }
  unnumbered.sort(compareEvents);
  const ids = stableIds(
    'E',
    unnumbered.map(({ event }) => event.sources.map((source) => recordKey(records[source.record] as ChronologyRecord))),
    (a, b) => compareEvents(unnumbered[a] as Unnumbered, unnumbered[b] as Unnumbered),
  );
  return unnumbered.map(({ event }, i) => ({ id: ids[i] as string, ...event }));
}

function describeSource(record: ChronologyRecord): string {
  const id = record.record_id === undefined ? 'no record id' : `record ${record.record_id}`;
  return `${record.agency} ${id} (${record.file}:${record.line}, ${record.date})`;
}

/**
 * Why an event's sources were merged: one line per source after the first, relating it to
 * the first source (same person, same type, days apart, and the agency rule that allowed it).
 */
export function explainMerge(
  event: ChronologyEvent,
  records: readonly ChronologyRecord[],
  config: Partial<MergeConfig> = {},
): string[] {
  const { windowDays } = { ...DEFAULT_MERGE_CONFIG, ...config };
  const sourceRecords = event.sources.map((source) => records[source.record] as ChronologyRecord);
  const [first, ...rest] = sourceRecords;
  if (first === undefined) return [];
  const lines = [
    rest.length === 0
      ? `${describeSource(first)}: the only record of this ${event.type} for ${event.person}`
      : `${sourceRecords.length} records of ${event.type} for ${event.person}, dates within ${windowDays} days of each other`,
  ];
  for (const record of rest) {
    const gap = rangeGap(dayRange(first.date), dayRange(record.date));
    const agencyRule =
      record.agency === first.agency
        ? record.record_id === undefined
          ? 'same agency, no record id, same date, type and description: an export duplicate'
          : `same agency and record id ${record.record_id}: an export duplicate`
        : 'different agencies';
    const days = gap === 1 ? '1 day' : `${gap} days`;
    lines.push(`${describeSource(record)} with ${describeSource(first)}: same person, same type, ${days} apart, ${agencyRule}`);
  }
  return lines;
}
