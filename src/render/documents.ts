import { CAUTION } from '../analyse/index.js';
import type { AnalyseOutput, MergeOutput, ValidateOutput } from '../model/output.js';
import { compareRefs } from '../model/record.js';
import type { ChronologyEvent, Person } from '../model/stages.js';
import type { LoadResult } from '../pipeline/load.js';
import type { Report } from './report.js';

/** Items made one at a time as they are written, so a document of a million events is never held whole. */
export class LazyList<S, T> implements Iterable<T> {
  constructor(
    private readonly items: readonly S[],
    private readonly make: (item: S) => T,
  ) {}

  *[Symbol.iterator](): Iterator<T> {
    for (const item of this.items) yield this.make(item);
  }
}

/** How a document's long lists are made: as arrays, or (for jsonChunks) as LazyLists in an array's place. */
export type ListMaker = <S, T>(items: readonly S[], make: (item: S) => T) => T[];
const arrayList: ListMaker = (items, make) => items.map(make);
/** Only for a document that jsonChunks writes: it is the one reader that knows a LazyList. */
export const lazyList: ListMaker = <S, T>(items: readonly S[], make: (item: S) => T): T[] =>
  new LazyList(items, make) as unknown as T[];

export function summaryOf(
  load: LoadResult,
  persons?: number,
  events?: number,
  annotations?: Report['annotations'],
  since?: Report['since'],
): ValidateOutput['summary'] {
  const total = (pick: (f: LoadResult['files'][number]) => number) => load.files.reduce((n, f) => n + pick(f), 0);
  return {
    files: load.files,
    rows: total((f) => f.rows),
    accepted: total((f) => f.accepted),
    rejected: total((f) => f.rejected),
    skipped: total((f) => f.skipped),
    warned: total((f) => f.warned),
    ...(persons === undefined ? {} : { persons }),
    ...(events === undefined ? {} : { events }),
    ...(annotations === undefined ? {} : { annotations }),
    ...(since === undefined ? {} : { since }),
  };
}

export function validateDocument(report: Report): ValidateOutput {
  const { load } = report;
  return {
    summary: summaryOf(load),
    rejected: [...load.rejected].sort(compareRefs),
    skipped: [...load.skipped].sort(compareRefs),
    warnings: [...load.warnings].sort(compareRefs),
  };
}

function eventDocument(event: ChronologyEvent, report: Report): MergeOutput['events'][number] {
  const { sources, ...rest } = event;
  return {
    ...rest,
    sources: sources.map((s) => ({
      file: s.file,
      line: s.line,
      agency: s.agency,
      ...(s.record_id === undefined ? {} : { record_id: s.record_id }),
      original: report.load.records[s.record]?.original ?? {},
    })),
  };
}

export function personDocument(person: Person, report: Report): MergeOutput['persons'][number] {
  return {
    id: person.id,
    ...(person.name.given === undefined ? {} : { given_name: person.name.given }),
    ...(person.name.family === undefined ? {} : { family_name: person.name.family }),
    ...(person.dob === undefined ? {} : { dob: person.dob }),
    sources: person.records
      .map((i) => report.load.records[i])
      .filter((r) => r !== undefined)
      .map((r) => ({ file: r.file, line: r.line }))
      .sort(compareRefs),
    ...(person.annotation === undefined ? {} : { annotation: person.annotation }),
  };
}

export function mergeDocument(report: Report, list: ListMaker = arrayList): MergeOutput {
  const persons = report.linkage?.persons ?? [];
  const events = report.events ?? [];
  return {
    ...validateDocument(report),
    summary: summaryOf(report.load, persons.length, events.length, report.annotations, report.since),
    persons: list(persons, (p) => personDocument(p, report)),
    events: list(events, (e) => eventDocument(e, report)),
  };
}

/** The timeline view: each person with their events in date order. */
export function timelineDocument(report: Report) {
  const events = report.events ?? [];
  const byPerson = new Map<string, ChronologyEvent[]>();
  for (const event of events) byPerson.set(event.person, [...(byPerson.get(event.person) ?? []), event]);
  return {
    summary: summaryOf(report.load, report.linkage?.persons.length, events.length, report.annotations, report.since),
    persons: (report.linkage?.persons ?? []).filter((person) => byPerson.has(person.id)).map((person) => ({
      ...personDocument(person, report),
      events: (byPerson.get(person.id) ?? []).map((e) => eventDocument(e, report)),
    })),
    rejected: [...report.load.rejected].sort(compareRefs),
  };
}

/** The analyses, each with its person's annotation when --annotations gave one (never streamed then). */
function withPersonNotes(report: Report): AnalyseOutput['persons'] {
  const analyses = report.analysis?.persons ?? [];
  if (report.annotations === undefined) return analyses;
  const notes = new Map((report.linkage?.persons ?? []).flatMap((p) => (p.annotation ? [[p.id, p.annotation] as const] : [])));
  return analyses.map((a) => {
    const annotation = notes.get(a.id);
    return annotation ? { ...a, annotation } : a;
  });
}

export function analyseDocument(report: Report, list: ListMaker = arrayList): AnalyseOutput {
  const events = report.events ?? [];
  return {
    caution: CAUTION,
    ...validateDocument(report),
    summary: summaryOf(report.load, report.linkage?.persons.length, events.length, report.annotations, report.since),
    persons: withPersonNotes(report),
    households: report.analysis?.households ?? [],
    events: list(events, (e) => eventDocument(e, report)),
  };
}
