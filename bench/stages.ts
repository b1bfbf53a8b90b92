/**
 * Wall and CPU time, heap and RSS of each pipeline stage, in one process:
 * `npm run bench:stages -- [--analyse] FILE...` (node --expose-gc dist/bench/stages.js).
 * What the end-to-end benchmark cannot show: where the time of a run goes. Under --expose-gc
 * (as npm runs it) the heap is what each stage keeps rather than what it left for the collector.
 */
import { loadRules } from '../src/analyse/rules-file.js';
import { linkConfigFromOptions, linkThreads, loadFromOptions } from '../src/commands/shared.js';
import { linkPeopleInParallel } from '../src/link/index.js';
import { mergeEvents } from '../src/merge/index.js';
import { analyse } from '../src/analyse/index.js';
import { chunkRendererFor } from '../src/render/registry.js';

const args = process.argv.slice(2);
const withAnalysis = args[0] === '--analyse';
const files = withAnalysis ? args.slice(1) : args;

async function stage<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  // With --expose-gc the heap figure is what the stage keeps, not what it left for the collector.
  (globalThis as { gc?: () => void }).gc?.();
  const heap = process.memoryUsage();
  process.stderr.write(
    `${name.padEnd(10)} wall ${((performance.now() - wall) / 1000).toFixed(2).padStart(7)} s  cpu ${((used.user + used.system) / 1e6).toFixed(2).padStart(7)} s  heap ${(heap.heapUsed / 2 ** 20).toFixed(0).padStart(5)} MB  rss ${(heap.rss / 2 ** 20).toFixed(0).padStart(5)} MB\n`,
  );
  return result;
}

const load = await stage('load', () => loadFromOptions(files, {}));
process.stderr.write(`(${load.records.length} records)\n`);
const config = await linkConfigFromOptions();
const linkage = await stage('link', () => linkPeopleInParallel(load.records, config, { explain: false, threads: linkThreads({}) }));
const events = await stage('merge', () => mergeEvents(load.records, linkage.persons, linkage.personOf));
const rules = await loadRules(undefined);
const analysis = withAnalysis ? await stage('analyse', () => analyse({ records: load.records, persons: linkage.persons, events }, rules)) : undefined;
await stage('render', () => {
  let bytes = 0;
  const report = { load, linkage, events, ...(analysis === undefined ? {} : { analysis }) };
  for (const chunk of chunkRendererFor(withAnalysis ? 'analyse' : 'merge', 'json')(report, { color: false, width: 160 })) bytes += chunk.length;
  return bytes;
});
process.stderr.write(`peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
