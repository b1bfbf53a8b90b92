import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/index.js';
import { chronology, day, only, rules } from './helpers.js';

describe('households', () => {
  it('joins people an agency gives one household_id, and says so', async () => {
    const c = chronology()
      .person('P1', { household_id: 'HH-17', agency: 'Social Care' })
      .person('P2', { household_id: 'HH-17', agency: 'Social Care' })
      .person('P3', { household_id: 'HH-17', agency: 'Housing' });
    for (const p of ['P1', 'P2', 'P3']) c.event(p, day(0), 'contact');
    const { households, persons } = analyse(c.input(), await rules());
    // The same id from another agency is another agency's household.
    expect(households).toEqual([{ id: 'H01', members: ['P1', 'P2'], basis: ['household_id HH-17 (Social Care)'] }]);
    expect(persons.map((p) => p.household)).toEqual(['H01', 'H01', undefined]);
  });

  it('joins people at one address in overlapping periods, however the address is written', async () => {
    const c = chronology()
      .person('P1', { address: '14 Larch Close, Dunmore' })
      .person('P2', { address: '14  LARCH CLOSE DUNMORE' })
      .person('P3', { address: '14 Larch Close, Dunmore' });
    c.event('P1', day(0), 'contact');
    c.event('P2', day(300), 'contact');
    c.event('P3', day(300 + 366 + 365), 'contact');
    const { households } = analyse(c.input(), await rules());
    expect(households).toEqual([{ id: 'H01', members: ['P1', 'P2'], basis: ['address 14 larch close dunmore'] }]);
  });

  it('joins by canonical postcode and family name unless the rules turn it off', async () => {
    const build = () => {
      const c = chronology()
        .person('P1', { family: 'Brennick', postcode: 'dn47qx' })
        .person('P2', { family: 'BRENNICK', postcode: 'DN4 7QX' });
      c.event('P1', day(0), 'contact');
      c.event('P2', day(10), 'contact');
      return c.input();
    };
    expect(analyse(build(), await rules()).households[0]?.basis).toEqual(['postcode DN4 7QX']);
    expect(analyse(build(), await rules((r) => (r.households.postcode = false))).households).toEqual([]);
  });

  it('does not take a shared postcode for a household when the family names differ', async () => {
    const c = chronology()
      .person('P1', { family: 'Brennick', postcode: 'DN4 7QX' })
      .person('P2', { family: 'Fenner', postcode: 'DN4 7QX' });
    c.event('P1', day(0), 'contact');
    c.event('P2', day(10), 'contact');
    expect(analyse(c.input(), await rules()).households).toEqual([]);
  });

  it('ignores an address shared by more than max_people_per_place people at once (a hostel)', async () => {
    const build = (people: number) => {
      const c = chronology();
      for (let k = 1; k <= people; k++) {
        c.person(`P${k}`, { family: `Family${k}`, address: '1 Hostel Row' });
        c.event(`P${k}`, day(k), 'contact');
      }
      return c.input();
    };
    const limit = await rules((r) => (r.households.max_people_per_place = 4));
    expect(analyse(build(4), limit).households.map((h) => h.members)).toEqual([['P1', 'P2', 'P3', 'P4']]);
    expect(analyse(build(5), limit).households).toEqual([]);
  });

  it('does not chain two families through one member of each recorded at a third address', async () => {
    const c = chronology();
    for (const [id, household] of [['A1', 'HA'], ['A2', 'HA'], ['B1', 'HB'], ['B2', 'HB']] as const) {
      c.person(id, { household_id: household });
      c.event(id, day(0), 'contact');
    }
    const input = c.input();
    // One record each of A1 and B1 at 24 Chapel Street, in the same month.
    for (const id of ['A1', 'B1']) {
      const person = input.persons.find((p) => p.id === id)!;
      const { household_id: _, ...record } = input.records[person.records[0]!]!;
      input.records.push({ ...record, address: '24 Chapel Street', date: day(20) });
      person.records.push(input.records.length - 1);
    }
    const { households } = analyse(input, await rules());
    expect(households.map((h) => h.members)).toEqual([
      ['A1', 'A2'],
      ['B1', 'B2'],
    ]);
    // A person on their own there still joins: a partner moving in.
    const withPartner = c.input();
    delete withPartner.records[withPartner.persons.find((p) => p.id === 'B1')!.records[0]!]!.household_id;
    expect(analyse(withPartner, await rules()).households.map((h) => h.members)).toEqual([['A1', 'A2', 'B1']]);
  });

  it('never lets a household grow past max_members', async () => {
    const c = chronology();
    for (let k = 1; k <= 6; k++) c.person(`P${k}`, { household_id: 'HH-1' });
    for (let k = 1; k <= 6; k++) c.event(`P${k}`, day(0), 'contact');
    const { households } = analyse(c.input(), await rules((r) => (r.households.max_members = 4)));
    expect(households.map((h) => h.members)).toEqual([['P1', 'P2', 'P3', 'P4']]);
  });

  it('chains overlapping stays into one household and numbers households by their first member', async () => {
    const c = chronology()
      .person('P9', { address: '1 Elm Road' })
      .person('P2', { address: '1 Elm Road' })
      .person('P5', { address: '2 Oak Road' })
      .person('P7', { address: '2 Oak Road' });
    c.event('P9', day(0), 'contact');
    c.event('P2', day(100), 'contact');
    c.event('P5', day(0), 'contact');
    c.event('P7', day(0), 'contact');
    const { households } = analyse(c.input(), await rules());
    expect(households.map((h) => [h.id, h.members])).toEqual([
      ['H01', ['P2', 'P9']],
      ['H02', ['P5', 'P7']],
    ]);
  });

  it("gives a child the household adults' parental risk factors, naming the adults' events", async () => {
    const c = chronology()
      .person('C1', { dob: '2015-01-01', household_id: 'H' })
      .person('C2', { dob: '2016-01-01', household_id: 'H' })
      .person('M', { dob: '1990-01-01', household_id: 'H' })
      .person('F', { dob: '1988-01-01', household_id: 'H' });
    c.event('C1', day(0), 'neglect');
    const da = c.event('M', day(10), 'domestic_abuse');
    const mh = c.event('M', day(20), 'parental_mental_health');
    const sm = c.event('F', day(30), 'parental_substance_misuse');
    c.event('C2', day(40), 'parental_substance_misuse');
    const result = analyse(c.input(), await only('parental_risk_factors'));
    const child = result.persons.find((p) => p.id === 'C1');
    expect(child?.indicators.map((i) => i.code)).toEqual(['parental_risk_factors']);
    expect(child?.indicators[0]?.events).toEqual([da, mh, sm]);
    expect(child?.indicators[0]?.summary).toContain('in the household');
    // Adults are analysed on their own record; a sibling's events are not a parental factor.
    expect(result.persons.find((p) => p.id === 'M')?.indicators).toEqual([]);
  });
});

describe('parental_risk_factors thresholds', () => {
  const build = (gap: number, factors = 3) => {
    const c = chronology().person('C1', { dob: '2015-01-01' });
    const types = ['domestic_abuse', 'parental_substance_misuse', 'parental_mental_health'] as const;
    types.slice(0, factors).forEach((t, i) => c.event('C1', day(i * gap), t));
    return c.input();
  };

  it('needs min_factors distinct factors within within_days of each other', async () => {
    const rules = await only('parental_risk_factors', { min_factors: 3, within_days: 730 });
    const fired = (input: ReturnType<typeof build>) => analyse(input, rules).persons[0]?.indicators.length;
    expect(fired(build(365))).toBe(1);
    expect(fired(build(366))).toBe(0);
    expect(fired(build(10, 2))).toBe(0);
    const two = await only('parental_risk_factors', { min_factors: 2, within_days: 730 });
    expect(analyse(build(10, 2), two).persons[0]?.indicators[0]?.severity).toBe('serious');
  });
});
