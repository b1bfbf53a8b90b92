import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runBounded, tempDir } from '../hostile/run.js';
import { FAMILY } from '../family.js';

/**
 * No network (issue 8): the end-to-end commands run with every network entry point patched to
 * throw and record (block-network.mjs, preloaded with node --import); none may try.
 */
const PRELOAD = fileURLToPath(new URL('./block-network.mjs', import.meta.url));

describe.concurrent('no network', { timeout: 90_000 }, () => {
  const dir = tempDir('network');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function attempts(log: string): string[] {
    return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  }

  it('the preload catches a script that does try: the negative control', async () => {
    const log = join(dir, 'control.log');
    const { spawnSync } = await import('node:child_process');
    const script = `
      const tries = [
        () => require('node:net').connect(80, '127.0.0.1'),
        () => require('node:http').get('http://127.0.0.1/'),
        () => require('node:dns').lookup('example.org', () => {}),
        () => fetch('http://127.0.0.1/'),
      ];
      for (const attempt of tries) { try { attempt(); } catch {} }`;
    const result = spawnSync(process.execPath, ['--import', PRELOAD, '-e', script], {
      env: { PATH: process.env.PATH ?? '', CHRONOLOGY_NETWORK_LOG: log },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(attempts(log)).toEqual(['net.connect', 'http.get', 'dns.lookup', 'fetch']);
  });

  // Each command and output format of the end-to-end suite.
  const cases: [string, string[]][] = [
    ['validate', ['validate', ...FAMILY]],
    ['merge-json', ['merge', ...FAMILY, '--format', 'json']],
    ['merge-csv', ['merge', ...FAMILY, '--format', 'csv']],
    ['persons', ['persons', ...FAMILY, '--uncertain']],
    ['timeline', ['timeline', ...FAMILY, '--person', 'P-6BWMAN', '--from', '2020']],
    ['analyse', ['analyse', ...FAMILY, '--fail-on', 'extensive']],
    ['profile-check', ['profile', 'check', 'profiles/examples/police.yaml', 'fixtures/exports/police-occurrences.csv']],
    ['profile-init', ['profile', 'init', 'fixtures/exports/police-occurrences.csv']],
    ['profiles-dir', ['analyse', 'fixtures/exports/police-occurrences.csv', '--profiles', 'profiles/examples', '--format', 'json']],
  ];

  it.each(cases)('%s makes no network request', async (name, args) => {
    const log = join(dir, `${name}.log`);
    const run = await runBounded(args, { nodeFlags: ['--import', PRELOAD], env: { CHRONOLOGY_NETWORK_LOG: log } });
    expect(run.stderr).not.toMatch(/network access blocked|internal error/);
    expect([0, 1]).toContain(run.code);
    expect(attempts(log)).toEqual([]);
  });
});
