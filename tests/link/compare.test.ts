import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyPairScore, scoreIdentities } from '../../src/link/compare.js';
import { weightOf } from '../../src/link/weights.js';
import { buildLinkContext, explainPair, type PairEvidence } from '../../src/link/index.js';
import { config, record, type PersonFields } from './helpers.js';

const cfg = config();

function explain(a: PersonFields, b: PersonFields, others: PersonFields[] = []): PairEvidence {
  const records = [record(a), record(b), ...others.map(record)];
  return explainPair(records, 0, 1, cfg);
}

function level(evidence: PairEvidence, field: string): string | undefined {
  return evidence.fields.find((f) => f.field === field)?.level;
}

describe('given name levels', () => {
  it.each([
    ['Thomas', 'thomas', 'exact'],
    ['Tom', 'Thomas', 'nickname'],
    ['Tommy', 'Tom', 'nickname'],
    ['Lizzie', 'Elizabeth', 'nickname'],
    ['Charlie', 'Charlotte', 'nickname'],
    ['Siân', 'Sian', 'exact'],
    ['Zoë', 'ZOE', 'exact'],
    ['T', 'Thomas', 'initial'],
    ['Jonathon', 'Jonathan', 'jaro_winkler>=0.92'],
    ['Noah', 'Noaj', 'one_edit'],
    ['Oliver', 'Olivia', 'jaro_winkler>=0.80'],
    ['Amelia', 'Jessica', 'disagree'],
    ['Sammy', 'Samantha', 'nickname'],
    ['Davey', 'David', 'nickname'],
    ['Kath', 'Katherine', 'nickname'],
    ['Tilda', 'Matilda', 'nickname'],
    ['Thoms', 'Tommy', 'nickname_typo'],
    ['Jennifeer', 'Jen', 'nickname_typo'],
    ['Jack', 'Jake', 'jaro_winkler>=0.80'],
  ])('%s vs %s is %s', (a, b, expected) => {
    expect(level(explain({ given: a, family: 'Smith' }, { given: b, family: 'Smith' }), 'given_name')).toBe(expected);
  });

  it('counts a missing given name neither for nor against', () => {
    const evidence = explain({ family: 'Smith' }, { given: 'Tom', family: 'Smith' });
    expect(evidence.fields.find((f) => f.field === 'given_name')).toMatchObject({ level: 'missing', weight: 0 });
  });
});

describe('a typo of a listed name', () => {
  it('reads an unknown name one edit from a listed name as that name, so its nicknames match', () => {
    expect(level(explain({ given: 'Katherie', family: 'Clark' }, { given: 'Katie', family: 'Clark' }), 'given_name')).toBe('nickname_typo');
  });

  it('weighs it below a plain nickname but above zero', () => {
    const typo = explain({ given: 'Thoms', family: 'Smith' }, { given: 'Tommy', family: 'Smith' }).fields[0]!.weight;
    const nickname = explain({ given: 'Tom', family: 'Smith' }, { given: 'Tommy', family: 'Smith' }).fields[0]!.weight;
    expect(typo).toBeGreaterThan(0);
    expect(typo).toBeLessThan(nickname);
  });

  it('does not read a short name as a typo (Neil is not Nell, so not Eleanor)', () => {
    expect(level(explain({ given: 'Neil', family: 'Shaw' }, { given: 'Eleanor', family: 'Shaw' }), 'given_name')).toBe('disagree');
  });

  it('keeps a typo of a nickname out of the twins pattern (Thoms, Tommy), but not two names (Jack, Jake)', () => {
    const same = { family: 'Collins', dob: '2016-11-14', address: '51 Beech Grove', postcode: 'NB16 8BD' };
    expect(level(explain({ given: 'Thoms', ...same }, { given: 'Tommy', ...same }), 'contradiction')).toBeUndefined();
    expect(level(explain({ given: 'Jack', ...same }, { given: 'Jake', ...same }), 'contradiction')).toBe('twins');
  });
});

describe('family name levels', () => {
  it.each([
    ["O'Brien", 'OBrien', 'exact'],
    ['Smith-Jones', 'Smith Jones', 'exact'],
    ['Smith-Jones', 'Smith', 'partial'],
    ['Smith', 'Smyth', 'one_edit'],
    ['Kowalski', 'Thompson', 'disagree'],
  ])('%s vs %s is %s', (a, b, expected) => {
    expect(level(explain({ given: 'Ava', family: a }, { given: 'Ava', family: b }), 'family_name')).toBe(expected);
  });

  it('reads given and family names the other way round as swapped', () => {
    const evidence = explain({ given: 'Thomas', family: 'Whitfield' }, { given: 'Whitfield', family: 'Thomas' });
    expect(level(evidence, 'given_name')).toBe('swapped');
    expect(level(evidence, 'family_name')).toBe('swapped');
    expect(evidence.fields.find((f) => f.field === 'given_name')!.weight).toBeGreaterThan(0);
  });
});

