/**
 * Person-linkage benchmark at default settings, no flags, against the targets of docs/linkage.md:
 * FEBRL 4 (cross-file) and FEBRL 3 (within-file) with names, dob and address only; the project's
 * synthetic caseloads (bench/synthetic, seeds 1-3); and the independent generator's tuning seeds
 * (bench/independent, through the built bin as a user runs it). `--confirm` scores the
 * independent generator's confirmation-only seeds instead, which the linker is never tuned on.
 * Exits 1 when a target is missed. Usage: node dist/bench/linkage.js [--confirm] [febrl-dir]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkConfig, linkPeople } from '../src/link/index.js';
import { loadNicknames, loadTransliterations } from '../src/link/nicknames-file.js';
import { predictedPairs, readFebrl, readTruthPairs, scorePairs, type FebrlRecord } from './febrl.js';
import { evaluate } from './independent/evaluate.js';
import { CONFIRMATION_SEEDS, TUNING_SEEDS } from './independent/generate.js';
import { DEFAULT_GENERATE_OPTIONS, generate } from './synthetic/generate.js';
import { runBenchmark } from './synthetic/score.js';

const args = process.argv.slice(2);
const confirm = args.includes('--confirm');
// Compiled to dist/bench/, three levels below the repository's parent directory.
const directory = resolve(args.find((arg) => !arg.startsWith('--')) ?? fileURLToPath(new URL('../../../shared/benchmarks/febrl', import.meta.url)));
const config = linkConfig(loadNicknames(), {}, loadTransliterations());

/** The targets of issue 16, at default settings. */
const TARGETS = { febrl4: 0.99, febrl3: 0.98, personF1: 0.99, eventF1: 0.98, precision: 0.995 };

interface Row {
  data: string;
  records: number;
  personP: number;
  personR: number;
  personF1: number;
  eventF1?: number;
  seconds: number;
  /** The person F1 this data set must reach. */
  target: number;
}

function febrl(name: string, input: FebrlRecord[], truthFile: string, crossOnly: boolean, target: number): Row {
  const truth = readTruthPairs(directory, truthFile);
  const started = performance.now();
  const linkage = linkPeople(
    input.map((r) => r.record),
    config,
    { explain: false },
  );
  const seconds = (performance.now() - started) / 1000;
  const predicted = predictedPairs(
    input.map((r) => r.recId),
    input.map((r) => r.record.agency),
    linkage.personOf,
    crossOnly,
  );
  const s = scorePairs(predicted, truth);
  return { data: name, records: input.length, personP: s.precision, personR: s.recall, personF1: s.f1, seconds, target };
}

const rows: Row[] = [];
if (!confirm) {
  rows.push(
    febrl('FEBRL 4', [...readFebrl(directory, 'dataset4a.csv', 'A'), ...readFebrl(directory, 'dataset4b.csv', 'B')], 'truth_pairs_dataset4.csv', true, TARGETS.febrl4),
    febrl('FEBRL 3', readFebrl(directory, 'dataset3.csv', 'A'), 'truth_pairs_dataset3.csv', false, TARGETS.febrl3),
  );
  for (const seed of [1, 2, 3]) {
    const report = runBenchmark(generate({ ...DEFAULT_GENERATE_OPTIONS, seed }), (records) => linkPeople(records, config, { explain: false }));
    rows.push({
      data: `synthetic seed ${seed}`,
      records: report.records,
      personP: report.person.precision,
      personR: report.person.recall,
      personF1: report.person.f1,
      eventF1: report.event.f1,
      seconds: report.millis.link / 1000,
      target: TARGETS.personF1,
    });
  }
}
for (const { seed, families } of confirm ? CONFIRMATION_SEEDS : TUNING_SEEDS) {
  const result = evaluate(seed, families);
  rows.push({
    data: `independent seed ${seed}${confirm ? ' (confirmation)' : ''}`,
    records: result.records,
    personP: result.persons.precision,
    personR: result.persons.recall,
    personF1: result.persons.f1,
    eventF1: result.events.f1,
    seconds: result.seconds,
    target: TARGETS.personF1,
  });
}

const f = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(4));
const missed = (row: Row): string[] => [
  ...(row.personF1 < row.target ? [`person F1 < ${row.target}`] : []),
  ...(row.personP < TARGETS.precision ? [`precision < ${TARGETS.precision}`] : []),
  ...(row.eventF1 !== undefined && row.eventF1 < TARGETS.eventF1 ? [`event F1 < ${TARGETS.eventF1}`] : []),
];
const table = [
  ['data', 'records', 'person P', 'person R', 'person F1', 'event F1', 'seconds', 'targets'],
  ...rows.map((row) => [row.data, String(row.records), f(row.personP), f(row.personR), f(row.personF1), f(row.eventF1), row.seconds.toFixed(2), missed(row).join('; ') || 'met']),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((line) => line[c]!.length)));
for (const line of table) console.log(line.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
process.exitCode = rows.some((row) => missed(row).length > 0) ? 1 : 0;
