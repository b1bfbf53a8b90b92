import { describe, expect, it } from 'vitest';
import { analyse, type PersonAnalysis, type RuleSet } from '../../src/analyse/index.js';
import { chronology, day, only } from './helpers.js';

type Builder = ReturnType<typeof chronology>;

function run(build: (c: Builder) => void, rules: RuleSet, person = 'P1'): PersonAnalysis {
  const c = chronology().person(person, { dob: '2012-01-01' });
  build(c);
  const result = analyse(c.input(), rules).persons.find((p) => p.id === person);
  if (!result) throw new Error(`no analysis for ${person}`);
  return result;
}

function codes(p: PersonAnalysis): string[] {
  return p.indicators.map((i) => i.code);
}

/** n events of one type, `gap` days apart from `start`. */
function series(c: Builder, n: number, type: Parameters<Builder['event']>[2], start = 0, gap = 30, extra = {}) {
  return Array.from({ length: n }, (_, i) => c.event('P1', day(start + i * gap), type, extra));
}

describe('referrals_below_threshold', () => {
  const build = (referrals: number) => (c: Builder) => {
    series(c, referrals, 'referral', 0, 60, { threshold_met: false });
    c.event('P1', day(400), 'neglect', { severity: 2 });
  };

  it('fires at the threshold with the count, the dates and the continuing concern', async () => {
    const p = run(build(2), await only('referrals_below_threshold', { min_count: 2 }));
    const [indicator] = p.indicators;
    expect(indicator?.code).toBe('referrals_below_threshold');
    expect(indicator?.summary).toBe(
      `2 referrals did not meet the threshold between ${day(0)} and ${day(60)}, although concerns continued (1 concern recorded after the first).`,
    );
    expect(indicator?.events).toEqual(['E001', 'E002', 'E003']);
    expect(indicator?.rule.threshold).toMatchObject({ min_count: 2, require_continuing_concerns: true });
  });

  it('does not fire just below the threshold, and fires above it', async () => {
    const rules = await only('referrals_below_threshold', { min_count: 3 });
    expect(codes(run(build(2), rules))).toEqual([]);
    expect(codes(run(build(4), rules))).toEqual(['referrals_below_threshold']);
  });

  it('ignores referrals that met the threshold or have no decision', async () => {
    const rules = await only('referrals_below_threshold', { min_count: 2 });
    const p = run((c) => {
      c.event('P1', day(0), 'referral', { threshold_met: false });
      c.event('P1', day(10), 'referral', { threshold_met: true });
      c.event('P1', day(20), 'referral');
      c.event('P1', day(30), 'neglect');
    }, rules);
    expect(codes(p)).toEqual([]);
  });

  it('needs concerns after the first refusal when the rule says so', async () => {
    const noLaterConcern = (c: Builder) => {
      c.event('P1', day(0), 'neglect');
      series(c, 2, 'referral', 10, 10, { threshold_met: false });
    };
    expect(codes(run(noLaterConcern, await only('referrals_below_threshold')))).toEqual([]);
    const relaxed = await only('referrals_below_threshold', { require_continuing_concerns: false });
    expect(codes(run(noLaterConcern, relaxed))).toEqual(['referrals_below_threshold']);
  });
});

describe('missed_health_appointments', () => {
  const build = (health: number, school = 0) => (c: Builder) => {
    series(c, health, 'missed_appointment', 0, 30, { agencies: ['Health Visiting'] });
    series(c, school, 'missed_appointment', 500, 30, { agencies: ['School'] });
  };

  it('counts health appointments only, at, below and above the threshold', async () => {
    const rules = await only('missed_health_appointments', { min_count: 3 });
    expect(codes(run(build(2, 5), rules))).toEqual([]);
    const at = run(build(3, 5), rules);
    expect(at.indicators[0]?.summary).toMatch(/^3 health appointments were missed between/);
    expect(at.indicators[0]?.events).toEqual(['E001', 'E002', 'E003']);
    expect(codes(run(build(4), rules))).toEqual(['missed_health_appointments']);
  });

  it('counts every missed appointment when health_only is off', async () => {
    const rules = await only('missed_health_appointments', { min_count: 3, health_only: false });
    expect(codes(run(build(1, 2), rules))).toEqual(['missed_health_appointments']);
  });
});

