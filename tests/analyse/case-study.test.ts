import { describe, expect, it } from 'vitest';
import { analyse, CAUTION } from '../../src/analyse/index.js';
import { chronology, rules } from './helpers.js';

/**
 * Echoes the neglect case study (seeds 003, 004): two children known to agencies for years for
 * chronic neglect, missed health appointments the GP did not share, school referrals told they
 * were below threshold, domestic abuse, substance misuse and mental ill health among the adults,
 * a closure followed by a new referral for neglect, and a grandmother who stepped in.
 */
function caseStudy() {
  const home = { address: '14 Larch Close, Dunmore', postcode: 'DN4 7QX', household_id: 'HH-7731', agency: "Children's Social Care" };
  const c = chronology()
    .person('P01', { ...home, given: 'Lacey', family: 'Brennick', dob: '2012-06-19' })
    .person('P02', { ...home, given: 'Thomas', family: 'Brennick', dob: '2015-11-03' })
    .person('P03', { ...home, given: 'Donna', family: 'Brennick', dob: '1990-02-08' })
    .person('P04', { ...home, given: 'Craig', family: 'Fenner', dob: '1987-09-22' });

  for (const child of ['P01', 'P02']) {
    for (const date of ['2017-10-10', '2018-02-12', '2018-05-22', '2018-10-01', '2019-02-04', '2019-05-20']) {
      c.event(child, date, 'neglect', { severity: 2, source: 'mother', agencies: ['School'] });
    }
    for (const date of ['2017-08-22', '2018-01-16', '2018-07-03', '2019-01-15']) {
      c.event(child, date, 'missed_appointment', { agencies: ['Health'], outcome: 'Was not brought' });
    }
    c.event(child, '2019-06-14', 'case_closure', { agencies: ["Children's Social Care"], outcome: 'No further action' });
    c.event(child, '2019-09-02', 'referral', { agencies: ["Children's Social Care"], threshold_met: true });
    c.event(child, '2019-09-02', 'neglect', { severity: 3, source: 'mother', agencies: ["Children's Social Care"] });
    c.event(child, '2020-11-06', 'strength', {
      agencies: ["Children's Social Care"],
      description: 'Grandmother has the children three nights a week',
    });
  }
  for (const date of ['2017-11-15', '2018-06-20', '2019-01-08']) {
    c.event('P01', date, 'referral', { agencies: ['School'], threshold_met: false, outcome: 'No further action' });
  }
  c.event('P02', '2018-03-03', 'physical_abuse', { severity: 3, source: "mother's partner", agencies: ['Police'] });
  c.event('P03', '2018-03-03', 'domestic_abuse', { severity: 3, source: "mother's partner", agencies: ['Police'] });
  c.event('P03', '2018-09-12', 'parental_mental_health', { severity: 2, agencies: ['Health'] });
  c.event('P04', '2018-03-03', 'parental_substance_misuse', { severity: 2, agencies: ['Police'] });
  return c.input();
}

describe('the neglect case study', async () => {
  const analysis = analyse(caseStudy(), await rules());
  const person = (id: string) => analysis.persons.find((p) => p.id === id)!;

  it('finds one household with the reasons', () => {
    expect(analysis.households).toEqual([
      {
        id: 'H01',
        members: ['P01', 'P02', 'P03', 'P04'],
        basis: ['address 14 larch close dunmore', "household_id HH-7731 (Children's Social Care)", 'postcode DN4 7QX'],
      },
    ]);
  });

  it('shows the older child the pattern no single record shows', () => {
    const lacey = person('P01');
    expect(lacey.role).toBe('child');
    expect(lacey.indicators.map((i) => i.code)).toEqual([
      'parental_risk_factors',
      'referrals_below_threshold',
      'start_again',
      'single_agency_knowledge',
      'missed_health_appointments',
      'chronic_duration',
      'repeated_low_level',
      'strengths_present',
    ]);
    const summary = (code: string) => lacey.indicators.find((i) => i.code === code)?.summary;
    expect(summary('referrals_below_threshold')).toBe(
      '3 referrals did not meet the threshold between 2017-11-15 and 2019-01-08, although concerns continued (9 concerns recorded after the first).',
    );
    expect(summary('single_agency_knowledge')).toContain('missed appointment (4) recorded only by Health');
    expect(summary('start_again')).toContain('closed 2019-06-14, a new referral 80 days later (2019-09-02) about neglect');
    expect(lacey.level).toBe('marked');
    expect(lacey.level_reason).toBe('1 serious indicator (parental_risk_factors); marked from 1');
  });

  it("names the adults' events as the evidence of the toxic trio", () => {
    const trio = person('P01').indicators.find((i) => i.code === 'parental_risk_factors');
    const adultEvents = analysis.persons.filter((p) => p.role === 'adult').flatMap((p) => p.events);
    expect(trio?.severity).toBe('serious');
    expect(trio?.events).toHaveLength(3);
    expect(trio?.events.every((id) => adultEvents.includes(id))).toBe(true);
  });

  it('sees physical abuse alongside neglect for the younger child', () => {
    const thomas = person('P02');
    const coOccurring = thomas.indicators.find((i) => i.code === 'co_occurring_harm');
    expect(coOccurring?.summary).toContain('neglect and physical abuse were recorded within 365 days');
    expect(coOccurring?.summary).toContain('Neglect is recorded alongside other abuse');
    expect(thomas.source.by_category).toEqual({ intra_familial: 8, extra_familial: 0, self: 0, unknown: 0 });
    expect(thomas.indicators.map((i) => i.code)).toContain('multiple_sources');
    expect(thomas.indicators.map((i) => i.code)).not.toContain('referrals_below_threshold');
  });

  it('keeps the grandmother beside the risks for both children', () => {
    for (const id of ['P01', 'P02']) {
      expect(person(id).strengths.map((s) => s.description)).toEqual(['Grandmother has the children three nights a week']);
    }
  });

  it('comes with the caution that it supports judgement', () => {
    expect(CAUTION).toMatch(/^This analysis supports professional judgement; it does not replace it\./);
  });
});
