import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBin } from './run-bin.js';

/**
 * Golden end-to-end tests: the built bin on the fixtures, compared byte for byte with
 * tests/golden/<name>.{stdout,stderr,code}. `UPDATE_GOLDEN=1 npx vitest run tests/e2e` rewrites them.
 */
const FAMILY = [
  'fixtures/family/police.csv',
  'fixtures/family/health.csv',
  'fixtures/family/school.csv',
  'fixtures/family/social-care.csv',
  'fixtures/family/housing.yaml',
];

export const GOLDEN_CASES: Record<string, string[]> = {
  'validate-family': ['validate', ...FAMILY],
  'validate-family-json': ['validate', ...FAMILY, '--format', 'json'],
  'merge-family-json': ['merge', ...FAMILY, '--format', 'json'],
  'merge-family-csv': ['merge', ...FAMILY, '--format', 'csv'],
  'timeline-family': ['timeline', ...FAMILY],
  'timeline-filtered': ['timeline', ...FAMILY, '--person', 'P002', '--from', '2020', '--type', 'neglect,missed_appointment'],
  'analyse-family': ['analyse', ...FAMILY],
  'analyse-family-json': ['analyse', ...FAMILY, '--format', 'json'],
  'persons-family': ['persons', ...FAMILY],
  'persons-linkage': ['persons', 'fixtures/linkage/health.csv', 'fixtures/linkage/school.csv'],
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
  'usage-unknown-command': ['frobnicate'],
  'usage-output-is-input': ['merge', 'fixtures/family/police.csv', '-o', 'fixtures/family/police.csv'],
};

const GOLDEN = join(ROOT, 'tests/golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden end-to-end', () => {
  for (const [name, args] of Object.entries(GOLDEN_CASES)) {
    it(`chronology ${args.join(' ')}`, () => {
      const result = runBin(args);
      const files = { stdout: result.stdout, stderr: result.stderr, code: `${result.code}\n` };
      for (const [part, actual] of Object.entries(files)) {
        const path = join(GOLDEN, `${name}.${part}`);
        if (update || !existsSync(path)) {
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(path, actual);
          if (!update) throw new Error(`wrote missing golden file ${path}; check it and run again`);
        }
        expect(actual, `${name}.${part}`).toBe(readFileSync(path, 'utf8'));
      }
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