describe('date of birth levels', () => {
  it.each([
    ['2015-03-04', '2015-03-04', 'exact'],
    ['2015-03-04', '2015-04-03', 'day_month_swapped'],
    ['2015-03-04', '2015-03-05', 'one_digit'],
    ['2015-03-12', '2015-03-21', 'one_digit'],
    ['2015-03', '2015-03-04', 'month_compatible'],
    ['2015', '2015-03-04', 'year_compatible'],
    ['2016', '2015-03-04', 'disagree'],
    ['2015-03-04', '2011-09-22', 'disagree'],
  ])('%s vs %s is %s', (a, b, expected) => {
    expect(level(explain({ given: 'Ava', dob: a }, { given: 'Ava', dob: b }), 'dob')).toBe(expected);
  });

  it('counts a missing dob as weight 0', () => {
    expect(explain({ given: 'Ava' }, { given: 'Ava', dob: '2015-03-04' }).fields.find((f) => f.field === 'dob')).toMatchObject({
      level: 'missing',
      weight: 0,
    });
  });
});

describe('address and postcode levels', () => {
  it('expands abbreviations and tolerates a missing word', () => {
    expect(level(explain({ address: '12 Oak Rd.' }, { address: '12 oak road' }), 'address')).toBe('exact');
    expect(level(explain({ address: '12 Oak Road, Leeds' }, { address: '12 Oak Road' }), 'address')).toBe('similar');
    expect(level(explain({ address: '12 Oak Road' }, { address: 'Flat 3, Mill House' }), 'address')).toBe('disagree');
  });

  it('compares postcodes in canonical form', () => {
    expect(level(explain({ postcode: 'ls6 1aa' }, { postcode: 'LS61AA' }), 'postcode')).toBe('exact');
    expect(level(explain({ postcode: 'LS6 1AA' }, { postcode: 'LS6 1AB' }), 'postcode')).toBe('near');
    expect(level(explain({ postcode: 'LS6 1AA' }, { postcode: 'M1 2BC' }), 'postcode')).toBe('disagree');
  });

  it('gives a move within one UK postcode district its own level, weaker than near and stronger than disagree', () => {
    const district = explain({ postcode: 'NB16 7JL' }, { postcode: 'nb16 8bd' });
    expect(level(district, 'postcode')).toBe('district');
    const weight = (e: PairEvidence) => e.fields.find((f) => f.field === 'postcode')!.weight;
    expect(weight(district)).toBeGreaterThan(0);
    expect(weight(district)).toBeLessThan(weight(explain({ postcode: 'LS6 1AA' }, { postcode: 'LS6 1AB' })));
  });

  it('has no district level for postcodes that are not UK ones', () => {
    expect(level(explain({ postcode: '4223' }, { postcode: '4870' }), 'postcode')).toBe('disagree');
  });
});

describe('twins and namesakes concern children', () => {
  const home = { family: 'Mercer', address: '8 Quay Street', postcode: 'DN5 1EW' };
  const pattern = (dobA: string, dobB: string, givenB: string, date = '2021-03-04') =>
    level(explain({ given: 'Ava', dob: dobA, ...home, date }, { given: givenB, dob: dobB, ...home, date }), 'contradiction');

  it("applies the twins pattern when the shared dob is a child's at the latest event date", () => {
    expect(pattern('2016-05-14', '2016-05-14', 'Isla')).toBe('twins');
    expect(pattern('2003-03-05', '2003-03-05', 'Isla')).toBe('twins');
  });

  it('leaves adults with the twins pattern to the field weights', () => {
    expect(pattern('2003-03-04', '2003-03-04', 'Isla')).toBeUndefined();
    expect(pattern('1975-01-02', '1975-01-02', 'Isla')).toBeUndefined();
  });

  it("takes the age from the records' latest event date, not a clock", () => {
    expect(pattern('1975-01-02', '1975-01-02', 'Isla', '1990-06-01')).toBe('twins');
  });

  it("applies the namesakes pattern when either dob is a child's (a father and son of one name)", () => {
    expect(pattern('1985-07-01', '2014-02-09', 'Ava')).toBe('namesakes');
    expect(pattern('1950-07-01', '1985-02-09', 'Ava')).toBeUndefined();
  });

  it('applies both at any age with the setting childAge raised past everyone', () => {
    const records = [
      record({ given: 'Ava', dob: '1975-01-02', ...home }),
      record({ given: 'Isla', dob: '1975-01-02', ...home }),
    ];
    expect(level(explainPair(records, 0, 1, config({ childAge: 150 })), 'contradiction')).toBe('twins');
  });
});

