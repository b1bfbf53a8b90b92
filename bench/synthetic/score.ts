/**
 * Scores person linkage and event merging on a generated dataset against its ground truth,
 * by pairwise precision, recall and F1 over records.
 */
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { mergeEvents } from '../../src/merge/index.js';
import { precisionOf } from '../../src/model/date.js';
import type { ChronologyRecord } from '../../src/model/record.js';
import type { Person } from '../../src/model/stages.js';
import { EventType, Severity } from '../../src/model/vocabulary.js';
import type { GeneratedDataset, RowTruth } from './generate.js';

/** The part of src/link's Linkage the benchmark needs. */
export interface PersonClusters {
  persons: Person[];
  personOf: Int32Array;
}

export type Linker = (records: readonly ChronologyRecord[]) => PersonClusters;

export interface PairwiseScore {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs placed together that truly belong together. */
  truePairs: number;
  predictedPairs: number;
  actualPairs: number;
}

export interface BenchmarkReport {
  records: number;
  truePersons: number;
  linkedPersons: number;
  trueOccurrences: number;
  events: number;
  person: PairwiseScore;
  /** Events of the whole pipeline: linkage errors count against merging too. */
  event: PairwiseScore;
  /** Events merged over the true persons: the merge stage on its own. */
  eventGivenTruePersons: PairwiseScore;
  millis: { parse: number; link: number; merge: number };
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairwise scores of a clustering: two records form a pair when they share a cluster label. */
export function pairwiseScore(predicted: ArrayLike<string | number>, actual: ArrayLike<string | number>): PairwiseScore {
  if (predicted.length !== actual.length) throw new Error(`${predicted.length} predictions for ${actual.length} truths`);
  const predictedSizes = new Map<string | number, number>();
  const actualSizes = new Map<string | number, number>();
  const jointSizes = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] as string | number;
    const a = actual[i] as string | number;
    predictedSizes.set(p, (predictedSizes.get(p) ?? 0) + 1);
    actualSizes.set(a, (actualSizes.get(a) ?? 0) + 1);
    const joint = `${p}\u0000${a}`;
    jointSizes.set(joint, (jointSizes.get(joint) ?? 0) + 1);
  }
  const sumPairs = (sizes: Map<unknown, number>): number => [...sizes.values()].reduce((t, n) => t + pairs(n), 0);
  const truePairs = sumPairs(jointSizes);
  const predictedPairs = sumPairs(predictedSizes);
  const actualPairs = sumPairs(actualSizes);
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = actualPairs === 0 ? 1 : truePairs / actualPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, actualPairs };
}

/** `04/03/2021` or `2021-03-04` to ISO; the generator writes nothing else. */
function isoDate(text: string): string {
  const dayFirst = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = dayFirst ? `${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}` : text;
  if (precisionOf(iso) !== 'day' || Number.isNaN(Date.parse(iso))) throw new Error(`unreadable date ${JSON.stringify(text)}`);
  return iso;
}

function validNhs(text: string): boolean {
  if (!/^\d{10}$/.test(text)) return false;
  const sum = [...text.slice(0, 9)].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  return (11 - (sum % 11)) % 11 === Number(text[9]);
}

