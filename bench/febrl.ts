/** Reading the FEBRL benchmark files into chronology records, and pairwise scoring. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { daysInMonth } from '../src/model/date.js';
import type { ChronologyRecord } from '../src/model/record.js';

export interface FebrlRecord {
  recId: string;
  record: ChronologyRecord;
}

/** yyyymmdd to ISO, or undefined when blank or impossible (19371233). */
export function febrlDate(value: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** One FEBRL file as records of `agency`, each with one dummy event; rec_id and soc_sec_id are not used for linking. */
export function readFebrl(directory: string, file: string, agency: string): FebrlRecord[] {
  const lines = readFileSync(join(directory, file), 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim());
  const column = (name: string) => header.indexOf(name);
  return lines.slice(1).flatMap((line, index) => {
    if (line.trim() === '') return [];
    const cells = line.split(',').map((cell) => cell.trim());
    const cell = (name: string) => {
      const value = cells[column(name)];
      return value === undefined || value === '' ? undefined : value;
    };
    const address = ['street_number', 'address_1', 'address_2', 'suburb']
      .map(cell)
      .filter((part) => part !== undefined)
      .join(' ');
    const dob = febrlDate(cell('date_of_birth') ?? '');
    const postcode = cell('postcode');
    const record: ChronologyRecord = {
      file,
      line: index + 2,
      agency,
      name: { given: cell('given_name'), family: cell('surname') },
      ...(dob === undefined ? {} : { dob }),
      ...(address === '' ? {} : { address }),
      ...(postcode === undefined ? {} : { postcode }),
      date: '2000-01-01',
      type: 'contact',
      original: {},
    };
    return [{ recId: cell('rec_id') ?? '', record }];
  });
}

export function readTruthPairs(directory: string, file: string): Set<string> {
  const lines = readFileSync(join(directory, file), 'utf8').split(/\r?\n/).slice(1);
  return new Set(
    lines
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [a = '', b = ''] = line.split(',').map((cell) => cell.trim());
        return pairKey(a, b);
      }),
  );
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface PairScores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise precision/recall/F1 of predicted pairs against the true ones. */
export function scorePairs(predicted: Set<string>, truth: Set<string>): PairScores {
  let truePositives = 0;
  for (const pair of predicted) if (truth.has(pair)) truePositives += 1;
  const falsePositives = predicted.size - truePositives;
  const falseNegatives = truth.size - truePositives;
  const precision = predicted.size === 0 ? 1 : truePositives / predicted.size;
  const recall = truth.size === 0 ? 1 : truePositives / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

/** The record pairs a clustering puts together; with `crossOnly`, only pairs from different agencies. */
export function predictedPairs(recIds: readonly string[], agencies: readonly string[], personOf: Int32Array, crossOnly: boolean): Set<string> {
  const groups = new Map<number, number[]>();
  personOf.forEach((person, index) => {
    const group = groups.get(person) ?? [];
    group.push(index);
    groups.set(person, group);
  });
  const pairs = new Set<string>();
  for (const group of groups.values()) {
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        const [i, j] = [group[x]!, group[y]!];
        if (crossOnly && agencies[i] === agencies[j]) continue;
        pairs.add(pairKey(recIds[i]!, recIds[j]!));
      }
    }
  }
  return pairs;
}
