import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAMILY } from '../family.js';
import { expectGolden, ROOT } from './run-bin.js';

/**
 * Golden end-to-end tests of ingestion (exports as agencies send them): the built bin, compared byte
 * for byte with tests/golden/<name>.{stdout,stderr,code} as golden.test.ts does, with what those
 * cases cannot give: standard input, and files the run writes. `$OUT` stands for the run's
 * temporary folder in the goldens. `UPDATE_GOLDEN=1` rewrites them.
 */

const OUT = mkdtempSync(join(tmpdir(), 'chronology-ingest-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

interface Case {
  args: string[];
  /** A file whose bytes are piped to standard input. */
  stdin?: string;
  /** Runs first; its stdout is written to `$OUT/<name>` (a drafted profile, then checked). */
  before?: { args: string[]; saveAs: string };
}

const SYSTEMS = {
  synthea: 'fixtures/systems/synthea-encounters.csv',
  police: 'fixtures/systems/police-records.csv',
  school: 'fixtures/systems/school-records.csv',
};

export const INGEST_CASES: Record<string, Case> = {
  // A file with no agency column: its name gives the agency, with a note; nothing is rejected for it.
  'ingest-agency-from-name': { args: ['analyse', 'fixtures/ingest/health.csv'] },
  'ingest-agency-from-name-json': { args: ['validate', 'fixtures/ingest/health.csv', '--format', 'json'] },
  'ingest-agency-from-name-yaml': { args: ['merge', 'fixtures/ingest/housing.yaml', '--format', 'yaml'] },
  'ingest-agency-per-file': { args: ['validate', ...FAMILY.slice(0, 1), 'fixtures/ingest/health.csv', '--agency', 'fixtures/ingest/health.csv=Health'] },
  'ingest-agency-every-file': { args: ['validate', 'fixtures/ingest/health.csv', '--agency', 'Health'] },
  'ingest-agency-strict': { args: ['validate', 'fixtures/ingest/health.csv', '--strict'] },
  'ingest-agency-not-an-input': { args: ['validate', 'fixtures/ingest/health.csv', '--agency', 'fixtures/ingest/helth.csv=Health'] },
  // profile init drafts that run, on exports in three other systems' own columns.
  'ingest-init-synthea': { args: ['profile', 'init', SYSTEMS.synthea] },
  'ingest-check-synthea': { before: { args: ['profile', 'init', SYSTEMS.synthea], saveAs: 'synthea.yaml' }, args: ['profile', 'check', '$OUT/synthea.yaml', SYSTEMS.synthea] },
  'ingest-init-police': { args: ['profile', 'init', SYSTEMS.police] },
  'ingest-check-police': { before: { args: ['profile', 'init', SYSTEMS.police], saveAs: 'police.yaml' }, args: ['profile', 'check', '$OUT/police.yaml', SYSTEMS.police] },
  'ingest-init-school': { args: ['profile', 'init', SYSTEMS.school] },
  'ingest-check-school': { before: { args: ['profile', 'init', SYSTEMS.school], saveAs: 'school.yaml' }, args: ['profile', 'check', '$OUT/school.yaml', SYSTEMS.school] },
  'ingest-analyse-synthea-draft': { before: { args: ['profile', 'init', SYSTEMS.synthea], saveAs: 'synthea.yaml' }, args: ['timeline', SYSTEMS.synthea, '--profile', '$OUT/synthea.yaml'] },
  'ingest-profile-no-date': { args: ['profile', 'check', 'fixtures/ingest/no-date-profile.yaml', SYSTEMS.synthea] },
  // Filters that name nothing real are usage errors.
  'usage-filter-month-13': { args: ['timeline', ...FAMILY, '--from', '2020-13'] },
  'usage-filter-day-31-february': { args: ['timeline', ...FAMILY, '--from', '2020-02-31'] },
  'usage-filter-year-0': { args: ['analyse', ...FAMILY, '--to', '0000'] },
  'usage-filter-from-after-to': { args: ['timeline', ...FAMILY, '--from', '2021', '--to', '2020-06'] },
  'usage-filter-person-nobody': { args: ['timeline', ...FAMILY, '--person', 'Nobody'] },
  'usage-filter-person-anonymised': { args: ['analyse', ...FAMILY, '--person', 'Nobody', '--anonymise'] },
  'usage-filter-agency-typo': { args: ['analyse', ...FAMILY, '--only-agency', 'Polce'] },
  'usage-filter-type-typo': { args: ['timeline', ...FAMILY, '--type', 'negect'] },
  'usage-filter-type-absent': { args: ['timeline', ...FAMILY, '--type', 'sexual_abuse'] },
  // The closing summary says what was rejected and where the output went, also with -o.
  'ingest-merge-output-file': { args: ['merge', ...FAMILY, '-o', '$OUT/merged.json'] },
  'ingest-analyse-quiet': { args: ['analyse', ...FAMILY, '--format', 'json', '--quiet', '-o', '$OUT/analysis.json'] },
  // Standard input, recorded as file -.
  'ingest-stdin-csv': { args: ['validate', '-', '--format', 'json'], stdin: 'fixtures/family/police.csv' },
  'ingest-stdin-yaml': { args: ['merge', '-', 'fixtures/family/school.csv', '--format', 'csv'], stdin: 'fixtures/family/housing.yaml' },
  'ingest-stdin-profile-init': { args: ['profile', 'init', '-'], stdin: SYSTEMS.school },
  'ingest-stdin-no-agency': { args: ['validate', '-'], stdin: 'fixtures/ingest/health.csv' },
  // The same file named twice, however spelt, is read once.
  'ingest-same-file-twice': { args: ['validate', 'fixtures/family/police.csv', './fixtures/family/police.csv', 'fixtures/family/../family/police.csv'] },
  'ingest-same-file-twice-agency': { args: ['validate', 'fixtures/ingest/health.csv', './fixtures/ingest/health.csv', '--agency', './fixtures/ingest/health.csv=Health'] },
  // Date-times with a zone are read in UK local time.
  'ingest-zones': { args: ['merge', 'fixtures/ingest/zones.csv', '--format', 'csv'] },
  // Warnings and file notes are listed in the reports beside the rejected rows.
  'ingest-warnings-markdown': { args: ['analyse', ...FAMILY, 'fixtures/ingest/health.csv', '--format', 'markdown'] },
};

const BIN = join(ROOT, 'bin/chronology.js');

function run(args: readonly string[], stdin?: string): { stdout: string; stderr: string; code: number } {
  const result = spawnSync(process.execPath, [BIN, ...args.map((a) => a.replace('$OUT', OUT))], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
    input: stdin === undefined ? '' : readFileSync(join(ROOT, stdin)),
    maxBuffer: 64 * 1024 * 1024,
  });
  const hide = (text: string): string => text.split(OUT).join('$OUT');
  return { stdout: hide(result.stdout), stderr: hide(result.stderr), code: result.status ?? -1 };
}

describe('golden end-to-end: exports as they arrive', () => {
  for (const [name, { args, stdin, before }] of Object.entries(INGEST_CASES)) {
    it(`chronology ${args.join(' ')}${stdin ? ` < ${stdin}` : ''}`, () => {
      if (before) {
        const drafted = run(before.args);
        expect(drafted.code).toBe(0);
        writeFileSync(join(OUT, before.saveAs), drafted.stdout);
      }
      const result = run(args, stdin);
      expectGolden(name, result);
    });
  }
});
