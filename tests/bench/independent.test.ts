import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairScore, score } from '../../bench/independent/evaluate.js';
import {
  CONFIRMATION_SEEDS, DEFAULT_RATES, TUNING_SEEDS, generate, parseRates, writeDataset, type TruthRow,
} from '../../bench/independent/generate.js';
import { LISTED_SHORT, UNLISTED_SHORT } from '../../bench/independent/names.js';
import { ROOT, runBin } from '../e2e/run-bin.js';

const share = (rows: readonly TruthRow[], tag: string): number => rows.filter((r) => r.tags.includes(tag)).length / rows.length;

describe('independent generator', () => {
  it('is deterministic per seed, and another seed gives other data', () => {
    const a = generate({ seed: 7, families: 12 });
    const b = generate({ seed: 7, families: 12 });
    const c = generate({ seed: 8, families: 12 });
    expect(b).toEqual(a);
    expect(c.files.map((f) => f.content)).not.toEqual(a.files.map((f) => f.content));
  });

  it('keeps the confirmation seeds apart from the tuning seeds', () => {
    const tuning = new Set(TUNING_SEEDS.map((s) => s.seed));
    expect(CONFIRMATION_SEEDS.map((s) => s.seed)).toEqual([901, 902]);
    expect(CONFIRMATION_SEEDS.some((s) => tuning.has(s.seed))).toBe(false);
  });

  it("gives every record the file:line where the tool reports it, across quoted newlines, a BOM and YAML items", () => {
    const dataset = generate({ seed: 11, families: 8, rates: { quotedNewline: 0.3, exportDuplicate: 0.05 } });
    const directory = mkdtempSync(join(tmpdir(), 'independent-test-'));
    try {
      const files = writeDataset(dataset, directory);
      // Lines only drift from row numbers after a quoted newline: make sure the case is here.
      expect(dataset.truth.some((t) => t.tags.includes('quoted-newline'))).toBe(true);
      expect(dataset.truth.some((t) => t.file === 'housing.yaml')).toBe(true);
      const result = runBin(['merge', ...files, '--format', 'json', '-q']);
      expect(result.code).toBe(0);
      const output = JSON.parse(result.stdout) as { events: { sources: { file: string; line: number }[] }[]; rejected: unknown[] };
      const reported = output.events.flatMap((e) => e.sources.map((s) => `${basename(s.file)}:${s.line}`)).sort();
      expect(output.rejected).toEqual([]);
      expect(reported).toEqual(dataset.truth.map((t) => `${t.file}:${t.line}`).sort());
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  describe('habits at their rates (seed 21, 80 families)', () => {
    const dataset = generate({ seed: 21, families: 80 });
    const { truth, persons } = dataset;

    it('gives 15-20% of school rows a name and no date of birth', () => {
      const school = truth.filter((t) => t.agency === 'School');
      expect(school.length).toBeGreaterThan(300);
      expect(share(school, 'name-only')).toBeGreaterThanOrEqual(0.15);
      expect(share(school, 'name-only')).toBeLessThanOrEqual(0.2);
      // A name-only row really has an empty date of birth in the file.
      const file = dataset.files.find((f) => f.name === 'school.csv')!.content.split('\r\n');
      const dobColumn = file[0]!.replace('\ufeff', '').split(';').indexOf('DOB');
      for (const row of school.filter((t) => t.tags.includes('name-only')).slice(0, 20)) expect(file[row.line - 1]!.split(';')[dobColumn]).toBe('');
    });

    it('puts one typo or nickname in about the set share of agency clusters', () => {
      const clusters = new Map<string, TruthRow[]>();
      for (const t of truth) clusters.set(`${t.agency}|${t.person}`, [...(clusters.get(`${t.agency}|${t.person}`) ?? []), t]);
      const eligible = [...clusters.values()].filter((c) => c.length >= 2);
      const withTypo = eligible.filter((c) => c.some((t) => t.tags.includes('typo-in-cluster'))).length / eligible.length;
      expect(withTypo).toBeGreaterThan(DEFAULT_RATES.typoInCluster * 0.6);
      expect(withTypo).toBeLessThan(DEFAULT_RATES.typoInCluster * 1.4);
    });

    it('holds children by short forms missing from our table at about the set rate', () => {
      const children = new Map(persons.filter((p) => p.role === 'child' && p.given in UNLISTED_SHORT).map((p) => [p.person, p]));
      const clusters = new Map<string, TruthRow[]>();
      for (const t of truth)
        if (children.has(t.person) && ['School', 'Health', "Children's Social Care"].includes(t.agency))
          clusters.set(`${t.agency}|${t.person}`, [...(clusters.get(`${t.agency}|${t.person}`) ?? []), t]);
      expect(clusters.size).toBeGreaterThan(20);
      const held = [...clusters.values()].filter((c) => c.every((t) => t.tags.includes('nickname-unlisted'))).length / clusters.size;
      expect(held).toBeGreaterThan(DEFAULT_RATES.unlistedNickname * 0.7);
      expect(held).toBeLessThan(DEFAULT_RATES.unlistedNickname * 1.3);
    });

    it('spoils dates of birth at about the set rates', () => {
      const withDob = truth.filter((t) => !t.tags.includes('name-only'));
      expect(share(withDob, 'dob-typo')).toBeGreaterThan(DEFAULT_RATES.dobTypo * 0.6);
      expect(share(withDob, 'dob-typo')).toBeLessThan(DEFAULT_RATES.dobTypo * 1.4);
      // Swaps only where the day is 12 or under and differs from the month: about 37% of dates.
      expect(share(withDob, 'dob-swap')).toBeGreaterThan(DEFAULT_RATES.dobSwap * 0.2);
      expect(share(withDob, 'dob-swap')).toBeLessThan(DEFAULT_RATES.dobSwap * 0.7);
      expect(share(withDob, 'dob-wrong')).toBeGreaterThan(DEFAULT_RATES.dobWrong * 0.5);
      expect(share(withDob, 'dob-wrong')).toBeLessThan(DEFAULT_RATES.dobWrong * 1.6);
    });

    it('shows every habit the README lists', () => {
      const tags = new Set(truth.flatMap((t) => t.tags));
      for (const tag of [
        'name-only', 'nickname', 'nickname-unlisted', 'typo-in-cluster', 'dob-typo', 'dob-swap', 'dob-wrong', 'transliteration',
        'kaur-singh', 'patronymic', 'name-order', 'name-change', 'married-name', 'unicode', 'hyphen-apostrophe', 'twin',
        'namesake', 'missing-dob', 'missing-nhs', 'missing-address', 'missing-postcode', 'missing-person-id', 'initial-only',
        'all-caps', 'stale-address', 'export-duplicate', 'repeat-near', 'quoted-newline',
      ])
        expect(tags, tag).toContain(tag);
    });

    it('makes households of 1-2 adults and 1-5 children, and twins and namesakes that are different persons', () => {
      const households = new Map<string, typeof persons>();
      for (const p of persons) households.set(p.household, [...(households.get(p.household) ?? []), p]);
      for (const members of households.values()) {
        const adults = members.filter((m) => m.role === 'mother' || m.role === 'father').length;
        const children = members.filter((m) => m.role === 'child').length;
        expect(adults).toBeGreaterThanOrEqual(1);
        expect(adults).toBeLessThanOrEqual(2);
        expect(children).toBeGreaterThanOrEqual(1);
        expect(children).toBeLessThanOrEqual(5);
        const twins = members.filter((m) => m.tags.includes('twin'));
        if (twins.length === 0) continue;
        expect(twins).toHaveLength(2);
        const [a, b] = twins as [(typeof persons)[0], (typeof persons)[0]];
        expect([a.family, a.dob, a.address]).toEqual([b.family, b.dob, b.address]);
        expect(a.given).not.toBe(b.given);
      }
      const twinHouseholds = new Set(persons.filter((p) => p.tags.includes('twin')).map((p) => p.household));
      expect(twinHouseholds.size).toBe(Math.round(DEFAULT_RATES.twins * 80));
      const namesakes = persons.filter((p) => p.tags.includes('namesake'));
      expect(namesakes.length).toBeGreaterThan(2);
      for (const p of namesakes) {
        const other = namesakes.filter((q) => q.household === p.household && q.person !== p.person);
        expect(other.some((q) => q.given === p.given && q.family === p.family && q.dob !== p.dob)).toBe(true);
      }
    });

    it('gives every person a valid NHS number (mod 11), known mostly to health', () => {
      const valid = (nhs: string): boolean => {
        const d = [...nhs].map(Number);
        const check = 11 - (d.slice(0, 9).reduce((sum, n, i) => sum + n * (10 - i), 0) % 11);
        return d.length === 10 && (check === 11 ? 0 : check) === d[9];
      };
      expect(persons.every((p) => valid(p.nhs))).toBe(true);
      expect(new Set(persons.map((p) => p.nhs)).size).toBe(persons.length);
      const health = dataset.files.find((f) => f.name === 'health.csv')!.content.split('\r\n').slice(1).filter(Boolean);
      const written = health.map((row) => row.split(',')[1]!.replace(/ /g, '')).filter((n) => n !== '');
      expect(written.length / health.length).toBeGreaterThan(0.85);
      expect(written.every(valid)).toBe(true);
      const police = truth.filter((t) => t.agency === 'Police');
      const policeFile = dataset.files.find((f) => f.name === 'police.csv')!.content;
      expect(policeFile.split('\r\n').filter((row) => /,\d{10},/.test(row)).length / police.length).toBeLessThan(0.1);
    });

        it('moves people house', () => {
      const moved = persons.filter((p) => truth.some((t) => t.person === p.person && t.tags.includes('stale-address')));
      expect(moved.length).toBeGreaterThan(0);
    });
  });

  it('takes each rate from the options, and --rate NAME=VALUE checks what it is given', () => {
    const school = generate({ seed: 5, families: 30, rates: { nameOnlySchool: 0.3 } }).truth.filter((t) => t.agency === 'School');
    expect(share(school, 'name-only')).toBeCloseTo(0.3, 2);
    expect(parseRates(['--seed', '1', '--rate', 'twins=0.2', '--rate', 'dobSwap=0'])).toEqual({ twins: 0.2, dobSwap: 0 });
    expect(() => parseRates(['--rate', 'twin=0.2'])).toThrow(/unknown rate "twin"/);
    expect(() => parseRates(['--rate', 'twins=1.5'])).toThrow(/"1.5" is not a number from 0 to 1/);
    expect(() => parseRates(['--rate', 'twins='])).toThrow(/is not a number/);
  });

  it("uses short forms data/nicknames.csv does not list, and ones it does", () => {
    const lines = readFileSync(join(ROOT, 'data/nicknames.csv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).slice(1);
    const pairs = lines.map((l) => l.trim().toLowerCase().split(',') as [string, string]);
    // Names that share a formal name match each other, so compare the formal names each reaches.
    const formal = (name: string): Set<string> => new Set([name, ...pairs.filter(([n]) => n === name).map(([, f]) => f)]);
    for (const [name, shorts] of Object.entries(UNLISTED_SHORT))
      for (const short of shorts) {
        const reached = formal(short.toLowerCase());
        expect([...formal(name.toLowerCase())].some((f) => reached.has(f)), `${short}/${name}`).toBe(false);
      }
    for (const [name, shorts] of Object.entries(LISTED_SHORT))
      for (const short of shorts) expect(pairs, `${short}/${name}`).toContainEqual([short.toLowerCase(), name.toLowerCase()]);
  });
});

describe('independent evaluation', () => {
  it('scores pairs: precision over linked pairs, recall over true pairs', () => {
    const s = pairScore(['a', 'a', 'a', 'b'], ['x', 'x', 'y', 'y']);
    expect(s.truePairs).toBe(3);
    expect(s.predictedPairs).toBe(2);
    expect(s.agreeing).toBe(1);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBeCloseTo(1 / 3);
  });

  it('blames a split on the split-off record’s habit and a false link on how the persons relate', () => {
    const row = (line: number, person: string, tags: string[]): TruthRow => ({
      file: 'p.csv', line, person, occurrence: `O${line}-${person}`, agency: 'Police', record_id: String(line), tags,
    });
    const truth = [row(2, 'F0001-C1', ['twin']), row(3, 'F0001-C1', ['twin']), row(4, 'F0001-C1', ['twin', 'nickname-unlisted']), row(5, 'F0001-C2', ['twin'])];
    const event = (id: string, person: string, line: number) => ({ id, person, sources: [{ file: 'dir/p.csv', line }] });
    const result = score(truth, { events: [event('E1', 'P1', 2), event('E2', 'P1', 3), event('E3', 'P2', 4), event('E4', 'P1', 5)], rejected: [] });
    expect(result.unmatched).toBe(0);
    expect(result.persons.recall).toBeCloseTo(1 / 3);
    expect(result.personMisses.find((c) => c.tag === 'nickname-unlisted')).toMatchObject({ records: 1, splitOff: 1, missedPairs: 2 });
    expect(result.personFalseLinks).toEqual({ twin: 2 });
  });
});