describe('co_occurring_harm', () => {
  const build = (gap: number) => (c: Builder) => {
    c.event('P1', day(0), 'neglect');
    c.event('P1', day(gap), 'physical_abuse');
  };

  it('fires when two harm types fall within the window, and highlights neglect with abuse', async () => {
    const rules = await only('co_occurring_harm');
    const at = run(build(365), rules);
    expect(at.indicators[0]?.summary).toContain('neglect and physical abuse were recorded within 365 days');
    expect(at.indicators[0]?.summary).toContain('Neglect is recorded alongside other abuse');
    expect(at.indicators[0]?.rule.threshold).toMatchObject({ min_types: 2, co_occurrence_days: 365 });
    expect(at.type.neglect_with_other_abuse).toBe(true);
    expect(codes(run(build(366), rules))).toEqual([]);
    expect(run(build(366), rules).type.co_occurring).toEqual([]);
  });

  it('needs min_types distinct types', async () => {
    const rules = await only('co_occurring_harm', { min_types: 3 });
    expect(codes(run(build(10), rules))).toEqual([]);
    const three = run((c) => {
      build(10)(c);
      c.event('P1', day(20), 'emotional_abuse');
    }, rules);
    expect(codes(three)).toEqual(['co_occurring_harm']);
  });

  it('leaves presentation types out unless the groups say so', async () => {
    const withAbsence = (c: Builder) => {
      c.event('P1', day(0), 'neglect');
      c.event('P1', day(5), 'school_absence');
    };
    expect(codes(run(withAbsence, await only('co_occurring_harm')))).toEqual([]);
    const wider = await only('co_occurring_harm', { groups: ['harm', 'presentation'] });
    expect(codes(run(withAbsence, wider))).toEqual(['co_occurring_harm']);
  });
});

describe('escalating_severity', () => {
  const build = (severities: number[]) => (c: Builder) =>
    severities.forEach((s, i) => c.event('P1', day(i * 30), 'neglect', { severity: s as 1 }));

  it('compares the latest third of rated concerns with the earliest third', async () => {
    const rules = await only('escalating_severity', { min_rated: 3, min_rise: 1 });
    const at = run(build([1, 2, 2]), rules);
    expect(at.severity.trend).toEqual({ rated: 3, first_third_mean: 1, last_third_mean: 2, rise: 1 });
    expect(codes(at)).toEqual(['escalating_severity']);
    // The type's rated events, judged on their own (all neglect here), are the evidence.
    expect(at.indicators[0]?.events).toEqual(['E001', 'E002', 'E003']);
    expect(run(build([1, 2, 2, 2, 2, 2]), rules).severity.trend.rise).toBe(0.5);
    expect(codes(run(build([1, 2, 2, 2, 2, 2]), rules))).toEqual([]);
    expect(codes(run(build([1, 1, 1, 3, 3, 3]), rules))).toEqual(['escalating_severity']);
  });

  it('needs min_rated rated concerns', async () => {
    const rules = await only('escalating_severity', { min_rated: 4, min_rise: 1 });
    expect(codes(run(build([1, 3, 5]), rules))).toEqual([]);
    expect(codes(run(build([1, 3, 4, 5]), rules))).toEqual(['escalating_severity']);
  });
});

describe('chronic_duration', () => {
  const build = (span: number, n = 3) => (c: Builder) =>
    Array.from({ length: n }, (_, i) => c.event('P1', day(Math.round((span * i) / (n - 1))), 'neglect'));

  it('fires when concerns span at least min_span_days', async () => {
    const rules = await only('chronic_duration', { min_span_days: 365, min_concerns: 3 });
    expect(codes(run(build(364), rules))).toEqual([]);
    const at = run(build(365), rules);
    expect(at.indicators[0]?.summary).toBe(
      `3 concerns over 365 days (${day(0)} to ${day(365)}), none more than 365 days after the one before: harm may be accumulating through persistence.`,
    );
    expect(codes(run(build(900, 4), rules))).toEqual(['chronic_duration']);
    // Three concerns 450 days apart are a span, not persistence: max_gap_days (365) breaks the run.
    expect(codes(run(build(900), rules))).toEqual([]);
  });

  it('needs min_concerns concerns', async () => {
    const rules = await only('chronic_duration', { min_span_days: 365, min_concerns: 3 });
    expect(codes(run(build(800, 2), rules))).toEqual([]);
  });
});

