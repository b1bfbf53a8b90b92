/**
 * Synthetic linkage and merge benchmark:
 *   node dist/bench/synthetic/run.js [--people 2000] [--seed 1] [--agencies 5] [--window 3] [--json] [--check]
 * --check exits 1 when person F1 < 0.98 or event F1 < 0.97 (the targets).
 */
import { parseArgs } from 'node:util';
import { linkConfig, linkPeople } from '../../src/link/index.js';
import { loadNicknames, loadTransliterations } from '../../src/link/nicknames-file.js';
import { DEFAULT_GENERATE_OPTIONS, generate } from './generate.js';
import { runBenchmark, type PairwiseScore } from './score.js';

const TARGETS = { person: 0.98, event: 0.97 };

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
  return value;
}

function line(label: string, score: PairwiseScore): string {
  const f = (x: number): string => x.toFixed(4);
  return `${label.padEnd(28)} precision ${f(score.precision)}  recall ${f(score.recall)}  F1 ${f(score.f1)}`;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      people: { type: 'string' },
      seed: { type: 'string' },
      agencies: { type: 'string' },
      window: { type: 'string' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const options = {
    people: integer('people', values.people, DEFAULT_GENERATE_OPTIONS.people),
    seed: integer('seed', values.seed, DEFAULT_GENERATE_OPTIONS.seed),
    agencies: integer('agencies', values.agencies, DEFAULT_GENERATE_OPTIONS.agencies),
  };
  const windowDays = values.window === undefined ? undefined : integer('window', values.window, 3);
  const config = linkConfig(loadNicknames(), {}, loadTransliterations());
  const dataset = generate(options);
  const report = runBenchmark(dataset, (records) => linkPeople(records, config), windowDays);
  const met = report.person.f1 >= TARGETS.person && report.event.f1 >= TARGETS.event;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ options, windowDays, targets: TARGETS, met, ...report }, null, 2)}\n`);
  } else {
    process.stdout.write(
      [
        `synthetic benchmark: seed ${options.seed}, ${options.agencies} agencies`,
        `${report.records} records, ${report.truePersons} true persons -> ${report.linkedPersons} linked, ` +
          `${report.trueOccurrences} true occurrences -> ${report.events} events`,
        line('persons', report.person),
        line('events (pipeline)', report.event),
        line('events (true persons)', report.eventGivenTruePersons),
        `time: parse ${report.millis.parse.toFixed(0)} ms, link ${report.millis.link.toFixed(0)} ms, merge ${report.millis.merge.toFixed(0)} ms`,
        `targets: person F1 >= ${TARGETS.person}, event F1 >= ${TARGETS.event}: ${met ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  }
  return values.check && !met ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
