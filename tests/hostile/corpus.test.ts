import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectControlled, expectFileError, INPUTS, runBounded, tempDir, type HostileRun } from './run.js';

/**
 * The hostile-input corpus (issue 8). Small inputs are committed in tests/hostile/inputs/; the big
 * ones (a 50 MB field, 10,000 columns, oversized YAML) are generated into a temporary folder.
 * Every case runs the built bin with a 512 MB heap and must end with a contract exit code, no
 * stack trace, a one-line message naming the file (and line), and within a time bound.
 */

interface Row {
  file: string;
  line: number;
  reason?: string;
  message?: string;
}
interface FileSummary {
  file: string;
  encoding?: string;
  rows: number;
  accepted: number;
  rejected: number;
  notes: string[];
  error?: string;
}
interface Document {
  summary: { files: FileSummary[]; rows: number; accepted: number; rejected: number; skipped: number };
  rejected: Row[];
  skipped: Row[];
  warnings: Row[];
  events?: { id: string; date: string; type: string; severity?: number; sources: Row[] }[];
}

// Generous: the machine may be busy; the bound catches hangs, and the heap flag catches unbounded memory.
const FAST_MS = 40_000;

function json(run: HostileRun): Document {
  return JSON.parse(run.stdout) as Document;
}

/** validate --format json, checked for the contract; the parsed document. */
async function validate(args: string[], maxMs = FAST_MS): Promise<{ run: HostileRun; doc: Document }> {
  const run = await runBounded(['validate', ...args, '--format', 'json']);
  expectControlled(run, maxMs);
  return { run, doc: json(run) };
}

/**
 * analyse --format json, the whole pipeline: nothing lost, every counted row is the source of
 * exactly one event or a reject.
 */
async function analyseAccountsForEveryRow(args: string[], maxMs = FAST_MS): Promise<Document> {
  const run = await runBounded(['analyse', ...args, '--format', 'json']);
  expectControlled(run, maxMs);
  expect(run.code).toBe(0);
  const doc = json(run);
  const sources = (doc.events ?? []).flatMap((e) => e.sources.map((s) => `${s.file}:${s.line}`));
  expect(new Set(sources).size).toBe(sources.length);
  expect(sources.length + doc.rejected.length + doc.skipped.length).toBe(doc.summary.rows);
  return doc;
}

const input = (name: string): string => `${INPUTS}/${name}`;

/** The committed inputs whose problems are in rows or bytes: each is still read. */
const ROW_LEVEL_INPUTS = [
  'cp1252-said-utf8.csv',
  'utf8-said-cp1252.csv',
  'utf8-bom-but-cp1252.csv',
  'utf16le-no-bom.csv',
  'utf16le-odd-bytes.csv',
  'truncated-in-quotes.csv',
  'truncated-mid-item.yaml',
  'nul-bytes.csv',
  'broken-quoting.csv',
  'field-counts.csv',
  'header-only.csv',
  'negative-severity.csv',
  'extreme-dates.csv',
];

const PROFILES = [
  '--profile',
  `${input('cp1252-said-utf8.csv')}=${input('said-utf8.yaml')}`,
  '--profile',
  `${input('utf8-said-cp1252.csv')}=${input('said-windows-1252.yaml')}`,
];

/** One run each of validate and analyse over every row-level input, shared by the cases below (bin start-up is the cost). */
let validated: Promise<Document> | undefined;
let analysed: Promise<Document> | undefined;
const validateAll = (): Promise<Document> =>
  (validated ??= validate([...ROW_LEVEL_INPUTS.map(input), ...PROFILES]).then(({ run, doc }) => {
    expect(run.code).toBe(0);
    return doc;
  }));
const analyseAll = (): Promise<Document> => (analysed ??= analyseAccountsForEveryRow([...ROW_LEVEL_INPUTS.map(input), ...PROFILES]));

/** What validate found in one file: its summary, rejects and warnings. */
async function validated1(name: string): Promise<{ summary: FileSummary; rejected: Row[]; warnings: Row[] }> {
  const doc = await validateAll();
  const file = input(name);
  const summary = doc.summary.files.find((f) => f.file === file);
  if (!summary) throw new Error(`${file} is not in the summary`);
  return { summary, rejected: doc.rejected.filter((r) => r.file === file), warnings: doc.warnings.filter((w) => w.file === file) };
}