describe('term frequency', () => {
  it('makes a common family name weaker evidence than a rare one', () => {
    const crowd: PersonFields[] = ['Ava', 'Ben', 'Cal', 'Dee', 'Eve', 'Fay'].map((given) => ({ given, family: 'Smith' }));
    const records = [
      record({ given: 'Tom', family: 'Smith' }),
      record({ given: 'Tom', family: 'Smith' }),
      record({ given: 'Tom', family: 'Quennell' }),
      record({ given: 'Tom', family: 'Quennell' }),
      ...crowd.map(record),
    ];
    const context = buildLinkContext(records, cfg);
    const weightOf = (e: PairEvidence) => e.fields.find((f) => f.field === 'family_name')!.weight;
    expect(weightOf(explainPair(records, 0, 1, cfg, context))).toBeLessThan(weightOf(explainPair(records, 2, 3, cfg, context)));
  });
});

describe('explainPair', () => {
  it('returns field evidence whose weights and prior sum to the total', () => {
    const evidence = explain(
      { given: 'Tom', family: 'Smith', dob: '2015-03-04', postcode: 'LS6 1AA' },
      { given: 'Thomas', family: 'SMITH', dob: '2015-04-03', address: '3 Elm Street' },
    );
    expect(evidence).toMatchObject({ a: 0, b: 1, rule: 'score' });
    expect(evidence.fields.map((f) => f.field)).toEqual(['given_name', 'family_name', 'dob', 'address', 'postcode']);
    expect(evidence.fields[0]).toMatchObject({ level: 'nickname', values: ['Tom', 'Thomas'] });
    const sum = evidence.fields.reduce((total, f) => total + f.weight, evidence.prior);
    expect(evidence.weight).toBeCloseTo(sum, 10);
    expect(evidence.probability).toBeCloseTo(1 / (1 + 2 ** -evidence.weight), 10);
    expect(evidence.linked).toBe(evidence.probability >= cfg.matchThreshold);
  });

  it('marks a shared NHS number as a deterministic link', () => {
    const evidence = explain({ given: 'Tom', nhs: '9434765919' }, { given: 'Kai', nhs: '9434765919' });
    expect(evidence).toMatchObject({ rule: 'nhs_number', probability: 1, linked: true });
  });

  it('never links two different valid NHS numbers, whatever else agrees', () => {
    const same = { given: 'Tom', family: 'Smith', dob: '2015-03-04', address: '1 Oak Road', postcode: 'LS6 1AA' };
    const evidence = explain({ ...same, nhs: '9434765919' }, { ...same, nhs: '4010232137' });
    expect(evidence.linked).toBe(false);
    expect(level(evidence, 'nhs_number')).toBe('disagree');
  });
});

describe('the numeric scoring pass', () => {
  it('gives every pair the weight and levels of its evidence, with one score object reused', () => {
    const pick = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
    const person = fc.record({
      agency: fc.constantFrom('police', 'health'),
      given: pick(['Thomas', 'Tom', 'Thoms', 'Lacey', 'Brennick', 'T', 'Jack', 'Jake']),
      family: pick(['Brennick', 'BRENNICK', 'Brenick', 'Thomas', 'Fenner-Brennick', 'Smith']),
      dob: pick(['2015-11-03', '2015-03-11', '2015-11-04', '2015-11', '2015', '1985-02-01']),
      address: pick(['14 Larch Close, Dunmore', '14 Larch Close', '2 Mill Lane, Dunmore']),
      postcode: pick(['DN4 7QX', 'DN4 7QY', 'DN4 1AA', 'LS6 1AA']),
      nhs: pick(['9435817343', '4010232137']),
      personId: pick(['PN-1', 'PN-2']),
    });
    fc.assert(
      fc.property(fc.array(person, { minLength: 2, maxLength: 6 }), fc.boolean(), (people, households) => {
        const records = people.map((p) => record(p as PersonFields));
        const context = buildLinkContext(records, config({ households }));
        const settings = context.config;
        const score = emptyPairScore();
        const prior = weightOf(settings.priorProbability);
        for (let i = 0; i < records.length; i++) {
          for (let j = i + 1; j < records.length; j++) {
            const evidence = explainPair(records, i, j, settings, context);
            scoreIdentities(context.identities[i]!, context.identities[j]!, context.compare, settings, prior, score);
            expect(score.weight).toBe(evidence.weight);
            expect(score.given.level).toBe(level(evidence, 'given_name'));
            expect(score.dob.level).toBe(level(evidence, 'dob'));
            expect(score.contradiction).toBe(level(evidence, 'contradiction'));
            // With a floor, a pair is cut short only when its full weight is below it; otherwise it is unchanged.
            for (const floor of [-5, 0, 5, 15]) {
              scoreIdentities(context.identities[i]!, context.identities[j]!, context.compare, settings, prior, score, floor);
              if (score.weight === -Infinity) expect(evidence.weight).toBeLessThan(floor);
              else expect(score.weight).toBe(evidence.weight);
            }
          }
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
