/**
 * CPU time and heap of each pipeline stage, in one process: `node dist/bench/stages.js [--analyse] FILE...`.
 * What the end-to-end benchmark cannot show: where the time of a run goes. Run node with
 * --expose-gc to see the heap each stage keeps rather than what it left for the collector.
 */
import { loadRules } from '../src/analyse/rules-file.js';
import { linkConfigFromOptions, loadFromOptions } from '../src/commands/shared.js';
import { linkPeople } from '../src/link/index.js';
import { mergeEvents } from '../src/merge/index.js';
import { analyse } from '../src/analyse/index.js';
import { chunkRendererFor } from '../src/render/registry.js';

const args = process.argv.slice(2);
const withAnalysis = args[0] === '--analyse';
const files = withAnalysis ? args.slice(1) : args;

function stage<T>(name: string, run: () => T): T {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  // With --expose-gc the heap figure is what the stage keeps, not what it left for the collector.
  (globalThis as { gc?: () => void }).gc?.();
  const heap = process.memoryUsage();
  process.stderr.write(
    `${name.padEnd(10)} wall ${((performance.now() - wall) / 1000).toFixed(2).padStart(7)} s  cpu ${((used.user + used.system) / 1e6).toFixed(2).padStart(7)} s  heap ${(heap.heapUsed / 2 ** 20).toFixed(0).padStart(5)} MB  rss ${(heap.rss / 2 ** 20).toFixed(0).padStart(5)} MB\n`,
  );
  return result;
}

const cpu = process.cpuUsage();
const wall = performance.now();
const load = await loadFromOptions(files, {});
const used = process.cpuUsage(cpu);
process.stderr.write(`load       wall ${((performance.now() - wall) / 1000).toFixed(2).padStart(7)} s  cpu ${((used.user + used.system) / 1e6).toFixed(2).padStart(7)} s  heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0).padStart(5)} MB  (${load.records.length} records)\n`);
const config = await linkConfigFromOptions();
const linkage = stage('link', () => linkPeople(load.records, config, { recordLinks: false }));
const events = stage('merge', () => mergeEvents(load.records, linkage.persons, linkage.personOf));
const rules = await loadRules(undefined);
const analysis = withAnalysis ? stage('analyse', () => analyse({ records: load.records, persons: linkage.persons, events }, rules)) : undefined;
stage('render', () => {
  let bytes = 0;
  const view = withAnalysis ? 'analyse' : 'merge';
  for (const chunk of chunkRendererFor(view, 'json')({ load, linkage, events, analysis } as never, { color: false, width: 160 })) bytes += chunk.length;
  return bytes;
});
process.stderr.write(`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
