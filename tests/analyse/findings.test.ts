import { describe, expect, it } from 'vitest';
import { analyse, LEVELS, type PersonAnalysis, type RuleSet } from '../../src/analyse/index.js';
import { chronology, day, only } from './helpers.js';

/** Findings of issue 20: each test fails on the analysis as it was before. */

type Builder = ReturnType<typeof chronology>;

function analyseAll(build: (c: Builder) => void, rules: RuleSet): Map<string, PersonAnalysis> {
  const c = chronology();
  build(c);
  return new Map(analyse(c.input(), rules).persons.map((p) => [p.id, p]));
}

const codes = (p: PersonAnalysis | undefined): string[] => (p?.indicators ?? []).map((i) => i.code);

/** A child, their mother Donna and her partner Craig, who is also the child's father: one household. */
function family(c: Builder): Builder {
  return c
    .person('C1', { given: 'Tom', family: 'Brennick', dob: '2015-11-03', household_id: 'H1' })
    .person('M1', { given: 'Donna', family: 'Brennick', dob: '1990-02-08', household_id: 'H1' })
    .person('F1', { given: 'Craig', family: 'Fenner', dob: '1987-09-22', household_id: 'H1' });
}

describe('agency_disagreement (000: "Discord/distortion within the team around the child and family")', () => {
  const build = (c: Builder) => {
    c.person('P1', { dob: '2012-01-01' });
    c.merged('P1', day(0), 'neglect', [
      { agency: 'School', severity: 4 },
      { agency: 'Social Care', severity: 2 },
    ]);
    c.merged('P1', day(60), 'referral', [
      { agency: 'School', threshold_met: true },
      { agency: 'Social Care', threshold_met: false, outcome: 'No further action' },
    ]);
    c.merged('P1', day(90), 'physical_abuse', [
      { agency: 'Police', severity: 3, outcome: 'No further action - evidential difficulties' },
      { agency: 'School', severity: 4, outcome: 'Referred to CSC' },
    ]);
    // Agreeing agencies are no evidence.
    c.merged('P1', day(120), 'neglect', [
      { agency: 'School', severity: 3 },
      { agency: 'Social Care', severity: 3 },
    ]);
  };

  it('fires on repeated disagreement about severity, threshold and outcome, the events as evidence', async () => {
    const p = analyseAll(build, await only('agency_disagreement', { min_count: 2 })).get('P1')!;
    expect(p.system.disagreements.map((d) => [d.event, d.about])).toEqual([
      ['E001', ['severity']],
      ['E002', ['threshold']],
      ['E003', ['outcome']],
    ]);
    expect(codes(p)).toEqual(['agency_disagreement']);
    const [indicator] = p.indicators;
    expect(indicator?.events).toEqual(['E001', 'E002', 'E003']);
    expect(indicator?.summary).toContain('severity: School 4, Social Care 2');
    expect(indicator?.summary).toContain('threshold: School met, Social Care not met');
    expect(indicator?.summary).toContain('outcome: Police "No further action - evidential difficulties", School "Referred to CSC"');
  });

  it('needs min_count events and severities the set gap apart', async () => {
    const one = (c: Builder) =>
      c.merged('P1', day(0), 'neglect', [
        { agency: 'School', severity: 3 },
        { agency: 'Social Care', severity: 2 },
      ]);
    expect(codes(analyseAll(one, await only('agency_disagreement', { min_count: 1 })).get('P1'))).toEqual([]);
    expect(codes(analyseAll(build, await only('agency_disagreement', { min_count: 4 })).get('P1'))).toEqual([]);
  });
});

