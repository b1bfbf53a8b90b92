import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkPeople, type Linkage } from '../../src/link/index.js';
import { candidatePairs } from '../../src/link/blocking.js';
import { identityOf } from '../../src/link/compare.js';
import type { ChronologyRecord } from '../../src/model/record.js';
import { config, record, type PersonFields } from './helpers.js';

const cfg = config();
const home = { address: '14 Mill Lane', postcode: 'LS6 2QT' };

function together(linkage: Linkage, i: number, j: number): boolean {
  return linkage.personOf[i] === linkage.personOf[j];
}

function link(people: PersonFields[]): { records: ChronologyRecord[]; linkage: Linkage } {
  const records = people.map(record);
  return { records, linkage: linkPeople(records, cfg) };
}

describe('linkPeople: the same person under different spellings', () => {
  it.each<[string, PersonFields, PersonFields]>([
    ['a nickname', { given: 'Tom', family: 'Smith', dob: '2015-03-04' }, { agency: 'health', given: 'Thomas', family: 'SMITH', dob: '2015-03-04' }],
    ['accents and case', { given: 'Siân', family: 'Ní Bhriain', dob: '2012-07-19' }, { agency: 'school', given: 'SIAN', family: 'ni bhriain', dob: '2012-07-19' }],
    ['an apostrophe', { given: 'Zoë', family: "O'Brien", dob: '2013-01-30' }, { agency: 'school', given: 'Zoe', family: 'OBrien', dob: '2013-01-30' }],
    ['swapped names', { given: 'Callum', family: 'Fraser', dob: '2014-11-02' }, { agency: 'health', given: 'Fraser', family: 'Callum', dob: '2014-11-02' }],
    ['a hyphenated family name', { given: 'Maisie', family: 'Smith-Jones', dob: '2016-05-06' }, { agency: 'health', given: 'Maisie', family: 'Jones', dob: '2016-05-06' }],
    ['a typo and a swapped day and month', { given: 'Bethany', family: 'Harrison', dob: '2011-04-09' }, { agency: 'health', given: 'Bethnay', family: 'Harrison', dob: '2011-09-04' }],
    ['a missing dob but the same home', { given: 'Kieran', family: 'Walsh', dob: '2010-02-14', ...home }, { agency: 'police', given: 'Kieran', family: 'Walsh', ...home }],
  ])('links %s', (_, a, b) => {
    expect(together(link([a, b]).linkage, 0, 1)).toBe(true);
  });

  it('links on a shared NHS number even when the names differ', () => {
    const { linkage } = link([
      { given: 'Kai', family: 'Moss', nhs: '9434765919' },
      { agency: 'health', given: 'Malachi', family: 'Ross', nhs: '9434765919' },
    ]);
    expect(together(linkage, 0, 1)).toBe(true);
    expect(linkage.links[0]).toMatchObject({ rule: 'nhs_number' });
  });

  it("links one agency's records that share a person_id", () => {
    const { linkage } = link([
      { agency: 'school', personId: 'S-77', given: 'Ruby' },
      { agency: 'school', personId: 'S-77', family: 'Lane', dob: '2014-06-01' },
    ]);
    expect(together(linkage, 0, 1)).toBe(true);
    expect(linkage.links[0]).toMatchObject({ rule: 'agency_person_id' });
  });

  it('does not link the same person_id across agencies on that basis', () => {
    const { linkage } = link([
      { agency: 'school', personId: '77', given: 'Ruby', family: 'Lane' },
      { agency: 'police', personId: '77', given: 'Omar', family: 'Haddad' },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
  });
});

describe('linkPeople: different people stay apart', () => {
  it('keeps twins apart though family name, dob and home agree', () => {
    const { linkage } = link([
      { given: 'Oliver', family: 'Pryce', dob: '2016-08-21', ...home },
      { agency: 'health', given: 'Olivia', family: 'Pryce', dob: '2016-08-21', ...home },
      { agency: 'school', given: 'Jack', family: 'Pryce', dob: '2016-08-21', ...home },
      { agency: 'school', given: 'Olly', family: 'Pryce', dob: '2016-08-21', ...home },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
    expect(together(linkage, 0, 2)).toBe(false);
    expect(together(linkage, 1, 2)).toBe(false);
    expect(together(linkage, 0, 3)).toBe(true);
  });

  it('keeps namesakes apart, even a father and son at one address', () => {
    const { linkage } = link([
      { given: 'Liam', family: 'Doyle', dob: '1988-10-02', ...home },
      { agency: 'health', given: 'Liam', family: 'Doyle', dob: '2015-01-17', ...home },
      { agency: 'school', given: 'Liam', family: 'Doyle', dob: '2015-01-17' },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
    expect(together(linkage, 1, 2)).toBe(true);
  });

  it('never links two different valid NHS numbers, even with one agency person_id between them', () => {
    const same = { given: 'Tom', family: 'Smith', dob: '2015-03-04', ...home };
    const { linkage } = link([
      { ...same, nhs: '9434765919', agency: 'health', personId: 'H1' },
      { ...same, nhs: '4010232137', agency: 'health', personId: 'H1' },
      { ...same, agency: 'police' },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
  });

  it('does not chain two people together through one sparse record', () => {
    // A and C are namesakes; B (no dob) matches both strongly.
    const { linkage } = link([
      { given: 'Ellis', family: 'Hart', dob: '2012-02-02', ...home },
      { agency: 'police', given: 'Ellis', family: 'Hart', ...home },
      { agency: 'school', given: 'Ellis', family: 'Hart', dob: '1979-09-30', ...home },
    ]);
    expect(together(linkage, 0, 2)).toBe(false);
    expect(together(linkage, 0, 1) || together(linkage, 1, 2)).toBe(true);
    expect(linkage.uncertain.length).toBeGreaterThan(0);
  });

  it('does not let a record without a dob, at an old address, veto a merge its names agree with', () => {
    const moved = { address: '96 Station Road', postcode: 'EW7 7DF' };
    const { linkage } = link([
      { agency: 'police', given: 'Rebecca', family: 'Quennell', dob: '2008-03-27', address: '49 Queens Walk', postcode: 'EW19 6JL' },
      { agency: 'health', given: 'Rebecca', family: 'Quennell', dob: '2008-03-27', ...moved },
      { agency: 'housing', given: 'Rebecca', family: 'Quennell', ...moved },
    ]);
    expect(together(linkage, 0, 1)).toBe(true);
    expect(together(linkage, 1, 2)).toBe(true);
  });

  it('still refuses a merge across a pair whose given names clearly differ', () => {
    const { linkage } = link([
      { given: 'Ellis', family: 'Hart', dob: '2012-02-02', ...home },
      { agency: 'police', given: 'E', family: 'Hart', ...home },
      { agency: 'school', given: 'Erin', family: 'Hart', ...home },
    ]);
    expect(together(linkage, 0, 2)).toBe(false);
  });

  it('does not link on a household alone', () => {
    const { linkage } = link([
      { family: 'Okafor', ...home },
      { agency: 'health', given: 'Ada', family: 'Okafor', dob: '2013-03-03', ...home },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
  });
});

describe('linkPeople: output', () => {
  const people: PersonFields[] = [
    { file: 'police.csv', line: 5, given: 'Tom', family: 'Smith', dob: '2015-03-04' },
    { file: 'health.csv', line: 2, agency: 'health', given: 'Thomas', family: 'Smith', dob: '2015-03-04' },
    { file: 'school.csv', line: 9, agency: 'school', given: 'Thomas', family: 'Smith', dob: '2015-03-04' },
    { file: 'school.csv', line: 3, agency: 'school', given: 'Amira', family: 'Begum', dob: '2014-12-25' },
    { file: 'police.csv', line: 7, given: 'Amira', family: 'Begum', dob: '2014-12-25' },
  ];

  it('orders persons by name, describes each by its most frequent spelling, and ids them by their records, not their place', () => {
    const { linkage } = link(people);
    expect(linkage.persons.map((p) => [p.name, p.dob, p.records])).toEqual([
      [{ given: 'Amira', family: 'Begum' }, '2014-12-25', [3, 4]],
      [{ given: 'Thomas', family: 'Smith' }, '2015-03-04', [0, 1, 2]],
    ]);
    expect(linkage.persons.map((p) => p.id)).toEqual([expect.stringMatching(/^P-[0-9A-Z]{6}$/), expect.stringMatching(/^P-[0-9A-Z]{6}$/)]);
    expect([...linkage.personOf]).toEqual([1, 1, 1, 0, 0]);
    // A person who sorts first by name takes the first place but no one else's id.
    const { linkage: more } = link([{ file: 'z.csv', line: 2, given: 'Aaron', family: 'Abbot', dob: '2001-01-01' }, ...people]);
    expect(more.persons.map((p) => p.name.given)).toEqual(['Aaron', 'Amira', 'Thomas']);
    expect(more.persons.slice(1).map((p) => p.id)).toEqual(linkage.persons.map((p) => p.id));
  });

  it('without explanation (merge, analyse) gives the same persons and no evidence', () => {
    const duplicated = [...people, { ...people[0]!, line: 6 }, { ...people[3]!, line: 4 }];
    const records = duplicated.map(record);
    const full = linkPeople(records, cfg);
    const lean = linkPeople(records, cfg, { explain: false });
    expect(lean.persons).toEqual(full.persons);
    expect([...lean.personOf]).toEqual([...full.personOf]);
    // Each person is a spanning tree: records - 1 links in all, each with its evidence.
    expect(full.links).toHaveLength(records.length - full.persons.length);
    expect(lean.links).toEqual([]);
    expect(lean.uncertain).toEqual([]);
  });

  it('shows the best-cased spelling when spellings differ only in case, accents or punctuation', () => {
    const { linkage } = link([
      { agency: 'health', given: 'Grace', family: 'ADEYEMI COLE', dob: '2014-08-21' },
      { agency: 'health', given: 'Grace', family: 'ADEYEMI COLE', dob: '2014-08-21', line: 90 },
      { agency: 'school', given: 'Grace', family: 'Adeyemi-Cole', dob: '2014-08-21' },
      { agency: 'police', given: 'SIAN', family: 'PRYCE', dob: '1964-04-27' },
      { agency: 'health', given: 'Siân', family: 'Pryce', dob: '1964-04-27' },
      { agency: 'school', given: 'sian', family: 'pryce', dob: '1964-04-27' },
    ]);
    expect(linkage.persons.map((p) => p.name)).toEqual([
      { given: 'Grace', family: 'Adeyemi-Cole' },
      { given: 'Siân', family: 'Pryce' },
    ]);
  });

  it('still shows the most frequent of truly different spellings', () => {
    const { linkage } = link([
      { agency: 'health', given: 'TOMMY', family: 'SMITH', dob: '2015-03-04' },
      { agency: 'school', given: 'TOMMY', family: 'SMITH', dob: '2015-03-04' },
      { agency: 'police', given: 'Thomas', family: 'Smith', dob: '2015-03-04' },
    ]);
    expect(linkage.persons.map((p) => p.name)).toEqual([{ given: 'TOMMY', family: 'SMITH' }]);
  });

  it('explains every person by links that span its records', () => {
    const { linkage } = link(people);
    expect(linkage.links).toHaveLength(3);
    for (const l of linkage.links) expect(linkage.personOf[l.a]).toBe(linkage.personOf[l.b]);
  });

  it('lists pairs in the review band as uncertain, not linked', () => {
    const { linkage } = link([
      { given: 'Tom', family: 'Smith', dob: '1980-03-04' },
      { agency: 'health', given: 'Tom', family: 'Jones', dob: '1980-03-04' },
    ]);
    expect(together(linkage, 0, 1)).toBe(false);
    expect(linkage.uncertain).toHaveLength(1);
    expect(linkage.uncertain[0]!.probability).toBeGreaterThanOrEqual(cfg.reviewLow);
    expect(linkage.uncertain[0]!.probability).toBeLessThan(cfg.matchThreshold);
    expect(linkage.uncertain[0]!.reason).toBe('below_threshold');
  });

  it('gives the same persons whatever the order of the records', () => {
    const family: PersonFields[] = [
      { given: 'Tom', family: 'Smith', dob: '2015-03-04', ...home },
      { given: 'Thomas', family: 'Smith', dob: '2015-04-03', agency: 'health' },
      { given: 'Tommy', family: 'Smith', ...home, agency: 'school' },
      { given: 'Jess', family: 'Smith', dob: '2015-03-04', ...home },
      { given: 'Jessica', family: 'Smith-Ward', dob: '2015-03-04', agency: 'health' },
      { given: 'Dean', family: 'Smith', dob: '1986-05-12', ...home, nhs: '9434765919' },
      { given: 'D', family: 'Smith', agency: 'health', nhs: '9434765919' },
      { given: 'Dean', family: 'Smith', dob: '1986', agency: 'police', personId: 'X1' },
      { given: 'Dean', family: 'Smyth', agency: 'police', personId: 'X1' },
      { given: 'Tom', family: 'Smith' },
      { given: 'Tom', family: 'Smith' },
    ];
    const records = family.map(record);
    const partition = (input: ChronologyRecord[]) => {
      const { persons } = linkPeople(input, cfg);
      return persons.map((p) => ({ id: p.id, refs: p.records.map((k) => `${input[k]!.file}:${input[k]!.line}`).sort() }));
    };
    const expected = partition(records);
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }), (shuffled) => {
        expect(partition(shuffled)).toEqual(expected);
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe('blocking', () => {
  it('caps a large block at a sliding window instead of comparing all pairs', () => {
    const crowd = Array.from({ length: 2000 }, (_, k) => identityOf(record({ given: `Tam${k}`, family: 'Smith' })));
    const sortKeys = crowd.map((_, k) => String(k).padStart(5, '0'));
    const pairs = candidatePairs(crowd, sortKeys, 50, 10);
    expect(pairs.length).toBeLessThanOrEqual(2000 * 10 * 3);
    expect(new Set(pairs.map(([a, b]) => `${a}:${b}`)).size).toBe(pairs.length);
  });

  it('brings together records whose given and family names are swapped, without a dob', () => {
    const identities = [
      identityOf(record({ given: 'Thred Gold', family: 'Hayden', postcode: '2365' })),
      identityOf(record({ given: 'Hayden', family: 'Thredgold', postcode: '2365' })),
    ];
    expect(candidatePairs(identities, ['a', 'b'], 50, 10)).toEqual([[0, 1]]);
  });

  it('still brings together records whose family name has a typo', () => {
    const identities = [
      identityOf(record({ given: 'Harriet', family: 'Pemberton', dob: '2012-01-01' })),
      identityOf(record({ given: 'Harriet', family: 'Pembertin', dob: '2012-01-01' })),
    ];
    expect(candidatePairs(identities, ['a', 'b'], 50, 10)).toEqual([[0, 1]]);
  });
});
