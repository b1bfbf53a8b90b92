import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { expectGolden, ROOT, runBin } from './run-bin.js';
import { FAMILY } from '../family.js';

/**
 * Golden end-to-end tests: the built bin on the fixtures, compared byte for byte with
 * tests/golden/<name>.{stdout,stderr,code}. `UPDATE_GOLDEN=1 npx vitest run tests/e2e` rewrites them.
 */

export const GOLDEN_CASES: Record<string, string[]> = {
  'validate-family': ['validate', ...FAMILY],
  'validate-family-json': ['validate', ...FAMILY, '--format', 'json'],
  'merge-family-json': ['merge', ...FAMILY, '--format', 'json'],
  'merge-family-csv': ['merge', ...FAMILY, '--format', 'csv'],
  'timeline-family': ['timeline', ...FAMILY],
  'timeline-filtered': ['timeline', ...FAMILY, '--person', 'P-6BWMAN', '--from', '2020', '--type', 'neglect,missed_appointment'],
  'analyse-family': ['analyse', ...FAMILY],
  'analyse-family-json': ['analyse', ...FAMILY, '--format', 'json'],
  'analyse-family-html': ['analyse', ...FAMILY, '--format', 'html'],
  'persons-family': ['persons', ...FAMILY],
  'persons-family-links': ['persons', ...FAMILY, '--links'],
  'timeline-family-markdown': ['timeline', ...FAMILY, '--format', 'markdown'],
  'timeline-family-csv-excel': ['timeline', ...FAMILY, '--format', 'csv', '--excel'],
  'merge-family-csv-excel': ['merge', ...FAMILY, '--format', 'csv', '--excel'],
  'analyse-family-markdown': ['analyse', ...FAMILY, '--format', 'markdown'],
  'analyse-filtered': ['analyse', ...FAMILY, '--person', 'Thomas', '--from', '2021', '--only-agency', 'Police,School', '--min-severity', '3'],
  // The JSON stream analyses only P-CSYHCS (Siân Pryce) (level none) for the report; the others still count for --fail-on.
  'analyse-person-fail-on-json': ['analyse', ...FAMILY, '--format', 'json', '--person', 'P-CSYHCS', '--fail-on', 'severe'],
  'analyse-anonymised-json': ['analyse', ...FAMILY, '--format', 'json', '--anonymise'],
  'analyse-anonymised-markdown': ['analyse', ...FAMILY, '--format', 'markdown', '--anonymise'],
  'analyse-anonymised-table': ['analyse', ...FAMILY, '--anonymise'],
  'timeline-anonymised-filtered': ['timeline', ...FAMILY, '--anonymise', '--person', 'P-6BWMAN', '--to', '2018'],
  'persons-anonymised': ['persons', ...FAMILY, '--anonymise'],
  'usage-excel-not-csv': ['merge', ...FAMILY, '--excel'],
  'usage-key-is-input': ['merge', ...FAMILY, '--anonymise-key', 'fixtures/family/police.csv'],
  'persons-linkage': ['persons', 'fixtures/linkage/health.csv', 'fixtures/linkage/school.csv', '--links'],
  'validate-strict-rejects': ['validate', 'fixtures/broken/bad-rows.csv', '--strict'],
  'validate-month-first': ['validate', 'fixtures/broken/month-first.csv'],
  'validate-header-only': ['validate', 'fixtures/broken/header-only.csv'],
  'error-missing-date-column': ['validate', 'fixtures/broken/missing-date-column.csv'],
  'error-not-csv': ['validate', 'fixtures/broken/not-csv.bin'],
  'error-alias-bomb': ['validate', 'fixtures/broken/alias-bomb.yaml'],
  'error-scalar-yaml': ['validate', 'fixtures/broken/scalar.yaml'],
  'error-no-events-yaml': ['validate', 'fixtures/broken/no-events.yaml'],
  'error-bad-yaml': ['validate', 'fixtures/broken/bad-yaml.yaml'],
  'error-empty': ['validate', 'fixtures/broken/empty.csv'],
  'error-duplicate-headers': ['validate', 'fixtures/broken/duplicate-headers.csv'],
  'error-missing-file': ['validate', 'fixtures/family/no-such-file.csv'],
  'error-directory': ['validate', 'fixtures/family'],
  'error-one-bad-file-others-read': ['validate', 'fixtures/family/police.csv', 'fixtures/broken/scalar.yaml'],
  'usage-no-files': ['validate'],
  'usage-bad-format': ['analyse', ...FAMILY, '--format', 'pdf'],
  'usage-bad-threads': ['persons', ...FAMILY, '--threads', 'two'],
  'usage-unknown-command': ['frobnicate'],
  'usage-output-is-rules': ['analyse', ...FAMILY, '--rules', 'rules/default.yaml', '-o', './rules/default.yaml'],
  'merge-family-yaml': ['merge', ...FAMILY, '--format', 'yaml'],
  'usage-output-is-input': ['merge', 'fixtures/family/police.csv', '-o', 'fixtures/family/police.csv'],
};


/** The bin's stdout as bytes, for what a string would hide (a byte order mark). */
function spawnBin(args: readonly string[]): Buffer {
  return spawnSync(process.execPath, [join(ROOT, 'bin/chronology.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' } }).stdout;
}

describe('golden end-to-end', () => {
  for (const [name, args] of Object.entries(GOLDEN_CASES)) {
    it(`chronology ${args.join(' ')}`, () => {
      const result = runBin(args);
      expectGolden(name, result);
    });
  }

  it('--excel starts the CSV with the UTF-8 byte order mark, and only then', () => {
    const excel = spawnBin(['merge', ...FAMILY, '--format', 'csv', '--excel']);
    const plain = spawnBin(['merge', ...FAMILY, '--format', 'csv']);
    expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excel.subarray(3).equals(plain)).toBe(true);
  });
});
