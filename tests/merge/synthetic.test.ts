import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { generate, mulberry32 } from '../../bench/synthetic/generate.js';
import { pairwiseScore, parseDataset, runBenchmark, toRecord, trueLinkage } from '../../bench/synthetic/score.js';

const small = generate({ people: 300, seed: 7 });
const rowsOf = (csv: string): Record<string, string>[] =>
  parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

function validNhs(text: string): boolean {
  const sum = [...text.slice(0, 9)].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  return (11 - (sum % 11)) % 11 === Number(text[9]);
}

describe('synthetic generator', () => {
  it('gives the same dataset for the same seed and a different one for another seed', () => {
    expect(generate({ people: 300, seed: 7 })).toEqual(small);
    expect(generate({ people: 300, seed: 8 }).files[0]?.csv).not.toBe(small.files[0]?.csv);
    const a = mulberry32(3);
    const b = mulberry32(3);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('has one truth per data row, and every true person appears', () => {
    const seen = new Set<string>();
    for (const file of small.files) {
      expect(rowsOf(file.csv)).toHaveLength(file.truth.length);
      for (const row of file.truth) seen.add(row.person);
    }
    expect(seen).toEqual(new Set(small.persons.map((p) => p.id)));
  });

  it('records each occurrence for one person, one type, within 2 days, once per agency unless exported twice', () => {
    const byOccurrence = new Map<string, { person: string; type: string; date: string; agency: string; id: string }[]>();
    for (const file of small.files) {
      rowsOf(file.csv).forEach((row, i) => {
        const truth = file.truth[i];
        if (!truth) throw new Error('missing truth');
        const record = toRecord(row, file.file, i + 2);
        const list = byOccurrence.get(truth.occurrence) ?? [];
        list.push({ person: truth.person, type: record.type, date: record.date, agency: record.agency, id: record.record_id ?? '' });
        byOccurrence.set(truth.occurrence, list);
      });
    }
    for (const rows of byOccurrence.values()) {
      expect(new Set(rows.map((r) => r.person)).size).toBe(1);
      expect(new Set(rows.map((r) => r.type)).size).toBe(1);
      const days = rows.map((r) => Date.parse(r.date) / 86_400_000);
      expect(Math.max(...days) - Math.min(...days)).toBeLessThanOrEqual(2);
      const idsByAgency = new Map<string, Set<string>>();
      for (const r of rows) idsByAgency.set(r.agency, (idsByAgency.get(r.agency) ?? new Set()).add(r.id));
      for (const ids of idsByAgency.values()) expect(ids.size).toBe(1);
    }
  });

  it('holds one person under one agency person id, and one id per person in each agency', () => {
    for (const file of small.files) {
      const personOfId = new Map<string, string>();
      const idOfPerson = new Map<string, string>();
      rowsOf(file.csv).forEach((row, i) => {
        const person = file.truth[i]?.person ?? '';
        const id = row['person_id'] ?? '';
        expect(personOfId.get(id) ?? person).toBe(person);
        expect(idOfPerson.get(person) ?? id).toBe(id);
        personOfId.set(id, person);
        idOfPerson.set(person, id);
      });
    }
  });

  it('includes the hard cases: nicknames, typos, invalid NHS numbers, missing dob, twins, namesakes, duplicates, both date styles', () => {
    const dataset = generate({ people: 2_000, seed: 1 });
    const personById = new Map(dataset.persons.map((p) => [p.id, p]));
    let nickOrTypo = 0;
    let invalidNhs = 0;
    let missingDob = 0;
    let exportDuplicates = 0;
    for (const file of dataset.files) {
      const rows = rowsOf(file.csv);
      const recordIds = rows.map((r) => r['record_id']);
      exportDuplicates += recordIds.length - new Set(recordIds).size;
      rows.forEach((row, i) => {
        const person = personById.get(file.truth[i]?.person ?? '');
        const given = row['given_name'] ?? row['name']?.split(', ')[1];
        if (given !== person?.given) nickOrTypo += 1;
        if (row['nhs_number'] && !validNhs(row['nhs_number'])) invalidNhs += 1;
        if (!row['dob']) missingDob += 1;
      });
    }
    const nameDob = dataset.persons.map((p) => `${p.given} ${p.family} ${p.dob}`);
    const nameOnly = dataset.persons.map((p) => `${p.given} ${p.family}`);
    const familyDob = dataset.persons.map((p) => `${p.householdIndex} ${p.dob}`);
    expect(nickOrTypo).toBeGreaterThan(100);
    expect(invalidNhs).toBeGreaterThan(10);
    expect(missingDob).toBeGreaterThan(100);
    expect(exportDuplicates).toBeGreaterThan(50);
    expect(familyDob.length - new Set(familyDob).size).toBeGreaterThan(5);
    expect(nameOnly.length - new Set(nameOnly).size).toBeGreaterThan(nameDob.length - new Set(nameDob).size);
    expect(new Set(dataset.files.map((f) => f.dateStyle))).toEqual(new Set(['iso', 'dayfirst']));
  });
});

describe('synthetic scorer', () => {
  it('scores pairwise precision and recall by shared cluster labels', () => {
    const score = pairwiseScore([1, 1, 1, 2], ['a', 'a', 'b', 'b']);
    expect(score).toMatchObject({ truePairs: 1, predictedPairs: 3, actualPairs: 2 });
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBeCloseTo(1 / 2);
    expect(score.f1).toBeCloseTo(0.4);
  });

  it('maps a combined name and a day-first date directly', () => {
    const record = toRecord(
      { agency: 'police', name: 'SMITH, Tom', date: '04/03/2021', dob: '2015-03-04', type: 'injury', nhs_number: '1234567890' },
      'police.csv',
      2,
    );
    expect(record).toMatchObject({ name: { given: 'Tom', family: 'SMITH' }, date: '2021-03-04', dob: '2015-03-04' });
    expect(record.nhs_number).toBeUndefined();
  });

  it('gives a perfect person score to the oracle linkage and a high event score to the merge stage', () => {
    const report = runBenchmark(small, (records) => {
      expect(records).toHaveLength(parseDataset(small).records.length);
      return trueLinkage(parseDataset(small).truth);
    });
    expect(report.person.f1).toBe(1);
    expect(report.event.f1).toBe(report.eventGivenTruePersons.f1);
    expect(report.event.f1).toBeGreaterThan(0.97);
    expect(report.truePersons).toBe(small.persons.length);
  });
});
