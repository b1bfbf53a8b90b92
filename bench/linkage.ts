/**
 * Person-linkage benchmark on FEBRL 4 (cross-file) and FEBRL 3 (within-file): pairwise
 * precision, recall and F1, time and peak RSS. Usage: node dist/bench/linkage.js [febrl-dir]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkConfig, linkPeople, type LinkSettings } from '../src/link/index.js';
import { loadNicknames, loadTransliterations } from '../src/link/nicknames-file.js';
import { predictedPairs, readFebrl, readTruthPairs, scorePairs, type FebrlRecord } from './febrl.js';

// Compiled to dist/bench/, three levels below the repository's parent directory.
const directory = resolve(process.argv[2] ?? fileURLToPath(new URL('../../../shared/benchmarks/febrl', import.meta.url)));
const nicknames = loadNicknames();
const transliterations = loadTransliterations();

function run(name: string, settings: Partial<LinkSettings>, input: FebrlRecord[], truthFile: string, crossOnly: boolean): void {
  const config = linkConfig(nicknames, settings, transliterations);
  const truth = readTruthPairs(directory, truthFile);
  const started = performance.now();
  const linkage = linkPeople(
    input.map((r) => r.record),
    config,
  );
  const seconds = (performance.now() - started) / 1000;
  const predicted = predictedPairs(
    input.map((r) => r.recId),
    input.map((r) => r.record.agency),
    linkage.personOf,
    crossOnly,
  );
  const s = scorePairs(predicted, truth);
  console.log(
    `${name}: ${input.length} records, ${linkage.persons.length} persons; ` +
      `precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}, F1 ${s.f1.toFixed(4)} ` +
      `(TP ${s.truePositives}, FP ${s.falsePositives}, FN ${s.falseNegatives}); ` +
      `${linkage.uncertain.length} uncertain; ${seconds.toFixed(2)} s`,
  );
}

const febrl4 = [...readFebrl(directory, 'dataset4a.csv', 'A'), ...readFebrl(directory, 'dataset4b.csv', 'B')];
const febrl3 = readFebrl(directory, 'dataset3.csv', 'A');
// FEBRL's people are unrelated: no households, so the twins and namesakes rules only cost recall there.
for (const [label, settings] of [
  ['households: false', { households: false }],
  ['defaults', {}],
] as const) {
  run(`FEBRL 4 (${label})`, settings, febrl4, 'truth_pairs_dataset4.csv', true);
  run(`FEBRL 3 (${label})`, settings, febrl3, 'truth_pairs_dataset3.csv', false);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