describe('sources are people where the records identify them (000: "the number of people responsible for the harm")', () => {
  const build = (c: Builder) => {
    family(c);
    // The partner is the father: the child names him, and he is the one recorded on the night of the assault.
    c.event('C1', day(0), 'domestic_abuse', { source: "mother's partner", severity: 3 });
    c.event('M1', day(0), 'domestic_abuse', { source: "mother's partner", severity: 3 });
    c.event('F1', day(0), 'parental_substance_misuse', { severity: 2 });
    c.event('C1', day(100), 'domestic_abuse', { source: "mother's partner", severity: 3 });
    c.event('C1', day(200), 'physical_abuse', { source: 'father', severity: 4, description: 'Says "Craig grabbed me".' });
    c.event('C1', day(300), 'neglect', { source: 'mother', severity: 2 });
    c.event('M1', day(300), 'parental_mental_health', { severity: 2 });
  };

  it('counts the father and the mother\'s partner once when the records show they are one man', async () => {
    const child = analyseAll(build, await only('multiple_sources', { min_sources: 2 })).get('C1')!;
    expect(child.source.people.map((p) => [p.person, p.roles, p.count])).toEqual([
      ['F1', ["mother's partner", 'father'], 3],
      ['M1', ['mother'], 1],
    ]);
    expect(child.source.unresolved_roles).toEqual([]);
    const summary = child.indicators[0]?.summary ?? '';
    expect(summary).toContain('2 people the records identify');
    expect(summary).toContain("F1 Craig Fenner (as mother's partner and father, 3)");
    expect(summary).not.toMatch(/3 different/);
  });

  it('says roles, not people, where the records do not identify anyone', async () => {
    const child = analyseAll((c) => {
      c.person('C1', { dob: '2015-11-03' });
      c.event('C1', day(0), 'neglect', { source: 'mother' });
      c.event('C1', day(50), 'physical_abuse', { source: 'father' });
    }, await only('multiple_sources', { min_sources: 2 })).get('C1')!;
    expect(child.source.people).toEqual([]);
    expect(child.indicators[0]?.summary).toBe(
      'Harm was attributed to 2 roles the records do not tie to one person: father (1) and mother (1).',
    );
  });

  it('never ties two roles that must be two people (a mother and a father) to one person', async () => {
    const child = analyseAll((c) => {
      family(c);
      c.event('C1', day(0), 'physical_abuse', { source: 'father', description: 'Craig hit him.' });
      c.event('C1', day(10), 'neglect', { source: 'mother' });
      c.event('F1', day(10), 'parental_substance_misuse');
    }, await only('multiple_sources', { min_sources: 2 })).get('C1')!;
    expect(child.source.people.map((p) => p.person)).toEqual(['F1']);
    expect(child.source.unresolved_roles).toEqual(['mother']);
  });
});

describe('levels that read as no legal threshold', () => {
  it('names no level after the Children Act threshold', () => {
    expect(LEVELS).not.toContain('significant');
    expect(LEVELS).not.toContain('severe');
  });

  it('gives someone recorded only as the source of harm no harm level of their own', async () => {
    const persons = analyseAll((c) => {
      family(c);
      c.event('C1', day(0), 'physical_abuse', { source: 'father', severity: 4, description: 'Craig grabbed him.' });
      for (const d of [0, 40, 80]) c.event('F1', day(d), 'parental_substance_misuse', { severity: 2 });
    }, await only('repeated_low_level', { min_count: 3 }));
    const father = persons.get('F1')!;
    expect(codes(father)).toEqual(['repeated_low_level']);
    expect(father.level).toBe('not_assessed');
    expect(father.level_reason).toContain('source of harm to C1');
    // Harm to the person themself keeps their level.
    expect(persons.get('C1')!.level).not.toBe('not_assessed');
  });
});

describe('start_again: the new referral is about the closed work', () => {
  const closed = (c: Builder) => {
    c.person('P1', { dob: '2012-01-01' });
    c.event('P1', day(0), 'neglect');
    c.event('P1', day(50), 'missed_appointment');
    c.event('P1', day(100), 'case_closure');
    c.event('P1', day(139), 'missed_appointment');
  };

  it('cites the referral and the concern it is about, and the right gap', async () => {
    const p = analyseAll((c) => {
      closed(c);
      c.event('P1', day(404), 'neglect');
      c.event('P1', day(406), 'referral');
    }, await only('start_again')).get('P1')!;
    expect(p.system.start_again).toEqual([
      { closure: 'E003', closed: day(100), referral: 'E006', referred: day(406), recurrence: ['E005'], types: ['neglect'], days: 306 },
    ]);
    expect(p.indicators[0]?.summary).toContain(`a new referral 306 days later (${day(406)}) about neglect (first recorded again ${day(404)})`);
    expect(p.indicators[0]?.events).toEqual(['E003', 'E005', 'E006']);
  });

  it('does not fire when the referral is about a concern the closed work never had', async () => {
    const p = analyseAll((c) => {
      closed(c);
      c.event('P1', day(404), 'physical_abuse');
      c.event('P1', day(406), 'referral');
    }, await only('start_again')).get('P1')!;
    expect(codes(p)).toEqual([]);
  });
});