/** The analysed events with a source in one file, as text to search. */
async function analysedText(name: string): Promise<string> {
  const doc = await analyseAll();
  return JSON.stringify((doc.events ?? []).filter((e) => e.sources.some((s) => s.file === input(name))));
}

describe.concurrent('hostile corpus', { timeout: 90_000 }, () => {
describe('mislabelled encodings: rows kept, replacement characters and a note naming the first line', () => {
  it('Windows-1252 bytes under a profile that says UTF-8', async () => {
    const { summary } = await validated1('cp1252-said-utf8.csv');
    expect(summary).toMatchObject({ encoding: 'utf8', rows: 2, accepted: 2 });
    expect(summary.notes).toEqual([expect.stringMatching(/^3 characters could not be read as UTF-8 \(the first on line 2\)/)]);
    expect(await analysedText('cp1252-said-utf8.csv')).toContain('Ren\uFFFDe');
  });

  it('UTF-8 bytes under a profile that says Windows-1252', async () => {
    const { summary } = await validated1('utf8-said-cp1252.csv');
    expect(summary).toMatchObject({ encoding: 'windows-1252', accepted: 2 });
    expect(summary.notes).toEqual([expect.stringMatching(/read as Windows-1252 but its bytes are valid UTF-8/)]);
  });

  it('a UTF-8 byte-order mark on Windows-1252 bytes', async () => {
    const { summary } = await validated1('utf8-bom-but-cp1252.csv');
    expect(summary).toMatchObject({ encoding: 'utf8', accepted: 2 });
    expect(summary.notes).toEqual([expect.stringMatching(/could not be read as UTF-8 \(the first on line 2\)/)]);
  });

  it('UTF-16 without a byte-order mark is recognised by its NUL bytes and read whole', async () => {
    const { summary } = await validated1('utf16le-no-bom.csv');
    expect(summary).toMatchObject({ encoding: 'utf16le', rows: 2, accepted: 2, notes: [] });
    expect(await analysedText('utf16le-no-bom.csv')).toContain('Renée Brook');
  });
});

describe('truncated files', () => {
  it('a CSV cut inside a quoted field: earlier rows kept, the cut row rejected on its line', async () => {
    const { summary, rejected } = await validated1('truncated-in-quotes.csv');
    expect(summary).toMatchObject({ rows: 3, accepted: 2, rejected: 1 });
    expect(rejected).toEqual([{ file: input('truncated-in-quotes.csv'), line: 4, reason: expect.stringMatching(/quoted field is never closed/) }]);
  });

  it('a YAML file cut inside a list item: the cut item rejected on its line', async () => {
    const { summary, rejected } = await validated1('truncated-mid-item.yaml');
    expect(summary).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(rejected).toEqual([{ file: input('truncated-mid-item.yaml'), line: 7, reason: 'no date' }]);
  });

  it('a UTF-16 file with an odd number of bytes: rows kept, a note that it may be truncated', async () => {
    const { summary } = await validated1('utf16le-odd-bytes.csv');
    expect(summary).toMatchObject({ rows: 2, accepted: 2 });
    expect(summary.notes).toEqual([expect.stringMatching(/odd number of bytes.*may be truncated/)]);
  });
});

describe('row-level damage: the row rejected or warned on its line, the rest kept', () => {
  it('NUL bytes reject their row', async () => {
    const { summary, rejected } = await validated1('nul-bytes.csv');
    expect(rejected).toEqual([{ file: input('nul-bytes.csv'), line: 3, reason: 'contains a NUL byte' }]);
    expect(summary.accepted).toBe(2);
  });

  it('broken quoting: stray quotes kept as text, an unbalanced one rejects its row', async () => {
    const { summary, rejected } = await validated1('broken-quoting.csv');
    expect(summary).toMatchObject({ rows: 4, accepted: 3, rejected: 1 });
    expect(rejected).toEqual([{ file: input('broken-quoting.csv'), line: 5, reason: expect.stringMatching(/quoted field is never closed/) }]);
    expect(await analysedText('broken-quoting.csv')).toContain('said \\"no\\"');
  });

  it('rows with too many or too few fields are rejected with both counts', async () => {
    const { rejected } = await validated1('field-counts.csv');
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, 'row has 10 fields, the header has 8'],
      [4, 'row has 4 fields, the header has 8'],
    ]);
  });

  it('a file with only a header: read, no rows, no error', async () => {
    const { summary } = await validated1('header-only.csv');
    expect(summary).toMatchObject({ rows: 0, accepted: 0, rejected: 0 });
    expect(summary.error).toBeUndefined();
  });

  it('a negative severity is not used, with a warning; the row is kept', async () => {
    const { summary, warnings } = await validated1('negative-severity.csv');
    expect(summary.accepted).toBe(2);
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [2, 'severity "-2" is outside 1-5, not used'],
      [3, 'severity "-0" is outside 1-5, not used'],
    ]);
    const alone = await analyseAccountsForEveryRow([input('negative-severity.csv')]);
    expect(alone.events?.map((e) => e.severity)).toEqual([undefined, undefined]);
  });

  it('dates in years 0001 and 9999 are valid dates throughout the analysis; year 10000 is rejected', async () => {
    const file = input('extreme-dates.csv');
    const { summary, rejected } = await validated1('extreme-dates.csv');
    expect(summary).toMatchObject({ rows: 6, accepted: 5, rejected: 1 });
    expect(rejected).toEqual([{ file, line: 7, reason: 'unreadable date "10000-01-01"' }]);
    const [alone, ...others] = await Promise.all([
      analyseAccountsForEveryRow([file]),
      ...['merge', 'timeline', 'persons'].map((command) => runBounded([command, file])),
    ]);
    expect(alone?.events?.map((e) => e.date).sort()).toEqual(['0001', '0001-01-01', '0001-01-01', '9999-12-31', '9999-12-31T23:59']);
    for (const run of others as HostileRun[]) {
      expectControlled(run, FAST_MS);
      expect(run.code).toBe(0);
    }
  });
});

