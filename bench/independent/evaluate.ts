/**
 * Scores today's tool on the independent generator's data, as a user would run it: the built
 * bin's `merge --format json`, joined to the truth by file:line. Pairwise precision, recall and
 * F1 for persons (records of one person) and events (records of one occurrence), the rows
 * rejected, and the misses and false links by the habit that caused them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONFIRMATION_SEEDS, DEFAULT_RATES, TUNING_SEEDS, generate, parseRates, writeDataset, type Rates, type TruthRow,
} from './generate.js';

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  agreeing: number;
}

export interface CauseRow {
  tag: string;
  records: number;
  /** records of the tag that sit outside their true person's largest linked group */
  splitOff: number;
  /** missed pairs with the tag on either record */
  missedPairs: number;
}

export interface Evaluation {
  seed: number;
  families: number;
  records: number;
  rejected: number;
  rejectedReasons: Record<string, number>;
  /** truth rows that the output names at no file:line (a line-number mismatch) */
  unmatched: number;
  truePersons: number;
  linkedPersons: number;
  /** true persons whose records are in two or more linked persons, and the most parts one is in */
  splitPersons: number;
  mostParts: number;
  trueOccurrences: number;
  mergedEvents: number;
  rates: Rates;
  persons: Score;
  events: Score;
  personMisses: CauseRow[];
  personFalseLinks: Record<string, number>;
  eventMisses: Record<string, number>;
  eventFalseMerges: Record<string, number>;
  seconds: number;
}

interface MergeOutput {
  events: { id: string; person: string; sources: { file: string; line: number }[] }[];
  rejected: { file: string; line: number; reason: string }[];
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairwise scores of a predicted grouping against a true one, over the same items. */
export function pairScore(truth: readonly string[], predicted: readonly string[]): Score {
  const cell = new Map<string, number>();
  const t = new Map<string, number>();
  const p = new Map<string, number>();
  truth.forEach((k, i) => {
    const q = predicted[i]!;
    t.set(k, (t.get(k) ?? 0) + 1);
    p.set(q, (p.get(q) ?? 0) + 1);
    const c = `${k}\u0000${q}`;
    cell.set(c, (cell.get(c) ?? 0) + 1);
  });
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const agreeing = sum(cell);
  const truePairs = sum(t);
  const predictedPairs = sum(p);
  const precision = predictedPairs === 0 ? 1 : agreeing / predictedPairs;
  const recall = truePairs === 0 ? 1 : agreeing / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, agreeing };
}

const bump = (m: Record<string, number>, k: string, n = 1): void => {
  m[k] = (m[k] ?? 0) + n;
};
const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
};

interface Joined {
  truth: TruthRow;
  person: string;
  event: string;
}

/** Why two records of different true persons were linked: what relates the two persons. */
function relation(a: TruthRow, b: TruthRow): string {
  if (a.person.slice(0, 5) !== b.person.slice(0, 5)) return 'different-family';
  if (a.tags.includes('twin') && b.tags.includes('twin')) return 'twin';
  if (a.tags.includes('namesake') && b.tags.includes('namesake')) return 'namesake';
  return 'same-household';
}