describe('escalating_severity per kind of harm', () => {
  it('sees domestic abuse rising among low-level housing and poverty events', async () => {
    const p = analyseAll((c) => {
      c.person('P1', { dob: '1990-01-01' });
      const seq: [string, number][] = [
        ['housing', 2], ['domestic_abuse', 2], ['poverty', 2], ['housing', 1], ['domestic_abuse', 3], ['poverty', 1],
        ['domestic_abuse', 3], ['housing', 1], ['domestic_abuse', 4], ['poverty', 1], ['domestic_abuse', 5], ['housing', 1], ['poverty', 1],
      ];
      seq.forEach(([type, severity], i) => c.event('P1', day(i * 60), type as 'housing', { severity: severity as 1 }));
    }, await only('escalating_severity')).get('P1')!;
    expect(p.severity.trend.rise).toBeLessThan(1);
    expect(p.severity.trend_by_type.find((t) => t.type === 'domestic_abuse')).toMatchObject({ rated: 5, first_third_mean: 2, last_third_mean: 5, rise: 3 });
    expect(codes(p)).toEqual(['escalating_severity']);
    expect(p.indicators[0]?.summary).toBe(
      'Severity is escalating: domestic abuse from a mean of 2 in the earliest third of its 5 rated events to 5 in the latest.',
    );
    expect(p.indicators[0]?.events).toEqual(['E002', 'E005', 'E007', 'E009', 'E011']);
  });
});

describe('chronic_duration needs density', () => {
  it('does not fire on three concerns years apart', async () => {
    const p = analyseAll((c) => {
      c.person('P1', { dob: '1980-01-01' });
      for (const d of [0, 3500, 6935]) c.event('P1', day(d), 'neglect');
    }, await only('chronic_duration')).get('P1')!;
    expect(codes(p)).toEqual([]);
  });

  it('fires on the dense run and says how much of the record it covers', async () => {
    const p = analyseAll((c) => {
      c.person('P1', { dob: '1980-01-01' });
      for (const d of [0, 200, 400, 2000]) c.event('P1', day(d), 'neglect');
    }, await only('chronic_duration')).get('P1')!;
    expect(p.indicators[0]?.summary).toBe(
      `3 concerns over 400 days (${day(0)} to ${day(400)}), none more than 365 days after the one before (4 concerns in all): harm may be accumulating through persistence.`,
    );
    expect(p.indicators[0]?.events).toEqual(['E001', 'E002', 'E003']);
  });
});

describe('safety, protective factors, resilience and caring roles (001; 000 on resilience)', () => {
  it('lists a caring role as a need, not a strength, and names each kind of strength', async () => {
    const rules = await only('strengths_present');
    rules.indicators.caring_role!.enabled = true;
    const p = analyseAll((c) => {
      c.person('P1', { dob: '2012-01-01' });
      c.event('P1', day(0), 'strength', { description: 'Recognised as a young carer (for mother and brother).' });
      c.event('P1', day(10), 'strength', { description: 'Grandmother stepped in and has the children at weekends.' });
      c.event('P1', day(20), 'strength', { description: 'Attendance 97% despite difficulties at home.' });
      c.event('P1', day(30), 'strength', { description: 'Good relationship with learning mentor.' });
    }, rules).get('P1')!;
    expect(p.strengths.map((s) => [s.event, s.kind])).toEqual([
      ['E002', 'safety'],
      ['E003', 'resilience'],
      ['E004', 'protective'],
    ]);
    expect(p.caring_roles.map((s) => s.event)).toEqual(['E001']);
    expect(codes(p)).toEqual(['caring_role', 'strengths_present']);
    expect(p.indicators[0]?.summary).toContain('a need to meet, not a strength');
    expect(p.indicators[1]?.summary).toContain('safety (someone stepped in)');
    expect(p.indicators[1]?.summary).not.toContain('young carer');
  });
});

describe('report order within a person', () => {
  it('puts the most serious indicator first', async () => {
    const rules = await only('repeated_low_level', { min_count: 1 });
    rules.indicators.parental_risk_factors!.enabled = true;
    const p = analyseAll((c) => {
      c.person('P1', { dob: '1990-01-01' });
      c.event('P1', day(0), 'domestic_abuse', { severity: 1 });
      c.event('P1', day(10), 'parental_substance_misuse', { severity: 1 });
      c.event('P1', day(20), 'parental_mental_health', { severity: 1 });
    }, rules).get('P1')!;
    expect(p.indicators.map((i) => i.severity)).toEqual(['serious', 'concern']);
  });
});