describe('the whole pipeline over every row-level input at once', () => {
  it('analyse accounts for every row read: the source of one event, or a reject', async () => {
    const doc = await analyseAccountsForEveryRow([
      ...ROW_LEVEL_INPUTS.map(input),
      '--profile',
      `${input('cp1252-said-utf8.csv')}=${input('said-utf8.yaml')}`,
      '--profile',
      `${input('utf8-said-cp1252.csv')}=${input('said-windows-1252.yaml')}`,
    ]);
    expect(doc.summary.files.map((f) => f.file)).toEqual(ROW_LEVEL_INPUTS.map(input));
    expect(doc.summary.files.every((f) => f.error === undefined)).toBe(true);
  });
});

describe('files that cannot be read at all: exit 3, one line naming the file', () => {
  const unreadable: [string, RegExp, number | undefined][] = [
    ['alias-bomb.yaml', /too many YAML aliases \(possible alias bomb\)/, undefined],
    ['top-level-scalar.yaml', /the top level is a single value, not a list of events/, 1],
    ['mapping-without-events.yaml', /no `events:` list/, undefined],
    ['duplicate-headers.csv', /duplicate column "type" \(same as "Type"\)/, 1],
  ];
  it.each(['validate', 'analyse'])('%s: an alias bomb, a scalar or events-less YAML, duplicate headers', async (command) => {
    const run = await runBounded([command, ...unreadable.map(([name]) => input(name))]);
    expectControlled(run, FAST_MS);
    for (const [name, problem, line] of unreadable) expectFileError(run, input(name), problem, line);
  });

  it('a directory, a path through a file (ENOTDIR), a file whose reads fail (/proc/self/mem: EIO)', async () => {
    const throughFile = `${input('header-only.csv')}/x.csv`;
    const run = await runBounded(['analyse', INPUTS, throughFile, '/proc/self/mem']);
    expectControlled(run, FAST_MS);
    expectFileError(run, INPUTS, /: is a directory$/);
    expectFileError(run, throughFile, /: no such file$/);
    expectFileError(run, '/proc/self/mem', /: cannot be read \(EIO\)$/);
  });

  it('one bad file does not stop the others being read', async () => {
    const run = await runBounded(['validate', input('duplicate-headers.csv'), input('field-counts.csv'), '--format', 'json']);
    expectControlled(run, FAST_MS);
    expect(run.code).toBe(3);
    expect(json(run).summary.accepted).toBe(2);
  });
});

