import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyse, AnalysisSchema } from '../../src/analyse/index.js';
import { chronology, day, rules } from './helpers.js';

describe('frequency', () => {
  it('counts per type and year, finds the busiest 90 days and the intervals', async () => {
    const c = chronology().person('P1');
    for (const d of [0, 100, 110, 180, 189, 400]) c.event('P1', day(d), 'neglect');
    c.event('P1', day(5), 'referral');
    const [p] = analyse(c.input(), await rules()).persons;
    expect(p?.frequency.by_type).toEqual({ neglect: 6, referral: 1 });
    expect(p?.frequency.by_year).toEqual({ 2020: 5, 2021: 1 });
    expect(p?.frequency.peak_window).toEqual({ days: 90, count: 4, start: day(100), events: ['E002', 'E003', 'E004', 'E005'] });
    expect(p?.frequency.intervals).toEqual({ min: 9, median: 70, max: 211 });
  });
});

describe('type', () => {
  it('names the most recorded concern type and the types beyond it', async () => {
    const c = chronology().person('P1');
    c.event('P1', day(0), 'school_absence');
    for (const d of [10, 20]) c.event('P1', day(d), 'neglect');
    c.event('P1', day(30), 'sexual_abuse');
    const [p] = analyse(c.input(), await rules()).persons;
    expect(p?.type.most_referred).toBe('neglect');
    expect(p?.type.beyond_most_referred).toEqual(['school_absence', 'sexual_abuse']);
    expect(p?.type.harm_types).toEqual(['neglect', 'sexual_abuse']);
  });
});

describe('severity', () => {
  it('distributes severities, unknown included, and takes the maximum', async () => {
    const c = chronology().person('P1');
    c.event('P1', day(0), 'neglect', { severity: 1 });
    c.event('P1', day(1), 'neglect', { severity: 4 });
    c.event('P1', day(2), 'neglect');
    c.event('P1', day(3), 'referral', { severity: 5 });
    const [p] = analyse(c.input(), await rules()).persons;
    expect(p?.severity.distribution).toEqual({ 1: 1, 2: 0, 3: 0, 4: 1, 5: 0, unknown: 1 });
    expect(p?.severity.max).toBe(4);
  });
});

describe('duration', () => {
  it('groups concerns into episodes by the gap and finds the longest', async () => {
    const c = chronology().person('P1');
    for (const d of [0, 90, 181, 200, 300]) c.event('P1', day(d), 'neglect');
    const [p] = analyse(c.input(), await rules()).persons;
    expect(p?.duration).toMatchObject({ first: day(0), last: day(300), span_days: 300, episode_gap_days: 90 });
    expect(p?.duration.episodes).toEqual([
      { start: day(0), end: day(90), days: 90, concerns: 2 },
      { start: day(181), end: day(200), days: 19, concerns: 2 },
      { start: day(300), end: day(300), days: 0, concerns: 1 },
    ]);
    expect(p?.duration.longest_episode).toEqual({ start: day(0), end: day(90), days: 90, concerns: 2 });
  });

  it('counts time under plans once, ending at end_date, the next closure, or the last event', async () => {
    const c = chronology().person('P1');
    c.event('P1', day(0), 'plan', { end_date: day(100) });
    c.event('P1', day(50), 'plan');
    c.event('P1', day(150), 'case_closure');
    c.event('P1', day(300), 'plan');
    c.event('P1', day(320), 'contact');
    c.event('P1', day(10), 'referral', { threshold_met: false });
    c.event('P1', day(20), 'referral', { threshold_met: true });
    c.event('P1', day(30), 'referral');
    const [p] = analyse(c.input(), await rules()).persons;
    expect(p?.duration.plans.days).toBe(150 + 20);
    expect(p?.duration.plans.periods.map((x) => x.ended_by)).toEqual(['end_date', 'case_closure', 'last_event']);
    expect(p?.duration.referrals).toEqual({ total: 3, threshold_met: 1, threshold_not_met: 1, share_not_met: 0.5 });
  });
});

describe('system', () => {
  it('finds long gaps in contact while concerns continue on both sides', async () => {
    const c = chronology().person('P1');
    c.event('P1', day(0), 'neglect');
    c.event('P1', day(181), 'contact');
    c.event('P1', day(200), 'neglect');
    c.event('P1', day(800), 'contact');
    const [p] = analyse(c.input(), await rules()).persons;
    expect(p?.system.long_gaps).toEqual([{ from: 'E001', to: 'E002', start: day(0), end: day(181), days: 181 }]);
  });
});

describe('persons', () => {
  it('are in name order (family, given, date of birth, id), not id order, with role from age at the last event and every source record', async () => {
    const c = chronology()
      .person('P10', { dob: '2002-06-01', given: 'Ann' })
      .person('P2', { dob: '2002-06-01', given: 'Bea', family: 'Cole' })
      .person('P3');
    c.event('P10', '2020-06-01', 'contact');
    c.event('P2', '2020-05-31', 'contact');
    c.event('P3', '2020-05-31', 'contact');
    const analysis = analyse(c.input(), await rules());
    expect(analysis.persons.map((p) => [p.id, p.name, p.role])).toEqual([
      ['P3', undefined, 'unknown'],
      ['P10', 'Ann', 'adult'],
      ['P2', 'Bea Cole', 'child'],
    ]);
    expect(analysis.persons[2]?.sources).toEqual([{ file: 'social-care.csv', line: 3 }]);
  });
});

describe('determinism', () => {
  it('gives the same analysis whatever the order of events and persons', async () => {
    const c = chronology().person('C1', { dob: '2014-01-01', household_id: 'H' }).person('M', { household_id: 'H' });
    const types = ['neglect', 'physical_abuse', 'missed_appointment', 'referral', 'domestic_abuse', 'strength'] as const;
    for (let i = 0; i < 24; i += 1) {
      const type = types[i % types.length]!;
      c.event(i % 5 === 0 ? 'M' : 'C1', day((i * 37) % 700), type, {
        severity: ((i % 5) + 1) as 1,
        agencies: [i % 2 ? 'Health' : 'School'],
        ...(type === 'referral' ? { threshold_met: i % 3 === 0 } : {}),
        source: i % 4 ? 'mother' : 'peer',
      });
    }
    const input = c.input();
    const ruleSet = await rules();
    const expected = analyse(input, ruleSet);
    expect(AnalysisSchema.parse(expected)).toEqual(expected);
    expect(z.toJSONSchema(AnalysisSchema, { io: 'output' })).toHaveProperty('properties.persons');
    fc.assert(
      fc.property(fc.shuffledSubarray(input.events, { minLength: input.events.length }), fc.shuffledSubarray(input.persons, { minLength: input.persons.length }), (events, persons) => {
        expect(analyse({ ...input, events, persons }, ruleSet)).toEqual(expected);
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});
