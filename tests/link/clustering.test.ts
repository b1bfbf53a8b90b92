import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLinkContext, explainPair, linkPeople, type Linkage } from '../../src/link/index.js';
import { housemateShare } from '../../src/link/households.js';
import { weightOf } from '../../src/link/weights.js';
import type { ChronologyRecord } from '../../src/model/record.js';
import { config, record, type PersonFields } from './helpers.js';

const cfg = config();
const home = { address: '14 Mill Lane', postcode: 'LS6 2QT' };

function together(linkage: Linkage, i: number, j: number): boolean {
  return linkage.personOf[i] === linkage.personOf[j];
}

function link(people: PersonFields[], settings = cfg): { records: ChronologyRecord[]; linkage: Linkage } {
  const records = people.map(record);
  return { records, linkage: linkPeople(records, settings) };
}

function level(records: ChronologyRecord[], i: number, j: number, field: string): string | undefined {
  return explainPair(records, i, j, cfg).fields.find((f) => f.field === field)?.level;
}

describe('clustering on the evidence across clusters', () => {
  it("merges a child's NHS cluster that holds a nickname missing from the table (Bela) with another agency's record", () => {
    const { linkage } = link([
      { agency: 'health', nhs: '9434765919', given: 'Isabella', family: 'Okafor', dob: '2014-02-03', ...home },
      { agency: 'health', nhs: '9434765919', given: 'Bela', family: 'Okafor', dob: '2014-02-03', ...home },
      { agency: 'school', given: 'Isabella', family: 'Okafor', dob: '2014-02-03', ...home },
    ]);
    expect(together(linkage, 0, 2)).toBe(true);
    expect(together(linkage, 1, 2)).toBe(true);
  });

  it('merges a cluster holding one wrong dob with a record that has the right one', () => {
    const { linkage } = link([
      { agency: 'health', nhs: '9434765919', given: 'Leah', family: 'Carter', dob: '2014-02-03' },
      { agency: 'health', nhs: '9434765919', given: 'Leah', family: 'Carter', dob: '2016-08-19' },
      { agency: 'school', given: 'Leah', family: 'Carter', dob: '2014-02-03' },
    ]);
    expect(together(linkage, 0, 2)).toBe(true);
  });

  it('keeps twins apart when a record with an initial fits both', () => {
    const { linkage } = link([
      { agency: 'health', given: 'Olivia', family: 'Smith', dob: '2015-03-04', ...home },
      { agency: 'school', given: 'Oliver', family: 'Smith', dob: '2015-03-04', ...home },
      { agency: 'police', given: 'O', family: 'Smith', dob: '2015-03-04', ...home },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
    const refused = linkage.uncertain.find((pair) => pair.reason === 'twins');
    expect(refused).toBeDefined();
  });

  it('keeps twins apart when each has several records across agencies', () => {
    const { linkage } = link([
      { agency: 'health', nhs: '9434765919', given: 'Amelia', family: 'Khan', dob: '2016-01-02', ...home },
      { agency: 'school', given: 'Amelia', family: 'Khan', dob: '2016-01-02', ...home },
      { agency: 'health', nhs: '4010232137', given: 'Ava', family: 'Khan', dob: '2016-01-02', ...home },
      { agency: 'school', given: 'Ava', family: 'Khan', dob: '2016-01-02', ...home },
      { agency: 'police', given: 'A', family: 'Khan', dob: '2016-01-02', ...home },
    ]);
    expect(together(linkage, 0, 1)).toBe(true);
    expect(together(linkage, 2, 3)).toBe(true);
    expect(together(linkage, 0, 2)).toBe(false);
  });

  it('keeps a father and son of one name apart through a record with no dob', () => {
    const { linkage } = link([
      { agency: 'police', given: 'Dean', family: 'Walsh', dob: '1986-05-12', ...home },
      { agency: 'school', given: 'Dean', family: 'Walsh', dob: '2013-09-30', ...home },
      { agency: 'housing', given: 'Dean', family: 'Walsh', ...home },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
  });
});

describe('one child known by different given names to different agencies', () => {
  const child = { family: 'Holt', dob: '2016-10-21', ...home };
  it('joins a pet name the tables do not list when no agency holds both names (Poppy at school, Penelope elsewhere)', () => {
    const { linkage } = link([
      { agency: 'police', given: 'Penelope', ...child },
      { agency: 'health', given: 'Penelope', ...child },
      { agency: 'school', given: 'Poppy', ...child },
      { agency: 'school', given: 'Poppy', ...child, date: '2022-01-05' },
    ]);
    expect(together(linkage, 0, 2)).toBe(true);
    expect(linkage.links.some((l) => l.rule === 'agency_names')).toBe(true);
  });

  it.each([
    ['names that could not be pet names of each other (Theo, Harry)', 'Theo', 'Harry'],
    ['names alike in spelling, as twins are named (Olivia, Oliver)', 'Olivia', 'Oliver'],
  ])('keeps apart %s, even in agencies that never hold both', (_, first, second) => {
    const { linkage } = link([
      { agency: 'police', given: first, ...child },
      { agency: 'health', given: first, ...child },
      { agency: 'school', given: second, ...child },
      { agency: 'housing', given: second, ...child },
    ]);
    expect(together(linkage, 0, 2)).toBe(false);
  });

  it('keeps twins apart when one agency holds both names', () => {
    const { linkage } = link([
      { agency: 'police', given: 'Penelope', ...child },
      { agency: 'school', given: 'Penelope', ...child },
      { agency: 'school', given: 'Poppy', ...child },
      { agency: 'health', given: 'Poppy', ...child },
    ]);
    expect(together(linkage, 0, 2)).toBe(false);
  });

  it.each([
    ['Eve', 'Evelyn'],
    ['Harry', 'Harrison'],
    ['Lainey', 'Elaine'],
    ['Nella', 'Antonella'],
  ])('reads %s as a short form of %s', (short, name) => {
    const { records, linkage } = link([
      { given: name, ...child },
      { agency: 'health', given: short, ...child },
    ]);
    expect(level(records, 0, 1, 'given_name')).toBe('diminutive');
    expect(together(linkage, 0, 1)).toBe(true);
  });
});

describe('records with a name and no dob', () => {
  it('join the one person whose name they fit', () => {
    const { linkage } = link([
      { agency: 'health', given: 'Isabella', family: 'Okafor', dob: '2014-02-03', postcode: 'LS6 2QT' },
      { agency: 'school', given: 'Isabella', family: 'Okafor', address: '3 Kirk View', postcode: 'M14 5RT' },
      { agency: 'health', given: 'Ruby', family: 'Lane', dob: '2012-06-01' },
    ]);
    expect(together(linkage, 0, 1)).toBe(true);
    expect(linkage.links.find((l) => l.rule === 'unique_name')).toBeDefined();
  });

  it('stay apart, listed for review, when the name fits two persons', () => {
    const { linkage } = link([
      { agency: 'police', given: 'Jack', family: 'Smith', dob: '1988-05-12' },
      { agency: 'health', given: 'Jack', family: 'Smith', dob: '2013-09-30' },
      { agency: 'school', given: 'Jack', family: 'Smith' },
    ]);
    expect(together(linkage, 2, 0)).toBe(false);
    expect(together(linkage, 2, 1)).toBe(false);
    expect(linkage.uncertain.filter((pair) => pair.reason === 'ambiguous_name')).toHaveLength(2);
  });

  it('stay apart from a person born after their event', () => {
    const { linkage } = link([
      { agency: 'health', given: 'Isabella', family: 'Okafor', dob: '2014-02-03' },
      { agency: 'school', given: 'Isabella', family: 'Okafor', date: '2012-09-01' },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
  });

  it('stay apart from a person at another address in another postcode', () => {
    const { linkage } = link([
      { agency: 'health', given: 'Isabella', family: 'Okafor', dob: '2014-02-03', address: '1 High Street', postcode: 'LS6 2QT' },
      { agency: 'school', given: 'Isabella', family: 'Okafor', address: '9 Moor Road', postcode: 'M14 5RT' },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
  });
});

describe('names as UK caseloads write them', () => {
  it.each<[string, PersonFields, PersonFields, string]>([
    ['Mohammed / Muhammad', { given: 'Mohammed', family: 'Rahman', dob: '2013-04-05' }, { agency: 'school', given: 'Muhammad', family: 'Rahman', dob: '2013-04-05' }, 'transliteration'],
    ['Yusuf / Yousuf', { given: 'Yusuf', family: 'Ali', dob: '2015-01-02', ...home }, { agency: 'school', given: 'Yousuf', family: 'Ali', dob: '2015-01-02', ...home }, 'transliteration'],
    ['Łukasz / Lukasz', { given: 'Łukasz', family: 'Wójcik', dob: '2012-12-01' }, { agency: 'school', given: 'Lukasz', family: 'Wojcik', dob: '2012-12-01' }, 'exact'],
    ['Søren / Soren', { given: 'Søren', family: 'Strauß', dob: '2012-12-01' }, { agency: 'school', given: 'Soren', family: 'Strauss', dob: '2012-12-01' }, 'exact'],
    ['a zero-width space inside a name', { given: 'Wil\u200Bliam', family: 'Rose', dob: '2012-12-01' }, { agency: 'school', given: 'William', family: 'Rose', dob: '2012-12-01' }, 'exact'],
    ['given names in another order', { given: 'Mary Ann', family: 'Rose', dob: '2012-12-01' }, { agency: 'school', given: 'Ann Mary', family: 'Rose', dob: '2012-12-01' }, 'exact'],
  ])('links %s', (_, a, b, givenLevel) => {
    const { records, linkage } = link([a, b]);
    expect(together(linkage, 0, 1)).toBe(true);
    expect(level(records, 0, 1, 'given_name')).toBe(givenLevel);
  });

  it('links Kaur recorded as the family name by one agency and left out by another', () => {
    const { records, linkage } = link([
      { given: 'Harpreet', family: 'Kaur', dob: '2011-07-08' },
      { agency: 'school', given: 'Harpreet', family: 'Sandhu', dob: '2011-07-08' },
    ]);
    expect(level(records, 0, 1, 'family_name')).toBe('optional_word');
    expect(together(linkage, 0, 1)).toBe(true);
  });

  it('does not read a shared Kaur as a shared family name', () => {
    const { records } = link([
      { given: 'Harpreet', family: 'Kaur Sandhu', dob: '2011-07-08' },
      { agency: 'school', given: 'Harpreet', family: 'Kaur Gill', dob: '2011-07-08' },
    ]);
    expect(level(records, 0, 1, 'family_name')).not.toBe('partial');
  });
});

describe('parameters from the data', () => {
  const unrelated = (count: number): PersonFields[] =>
    Array.from({ length: count }, (_, k) => ({
      given: `Given${String.fromCharCode(97 + (k % 26))}${String.fromCharCode(97 + ((k / 26) | 0))}`,
      family: `Family${k}`,
      dob: `19${String(50 + (k % 40))}-0${1 + (k % 9)}-1${k % 10}`,
      postcode: `LS${k % 20} ${k % 9}AB`,
    }));

  it('finds households in a caseload of families and none among unrelated people', () => {
    const families = Array.from({ length: 60 }, (_, k) => [
      { given: 'Mum', family: `Family${k}`, dob: '1985-01-01', postcode: `LS${k} 1AA` },
      { given: 'Kid', family: `Family${k}`, dob: '2012-01-01', postcode: `LS${k} 1AA` },
    ]).flat();
    const identities = (people: PersonFields[]) => buildLinkContext(people.map(record), cfg);
    expect(housemateShare(identities(families).identities).share).toBe(1);
    expect(identities(families).config.households).toBe(true);
    expect(housemateShare(identities(unrelated(200)).identities).share).toBe(0);
    expect(identities(unrelated(200)).config.households).toBe(false);
  });

  it('takes households to be present when there are too few records to tell', () => {
    expect(buildLinkContext(unrelated(20).map(record), cfg).config.households).toBe(true);
  });

  it('estimates the prior of pairs across agencies from the links found, and keeps a prior the user set', () => {
    const people = unrelated(300);
    const both = [...people, ...people.map((p) => ({ ...p, agency: 'health' }))];
    const estimated = link(both).linkage;
    const acrossPrior = estimated.links.find((l) => l.rule === 'score')!.prior;
    expect(acrossPrior).toBeGreaterThan(weightOf(1e-4) + 1);
    expect(acrossPrior).toBeLessThanOrEqual(weightOf(1e-3) + 1e-9);
    const fixed = link(both, config({ priorProbability: 1e-4 })).linkage;
    expect(fixed.links.find((l) => l.rule === 'score')!.prior).toBeCloseTo(weightOf(1e-4), 9);
  });
});

describe('twins, whatever surrounds them', () => {
  // Twins' names, most sharing an initial, so that an initial-only record fits both.
  const twins: [string, string][] = [['Ava', 'Amir'], ['Noah', 'Nia'], ['Theo', 'Tia'], ['Ruby', 'Rhys'], ['Isla', 'Finn']];
  const agencies = ['police', 'health', 'school', 'social_care', 'housing'];

  it('never puts two twins known to one school in one person, with initials fitting both, dobless records and typos around them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...twins),
        fc.subarray(agencies),
        fc.subarray(agencies),
        fc.array(fc.constantFrom('initial', 'dobless', 'typo', 'nhs'), { maxLength: 6 }),
        fc.boolean(),
        ([first, second], extraA, extraB, noise, reversed) => {
          const family = { family: 'Mercer', dob: '2016-05-14', ...home };
          const people: PersonFields[] = [
            { agency: 'school', given: first, ...family },
            { agency: 'school', given: second, ...family },
            ...extraA.map((agency) => ({ agency, given: first, ...family })),
            ...extraB.map((agency) => ({ agency, given: second, ...family })),
            ...noise.map((kind, k): PersonFields => {
              const given = k % 2 === 0 ? first : second;
              if (kind === 'initial') return { agency: agencies[k % agencies.length], given: given[0]!, ...family };
              if (kind === 'dobless') return { agency: agencies[k % agencies.length], given, family: 'Mercer', ...home };
              if (kind === 'typo') return { agency: agencies[k % agencies.length], given: `${given}${given.at(-1)}`, ...family };
              return { agency: 'health', nhs: k % 2 === 0 ? '9434765919' : '4010232137', given, ...family };
            }),
          ];
          const records = (reversed ? [...people].reverse() : people).map(record);
          const linkage = linkPeople(records, cfg);
          const personOf = (given: string) =>
            new Set(records.flatMap((r, k) => (r.name.given === given && r.dob !== undefined ? [linkage.personOf[k]] : [])));
          for (const person of personOf(first)) expect(personOf(second).has(person)).toBe(false);
        },
      ),
    );
  });
});