export function score(truth: readonly TruthRow[], output: MergeOutput): Omit<Evaluation, 'seed' | 'families' | 'seconds' | 'rates'> {
  const at = new Map<string, { person: string; event: string }>();
  for (const e of output.events) for (const s of e.sources) at.set(`${basename(s.file)}:${s.line}`, { person: e.person, event: e.id });
  const rejectedAt = new Map(output.rejected.map((r) => [`${basename(r.file)}:${r.line}`, r.reason]));
  const rejectedReasons: Record<string, number> = {};
  for (const reason of rejectedAt.values()) bump(rejectedReasons, reason.replace(/"[^"]*"/g, '"…"'));
  const joined: Joined[] = [];
  let unmatched = 0;
  for (const t of truth) {
    const hit = at.get(`${t.file}:${t.line}`);
    if (hit) joined.push({ truth: t, ...hit });
    else if (!rejectedAt.has(`${t.file}:${t.line}`)) unmatched++;
  }
  const partsOf = [...groupBy(joined, (j) => j.truth.person).values()].map((g) => new Set(g.map((j) => j.person)).size);
  const persons = pairScore(joined.map((j) => j.truth.person), joined.map((j) => j.person));
  const events = pairScore(joined.map((j) => j.truth.occurrence), joined.map((j) => j.event));

  // Misses: records outside their true person's largest linked group, and missed pairs, by tag.
  const tagRecords: Record<string, number> = {};
  const tagSplit: Record<string, number> = {};
  const tagMissed: Record<string, number> = {};
  for (const j of joined) for (const tag of j.truth.tags.length ? j.truth.tags : ['(none)']) bump(tagRecords, tag);
  for (const group of groupBy(joined, (j) => j.truth.person).values()) {
    const parts = groupBy(group, (j) => j.person);
    if (parts.size < 2) continue;
    const main = [...parts.values()].sort((a, b) => b.length - a.length || (a[0]!.person < b[0]!.person ? -1 : 1))[0]!;
    for (const j of group) if (j.person !== main[0]!.person) for (const tag of j.truth.tags.length ? j.truth.tags : ['(none)']) bump(tagSplit, tag);
    const list = [...parts.values()];
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++)
        for (const a of list[x]!)
          for (const b of list[y]!) {
            const tags = new Set([...a.truth.tags, ...b.truth.tags]);
            if (tags.size === 0) bump(tagMissed, '(none)');
            for (const tag of tags) bump(tagMissed, tag);
          }
  }
  const personMisses: CauseRow[] = Object.keys(tagRecords)
    .map((tag) => ({ tag, records: tagRecords[tag] ?? 0, splitOff: tagSplit[tag] ?? 0, missedPairs: tagMissed[tag] ?? 0 }))
    .sort((a, b) => b.missedPairs - a.missedPairs || b.splitOff - a.splitOff || (a.tag < b.tag ? -1 : 1));

  const personFalseLinks: Record<string, number> = {};
  for (const group of groupBy(joined, (j) => j.person).values()) {
    const parts = [...groupBy(group, (j) => j.truth.person).values()];
    for (let x = 0; x < parts.length; x++)
      for (let y = x + 1; y < parts.length; y++) bump(personFalseLinks, relation(parts[x]![0]!.truth, parts[y]![0]!.truth), parts[x]!.length * parts[y]!.length);
  }

  const eventMisses: Record<string, number> = {};
  for (const group of groupBy(joined, (j) => j.truth.occurrence).values()) {
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) {
        const a = group[x]!;
        const b = group[y]!;
        if (a.event === b.event) continue;
        const cause = a.person !== b.person ? 'persons not linked' : a.truth.tags.includes('repeat-near') ? 'repeat-near' : 'same person, not merged';
        bump(eventMisses, cause);
      }
  }
  const eventFalseMerges: Record<string, number> = {};
  for (const group of groupBy(joined, (j) => j.event).values()) {
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) {
        const a = group[x]!.truth;
        const b = group[y]!.truth;
        if (a.occurrence === b.occurrence) continue;
        bump(eventFalseMerges, a.person !== b.person ? `persons wrongly linked (${relation(a, b)})` : a.tags.includes('repeat-near') ? 'repeat-near' : 'same person, other occurrence');
      }
  }
  return {
    records: truth.length,
    rejected: rejectedAt.size,
    rejectedReasons,
    unmatched,
    truePersons: partsOf.length,
    splitPersons: partsOf.filter((n) => n > 1).length,
    mostParts: Math.max(0, ...partsOf),
    trueOccurrences: new Set(joined.map((j) => j.truth.occurrence)).size,
    mergedEvents: new Set(joined.map((j) => j.event)).size,
    linkedPersons: new Set(joined.map((j) => j.person)).size,
    persons,
    events,
    personMisses,
    personFalseLinks,
    eventMisses,
    eventFalseMerges,
  };
}

// Run from dist/bench/independent/ (built) or bench/independent/ (tests): the bin is found from either.
const BIN = ['../../../bin/chronology.js', '../../bin/chronology.js']
  .map((p) => fileURLToPath(new URL(p, import.meta.url)))
  .find((p) => existsSync(p)) ?? 'bin/chronology.js';

/** Generates one data set, runs the bin's merge on it and scores the output. */
export function evaluate(seed: number, families: number, keep?: string, rates: Partial<Rates> = {}): Evaluation {
  const directory = keep ? resolve(keep, `seed-${seed}`) : mkdtempSync(join(tmpdir(), 'chronology-independent-'));
  try {
    const dataset = generate({ seed, families, rates });
    const files = writeDataset(dataset, directory);
    const outFile = join(directory, 'merged.json');
    const started = performance.now();
    const run = spawnSync(process.execPath, [BIN, 'merge', ...files, '--format', 'json', '-q', '-o', outFile], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`chronology merge exited ${run.status}: ${run.stderr.trim()}`);
    const output = JSON.parse(readFileSync(outFile, 'utf8')) as MergeOutput;
    return { seed, families, seconds, rates: { ...DEFAULT_RATES, ...rates }, ...score(dataset.truth, output) };
  } finally {
    if (!keep) rmSync(directory, { recursive: true, force: true });
  }
}

const f = (n: number): string => n.toFixed(4);