describe('repeated_low_level', () => {
  const build = (low: number) => (c: Builder) => {
    series(c, low, 'neglect', 0, 30, { severity: 2 });
    c.event('P1', day(1000), 'neglect', { severity: 3 });
    c.event('P1', day(1001), 'neglect');
  };

  it('counts rated concerns at or below the low-level severity', async () => {
    const rules = await only('repeated_low_level', { min_count: 3 });
    expect(codes(run(build(2), rules))).toEqual([]);
    const at = run(build(3), rules);
    expect(at.indicators[0]?.summary).toMatch(/^3 of 4 rated concerns were low level \(severity 2 or below\)/);
    expect(at.indicators[0]?.events).toEqual(['E001', 'E002', 'E003']);
    expect(at.severity.low_level).toEqual({ max_severity: 2, count: 3, share: 0.75 });
    expect(codes(run(build(4), rules))).toEqual(['repeated_low_level']);
  });
});

describe('multiple_sources', () => {
  const build = (sources: string[]) => (c: Builder) =>
    sources.forEach((source, i) => c.event('P1', day(i * 10), 'physical_abuse', { source }));

  it('counts distinct known sources, whatever their spelling, and not unknown ones', async () => {
    const rules = await only('multiple_sources', { min_sources: 2 });
    expect(codes(run(build(['Mother', 'mother', 'unknown', 'someone']), rules))).toEqual([]);
    const at = run(build(["Mother's partner", 'mothers_partner', 'peer']), rules);
    expect(at.source.sources.map((s) => [s.source, s.category, s.count])).toEqual([
      ["mother's partner", 'intra_familial', 2],
      ['peer', 'extra_familial', 1],
    ]);
    expect(at.indicators[0]?.summary).toContain('both inside and outside the family');
    const above = await only('multiple_sources', { min_sources: 3 });
    expect(codes(run(build(['mother', 'peer']), above))).toEqual([]);
    expect(codes(run(build(['mother', 'peer', 'self']), above))).toEqual(['multiple_sources']);
  });
});

describe('single_agency_knowledge', () => {
  const build = (healthOnly: number) => (c: Builder) => {
    series(c, healthOnly, 'missed_appointment', 0, 30, { agencies: ['Health'] });
    c.event('P1', day(200), 'neglect', { agencies: ['School'] });
    c.event('P1', day(210), 'neglect', { agencies: ['Police'] });
  };

  it('reports a concern type only one agency recorded, once seen min_events times', async () => {
    const rules = await only('single_agency_knowledge', { min_events: 2 });
    expect(codes(run(build(1), rules))).toEqual([]);
    const at = run(build(2), rules);
    expect(at.indicators[0]?.summary).toBe(
      'Some concerns were recorded by one agency only, although others were involved: missed appointment (2) recorded only by Health. The exports show who recorded each event, not who else knew of it.',
    );
    expect(at.indicators[0]?.events).toEqual(['E001', 'E002']);
    expect(codes(run(build(3), rules))).toEqual(['single_agency_knowledge']);
  });

  it('does not fire when only one agency knows the person at all', async () => {
    const rules = await only('single_agency_knowledge', { min_events: 1 });
    const p = run((c) => series(c, 3, 'neglect', 0, 30, { agencies: ['School'] }), rules);
    expect(codes(p)).toEqual([]);
  });
});