/** A direct mapping of canonical columns, standing in for src/normalise in the benchmark. */
export function toRecord(values: Record<string, string>, file: string, line: number): ChronologyRecord {
  const record: ChronologyRecord = {
    file,
    line,
    agency: values['agency'] ?? '',
    name: {},
    date: isoDate(values['date'] ?? ''),
    type: EventType.parse(values['type']),
    original: values,
  };
  const combined = values['name'];
  if (combined) {
    const [family, given] = combined.split(',').map((part) => part.trim());
    if (given) record.name.given = given;
    if (family) record.name.family = family;
  } else {
    if (values['given_name']) record.name.given = values['given_name'];
    if (values['family_name']) record.name.family = values['family_name'];
  }
  const text = (key: string): string | undefined => (values[key] ? values[key] : undefined);
  const assign = <K extends keyof ChronologyRecord>(key: K, value: ChronologyRecord[K] | undefined): void => {
    if (value !== undefined) record[key] = value;
  };
  assign('record_id', text('record_id'));
  assign('person_id', text('person_id'));
  const nhs = text('nhs_number');
  assign('nhs_number', nhs && validNhs(nhs) ? nhs : undefined);
  const dob = text('dob');
  assign('dob', dob ? isoDate(dob) : undefined);
  assign('address', text('address'));
  assign('postcode', text('postcode'));
  assign('household_id', text('household_id'));
  const severity = text('severity');
  assign('severity', severity ? (Severity.parse(Number(severity)) as Severity) : undefined);
  assign('source', text('source'));
  const threshold = text('threshold_met');
  assign('threshold_met', threshold ? threshold === 'yes' : undefined);
  assign('outcome', text('outcome'));
  assign('description', text('description'));
  return record;
}

export interface ParsedDataset {
  records: ChronologyRecord[];
  truth: RowTruth[];
}

/** Parses every generated file into records, with the truth for each record at the same index. */
export function parseDataset(dataset: GeneratedDataset): ParsedDataset {
  const records: ChronologyRecord[] = [];
  const truth: RowTruth[] = [];
  for (const file of dataset.files) {
    const rows = parse(file.csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    if (rows.length !== file.truth.length) throw new Error(`${file.file}: ${rows.length} rows for ${file.truth.length} truths`);
    rows.forEach((values, i) => {
      records.push(toRecord(values, file.file, i + 2));
      truth.push(file.truth[i] as RowTruth);
    });
  }
  return { records, truth };
}

/** Clusters records by their true person: the oracle linkage. */
export function trueLinkage(truth: readonly RowTruth[]): PersonClusters {
  const indexOf = new Map<string, number>();
  const persons: Person[] = [];
  const personOf = new Int32Array(truth.length);
  truth.forEach((row, i) => {
    let index = indexOf.get(row.person);
    if (index === undefined) {
      index = persons.length;
      indexOf.set(row.person, index);
      persons.push({ id: row.person, records: [], name: {} });
    }
    (persons[index] as Person).records.push(i);
    personOf[i] = index;
  });
  return { persons, personOf };
}

function eventOfRecord(records: number, events: ReturnType<typeof mergeEvents>): Int32Array {
  const eventOf = new Int32Array(records).fill(-1);
  events.forEach((event, e) => {
    for (const source of event.sources) eventOf[source.record] = e;
  });
  return eventOf;
}

export function runBenchmark(dataset: GeneratedDataset, link: Linker, windowDays?: number): BenchmarkReport {
  const mergeConfig = windowDays === undefined ? {} : { windowDays };
  const t0 = performance.now();
  const { records, truth } = parseDataset(dataset);
  const t1 = performance.now();
  const linkage = link(records);
  const t2 = performance.now();
  const events = mergeEvents(records, linkage.persons, linkage.personOf, mergeConfig);
  const t3 = performance.now();
  const oracle = trueLinkage(truth);
  const oracleEvents = mergeEvents(records, oracle.persons, oracle.personOf, mergeConfig);
  const occurrences = truth.map((row) => row.occurrence);
  return {
    records: records.length,
    truePersons: oracle.persons.length,
    linkedPersons: linkage.persons.length,
    trueOccurrences: new Set(occurrences).size,
    events: events.length,
    person: pairwiseScore(linkage.personOf, truth.map((row) => row.person)),
    event: pairwiseScore(eventOfRecord(records.length, events), occurrences),
    eventGivenTruePersons: pairwiseScore(eventOfRecord(records.length, oracleEvents), occurrences),
    millis: { parse: t1 - t0, link: t2 - t1, merge: t3 - t2 },
  };
}