function report(e: Evaluation): string {
  const lines = [
    `seed ${e.seed}, ${e.families} families: ${e.records} records, ${e.rejected} rejected, ${e.unmatched} not found at their line; ` +
      `merge ${e.seconds.toFixed(1)} s`,
    `  ${e.truePersons} true persons linked as ${e.linkedPersons}; ${e.splitPersons} split (up to ${e.mostParts} parts); ` +
      `${e.trueOccurrences} true occurrences merged as ${e.mergedEvents} events`,
    `  persons  P ${f(e.persons.precision)}  R ${f(e.persons.recall)}  F1 ${f(e.persons.f1)}  ` +
      `(true pairs ${e.persons.truePairs}, linked ${e.persons.predictedPairs}, agreeing ${e.persons.agreeing})`,
    `  events   P ${f(e.events.precision)}  R ${f(e.events.recall)}  F1 ${f(e.events.f1)}  ` +
      `(true pairs ${e.events.truePairs}, merged ${e.events.predictedPairs}, agreeing ${e.events.agreeing})`,
  ];
  if (Object.keys(e.rejectedReasons).length) lines.push(`  rejected: ${Object.entries(e.rejectedReasons).map(([r, n]) => `${r} ×${n}`).join(', ')}`);
  lines.push('  person misses by habit (a pair counts under each tag either record carries):');
  lines.push(`    ${'tag'.padEnd(20)} ${'records'.padStart(8)} ${'split off'.padStart(10)} ${'% split'.padStart(8)} ${'missed pairs'.padStart(13)}`);
  for (const c of e.personMisses.filter((c) => c.missedPairs > 0 || c.splitOff > 0))
    lines.push(
      `    ${c.tag.padEnd(20)} ${String(c.records).padStart(8)} ${String(c.splitOff).padStart(10)} ${((100 * c.splitOff) / c.records).toFixed(1).padStart(8)} ${String(c.missedPairs).padStart(13)}`,
    );
  const map = (title: string, m: Record<string, number>): void => {
    const entries = Object.entries(m).sort((a, b) => b[1] - a[1]);
    lines.push(`  ${title}: ${entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}`);
  };
  map('person false links (pairs, by how the persons relate)', e.personFalseLinks);
  map('event misses (pairs)', e.eventMisses);
  map('event false merges (pairs)', e.eventFalseMerges);
  return lines.join('\n');
}

function table(results: readonly Evaluation[]): string {
  const head = `${'seed'.padStart(5)} ${'families'.padStart(8)} ${'records'.padStart(8)} ${'rejected'.padStart(8)}   persons P / R / F1          events P / R / F1`;
  return [
    head,
    ...results.map(
      (e) =>
        `${String(e.seed).padStart(5)} ${String(e.families).padStart(8)} ${String(e.records).padStart(8)} ${String(e.rejected).padStart(8)}   ` +
        `${f(e.persons.precision)} ${f(e.persons.recall)} ${f(e.persons.f1)}   ${f(e.events.precision)} ${f(e.events.recall)} ${f(e.events.f1)}`,
    ),
  ].join('\n');
}

const HELP = `Usage: node dist/bench/independent/evaluate.js [options]

Scores chronology's person linkage and event merging on data from the independent generator
(bench/independent/generate.ts), running the built bin's merge as a user would.

Options:
  (none)               the tuning seeds ${TUNING_SEEDS.map((s) => `${s.seed} (${s.families} families)`).join(', ')}
  --confirm            the confirmation-only seeds ${CONFIRMATION_SEEDS.map((s) => `${s.seed} (${s.families} families)`).join(', ')}
  --seed N             one seed (with --families N, default 150)
  --families N         number of families for --seed (40 to 400)
  --json               print the evaluations as JSON
  --keep DIR           keep each data set, its truth.csv, persons.csv and merged.json in DIR/seed-N
  --rate NAME=VALUE    change one habit's rate from its default (repeatable; see generate.js --help)

Seeds ${CONFIRMATION_SEEDS.map((s) => s.seed).join(' and ')} are for confirmation only: never tune the linker against them,
and do not read their misses; report their figures once the work is done.`;

function main(argv: readonly string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return;
  }
  const seedArg = arg('--seed');
  const runs = seedArg !== undefined
    ? [{ seed: Number(seedArg), families: Number(arg('--families') ?? '150') }]
    : argv.includes('--confirm') ? CONFIRMATION_SEEDS : TUNING_SEEDS;
  if (runs.some((r) => !Number.isInteger(r.seed) || !Number.isInteger(r.families) || r.families < 1)) {
    console.error('evaluate: --seed and --families take whole numbers');
    process.exitCode = 2;
    return;
  }
  let rates: Partial<Rates>;
  try {
    rates = parseRates(argv);
  } catch (error) {
    console.error(`evaluate: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  if (argv.includes('--confirm')) console.error('confirmation-only seeds: report these figures, never tune against them');
  let results: Evaluation[];
  try {
    results = runs.map((r) => evaluate(r.seed, r.families, arg('--keep'), rates));
  } catch (error) {
    console.error(`evaluate: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  if (argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  for (const e of results) console.log(`${report(e)}\n`);
  console.log(table(results));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