describe('generated inputs', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('hostile');
  });
  afterAll(() => {
    execFileSync('rm', ['-rf', dir]);
  });

  /** A CSV whose second row holds one field of `bytes` bytes, and whose third row is ordinary. */
  function writeHugeField(name: string, quoted: boolean): string {
    const path = join(dir, name);
    const fd = openSync(path, 'w');
    writeSync(fd, 'agency,record_id,date,type,description\nPolice,R1,03/04/2021,neglect,' + (quoted ? '"' : ''));
    const block = Buffer.alloc(1 << 20, 'x');
    for (let mb = 0; mb < 50; mb += 1) writeSync(fd, block);
    writeSync(fd, `${quoted ? '"' : ''}\nPolice,R2,04/04/2021,neglect,ok\n`);
    closeSync(fd);
    return path;
  }

  it.each([
    ['quoted', true],
    ['unquoted', false],
  ])('a single 50 MB %s field rejects its row on its line, in bounded memory', async (_kind, quoted) => {
    const file = writeHugeField(`field-${String(quoted)}.csv`, quoted);
    for (const command of quoted ? ['validate', 'analyse'] : ['validate']) {
      const run = await runBounded([command, file, '--format', 'json']);
      expectControlled(run, 50_000);
      expect(run.code).toBe(0);
      const doc = json(run);
      expect(doc.rejected).toEqual([{ file, line: 2, reason: expect.stringMatching(/^record longer than 1 MiB.*the rest of the file was not read$/) }]);
    }
  });

  it('a header of 10,000 columns is refused on line 1', async () => {
    const file = join(dir, 'wide.csv');
    const names = ['agency', 'date', ...Array.from({ length: 9998 }, (_, i) => `extra_${i}`)];
    writeFileSync(file, `${names.join(',')}\n${['Police', '03/04/2021', ...names.slice(2).map(() => 'v')].join(',')}\n`);
    for (const command of ['validate', 'analyse']) {
      const run = await runBounded([command, file]);
      expectControlled(run, FAST_MS);
      expectFileError(run, file, /too many columns \(10000; limit 2000\)/, 1);
    }
  });

  it('a row of 10,000 fields under a short header is rejected on its line', async () => {
    const file = join(dir, 'wide-row.csv');
    writeFileSync(file, `agency,date,type\nPolice,03/04/2021,${Array.from({ length: 9998 }, () => 'neglect').join(',')}\nPolice,04/04/2021,neglect\n`);
    const doc = await analyseAccountsForEveryRow([file]);
    expect(doc.rejected).toEqual([{ file, line: 2, reason: 'row has 10000 fields, the header has 3' }]);
    expect(doc.summary).toMatchObject({ rows: 2, accepted: 1 });
  });

  it('YAML over the size limit is refused before it is parsed', async () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `events:\n  - date: 2021-04-03\n    description: ${'x'.repeat(17 * 1024 * 1024)}\n`);
    const run = await runBounded(['validate', file]);
    expectControlled(run, FAST_MS);
    expectFileError(run, file, /larger than the 16 MiB limit for YAML/);
  });

  it('YAML with too many tokens to parse in bounded memory is refused', async () => {
    const file = join(dir, 'tokens.yaml');
    writeFileSync(file, `events:\n  - date: 2021-04-03\n    notes: [${'a,'.repeat(600_000)}a]\n`);
    const run = await runBounded(['validate', file]);
    expectControlled(run, FAST_MS);
    expectFileError(run, file, /more than 1,000,000 YAML tokens/);
  });

  it('a FIFO given as a file is refused without blocking', async () => {
    const file = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [file]);
    const run = await runBounded(['validate', file]);
    expectControlled(run, FAST_MS);
    expectFileError(run, file, /: is not a regular file$/);
  });

  // As root, file modes do not stop reads: the bin runs as `nobody` for this case instead.
  const asRoot = process.getuid?.() === 0;
  it.runIf(asRoot || process.getuid !== undefined)('a file without read permission', async () => {
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    chmodSync(dir, 0o755);
    chmodSync(folder, 0o755);
    const file = join(folder, 'locked.csv');
    writeFileSync(file, 'agency,date\nPolice,03/04/2021\n');
    chmodSync(file, 0o000);
    const run = await runBounded(['validate', file], asRoot ? { uid: 65534, gid: 65534 } : {});
    expectControlled(run, FAST_MS);
    expectFileError(run, file, /: permission denied$/);
  });
});
});
