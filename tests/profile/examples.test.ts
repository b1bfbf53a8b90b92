import { describe, expect, it } from 'vitest';
import { checkCoverage, formatCoverage } from '../../src/profile/check.js';
import { createMappingResolver } from '../../src/profile/resolve.js';

const EXAMPLES = [
  ['police.yaml', 'police-occurrences.csv', 1],
  ['gp.yaml', 'gp-appointments.csv', 1],
  ['school.yaml', 'school-safeguarding-log.csv', 1],
  ['social-care.yaml', 'social-care-steps.csv', 0],
] as const;

describe('bundled example profiles', () => {
  it.each(EXAMPLES)('%s maps %s with zero rejects and zero unmapped values', async (profile, file, skipped) => {
    const coverage = await checkCoverage(`profiles/examples/${profile}`, `fixtures/exports/${file}`);
    expect(coverage.rejected).toEqual([]);
    expect([...coverage.unmapped.values()].every((counts) => counts.size === 0)).toBe(true);
    expect([...coverage.skipped.values()].reduce((a, b) => a + b, 0)).toBe(skipped);
    expect(coverage.mapped + skipped).toBe(coverage.rows);
  });

  it('reports coverage as profile check prints it', async () => {
    const report = formatCoverage(await checkCoverage('profiles/examples/police.yaml', 'fixtures/exports/police-occurrences.csv'));
    expect(report).toBe(
      [
        'profile police.yaml on fixtures/exports/police-occurrences.csv',
        '  rows read   14',
        '  mapped      13',
        '  skipped     1  (skipped by profile rule: Status = "Cancelled" ×1)',
        '  rejected    0',
        '  warned      0',
        '  values not mapped: none',
        '  columns not used: "Subject Role"',
        '',
      ].join('\n'),
    );
  });

  it('picks each export its profile with --profiles DIR', async () => {
    const resolve = await createMappingResolver({ profiles: 'profiles/examples' });
    for (const [profile, file] of EXAMPLES) {
      expect((await resolve(`fixtures/exports/${file}`)).describe).toBe(`profile ${profile}`);
    }
    expect((await resolve('fixtures/family/police.csv')).describe).toBe('canonical columns');
  });
});