describe('start_again', () => {
  const build = (afterDays: number, referral = true) => (c: Builder) => {
    c.event('P1', day(0), 'neglect');
    c.event('P1', day(100), 'case_closure');
    if (referral) c.event('P1', day(100 + afterDays), 'referral');
    c.event('P1', day(100 + afterDays), 'neglect');
  };

  it('fires when the same concern and a new referral follow a closure within the window', async () => {
    const rules = await only('start_again', { min_count: 1 });
    const at = run(build(365), rules);
    expect(at.system.start_again).toEqual([
      { closure: 'E002', closed: day(100), referral: 'E003', referred: day(465), recurrence: ['E004'], types: ['neglect'], days: 365 },
    ]);
    expect(at.indicators[0]?.events).toEqual(['E002', 'E003', 'E004']);
    expect(at.indicators[0]?.rule.threshold).toMatchObject({ within_days: 365, require_referral: true, referral_days: 30 });
    expect(codes(run(build(366), rules))).toEqual([]);
    expect(codes(run(build(30, false), rules))).toEqual([]);
  });

  it('does not fire for a different concern after the closure', async () => {
    const rules = await only('start_again');
    const p = run((c) => {
      c.event('P1', day(0), 'neglect');
      c.event('P1', day(100), 'case_closure');
      c.event('P1', day(120), 'referral');
      c.event('P1', day(120), 'physical_abuse');
    }, rules);
    expect(codes(p)).toEqual([]);
  });

  it('needs min_count closures', async () => {
    const rules = await only('start_again', { min_count: 2 });
    expect(codes(run(build(30), rules))).toEqual([]);
    const twice = run((c) => {
      build(30)(c);
      c.event('P1', day(300), 'case_closure');
      c.event('P1', day(320), 'referral');
      c.event('P1', day(330), 'neglect');
    }, rules);
    expect(codes(twice)).toEqual(['start_again']);
  });
});

describe('closed_before_engagement', () => {
  it('matches outcome phrases of assessments and closures only', async () => {
    const rules = await only('closed_before_engagement', { min_count: 2 });
    const p = run((c) => {
      c.event('P1', day(0), 'assessment', { outcome: 'Closed - did NOT engage' });
      c.event('P1', day(10), 'referral', { outcome: 'did not engage' });
      c.event('P1', day(20), 'case_closure', { outcome: 'No further action' });
    }, rules);
    expect(p.system.closed_before_engagement).toEqual(['E001']);
    expect(codes(p)).toEqual([]);
    const at = run((c) => {
      c.event('P1', day(0), 'assessment', { outcome: 'Closed - did NOT engage' });
      c.event('P1', day(20), 'case_closure', { outcome: 'closed_before_engagement' });
    }, rules);
    expect(codes(at)).toEqual(['closed_before_engagement']);
  });
});

describe('accelerating_frequency', () => {
  it('fires when the later half of the span holds ratio times the concerns of the earlier half', async () => {
    const rules = await only('accelerating_frequency');
    // span 0..100: earlier half [0, 50) holds 2, later half holds 3 (ratio 1.5): fires.
    const at = run((c) => [0, 10, 60, 90, 100].forEach((d) => c.event('P1', day(d), 'neglect')), rules);
    expect(at.frequency.acceleration).toEqual({ earlier_half: 2, later_half: 3, accelerating: true });
    expect(codes(at)).toEqual(['accelerating_frequency']);
    const steady = run((c) => [0, 10, 20, 60, 100].forEach((d) => c.event('P1', day(d), 'neglect')), rules);
    expect(steady.frequency.acceleration.accelerating).toBe(false);
    const tooFew = run((c) => [0, 60, 100].forEach((d) => c.event('P1', day(d), 'neglect')), rules);
    expect(codes(tooFew)).toEqual([]);
  });
});

describe('strengths_present', () => {
  it('lists strengths beside the risks as information', async () => {
    const rules = await only('strengths_present', { min_count: 2 });
    const one = (c: Builder) => c.event('P1', day(0), 'strength', { description: 'Grandmother steps in' });
    expect(codes(run(one, rules))).toEqual([]);
    const at = run((c) => {
      one(c);
      c.event('P1', day(5), 'strength');
    }, rules);
    expect(at.indicators[0]?.severity).toBe('info');
    expect(at.indicators[0]?.summary).toContain(`${day(0)}: Grandmother steps in`);
    expect(at.strengths.map((s) => s.event)).toEqual(['E001', 'E002']);
  });
});

describe('disabled rules', () => {
  it('never report', async () => {
    const rules = await only('strengths_present');
    rules.indicators.strengths_present!.enabled = false;
    expect(codes(run((c) => c.event('P1', day(0), 'strength'), rules))).toEqual([]);
  });
});
