// The actions of the commands that read data, loaded with import() only when one of them runs.
import { loadRules } from '../../analyse/rules-file.js';
import { createAnalyser, LEVELS, type Level, type PersonAnalysis } from '../../analyse/index.js';
import { EXIT, UsageError } from '../../errors.js';
import { buildLinkContext, explainPair } from '../../link/index.js';
import type { ChronologyRecord } from '../../model/record.js';
import type { Person } from '../../model/stages.js';
import { filterEvents } from '../../pipeline/filter.js';
import { createProgress } from '../../progress.js';
import type { AnalyseOptions } from '../analyse.js';
import { filterFromOptions } from '../filters.js';
import { failOnLevel, type FilterCliOptions, type InputOptions, type LinkCliOptions, type RenderCliOptions } from '../options.js';
import type { PersonsOptions } from '../persons.js';
import { lazyList } from '../../render/documents.js';
import { anonymises, checkRenderOptions, render } from '../render.js';
import {
  inputExitCode,
  linkChronology,
  linkConfigFromOptions,
  linkThreads,
  loadChronology,
  loadFromOptions,
  loadReported,
  protectedInputs,
  reportFailures,
} from '../shared.js';

export async function runValidate(files: string[], options: InputOptions & RenderCliOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const load = await loadFromOptions(files, options, createProgress({ quiet: options.quiet }));
  reportFailures(load);
  await render('validate', { load }, options);
  return inputExitCode(load, options);
}

export async function runMerge(files: string[], options: InputOptions & LinkCliOptions & RenderCliOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const progress = createProgress({ quiet: options.quiet });
  const { load, linkage, events } = await loadChronology(files, options, progress);
  progress.clear();
  await render('merge', { load, linkage, events }, options);
  return inputExitCode(load, options);
}

export async function runTimeline(files: string[], options: InputOptions & LinkCliOptions & RenderCliOptions & FilterCliOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const filter = filterFromOptions(options);
  const progress = createProgress({ quiet: options.quiet });
  const { load, linkage, events } = await loadChronology(files, options, progress);
  progress.clear();
  await render('timeline', { load, linkage, events: filterEvents(events, linkage.persons, filter) }, options);
  return inputExitCode(load, options);
}

export async function runAnalyse(files: string[], options: AnalyseOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const filter = filterFromOptions(options);
  const rules = await loadRules(options.rules);
  const progress = createProgress({ quiet: options.quiet });
  const { load, linkage, events } = await loadChronology(files, options, progress);
  progress.stage('analysing');
  const analyser = createAnalyser({ records: load.records, persons: linkage.persons, events }, rules);
  const shownPersons = filter.persons?.length
    ? new Set(filterEvents(events, linkage.persons, { persons: filter.persons }).map((e) => e.person))
    : undefined;
  const shown = shownPersons ? analyser.persons.filter((p) => shownPersons.has(p.id)) : analyser.persons;
  const levels = new Map<string, Level>();
  const analysePerson = (person: Person): PersonAnalysis => {
    const analysis = analyser.analysePerson(person);
    levels.set(person.id, analysis.level);
    return analysis;
  };
  // The JSON stream writes each person's analysis as it is made: a caseload's analyses are never all held at once.
  const streamed = options.format === 'json' && !anonymises(options);
  const persons = streamed ? lazyList(shown, analysePerson) : shown.map(analysePerson);
  progress.clear();
  await render(
    'analyse',
    { load, linkage, events: filterEvents(events, linkage.persons, filter), analysis: { persons, households: analyser.households } },
    options,
  );
  const inputCode = inputExitCode(load, options);
  if (inputCode !== EXIT.ok) return inputCode;
  if (options.failOn === undefined) return EXIT.ok;
  const threshold = LEVELS.indexOf(failOnLevel(options.failOn));
  // Persons left out by --person still count: each is analysed here unless the report already did.
  const reached = analyser.persons.some((p) => LEVELS.indexOf(levels.get(p.id) ?? analyser.analysePerson(p).level) >= threshold);
  return reached ? EXIT.findings : EXIT.ok;
}

/** Finds the record a FILE:LINE reference names; the file may be given by any unambiguous suffix. */
export function findRecord(records: readonly ChronologyRecord[], ref: string): number {
  const match = /^(.*):(\d+)$/.exec(ref);
  if (!match) throw new UsageError(`--explain ${JSON.stringify(ref)} is not FILE:LINE`);
  const [, file, line] = match as unknown as [string, string, string];
  const candidates = records
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.line === Number(line) && (r.file === file || r.file.endsWith(`/${file}`)));
  const files = new Set(candidates.map(({ r }) => r.file));
  if (files.size > 1) throw new UsageError(`--explain ${JSON.stringify(ref)} matches several files: ${[...files].join(', ')}`);
  const found = candidates[0];
  if (!found) throw new UsageError(`--explain ${JSON.stringify(ref)}: no accepted record starts at that file and line`);
  return found.index;
}

export async function runPersons(files: string[], options: PersonsOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  if (options.explain && options.explain.length !== 2) {
    throw new UsageError('--explain takes two references: --explain FILE:LINE FILE:LINE');
  }
  const threads = linkThreads(options);
  const progress = createProgress({ quiet: options.quiet });
  const load = await loadReported(files, options, progress);
  if (options.explain) {
    const config = await linkConfigFromOptions();
    const [a, b] = options.explain.map((ref) => findRecord(load.records, ref)) as [number, number];
    const pair = explainPair(load.records, a, b, config, buildLinkContext(load.records, config));
    await render('pairs', { load, pairs: [pair] }, options);
    return inputExitCode(load, options);
  }
  progress.stage('linking people and merging events');
  const chronology = await linkChronology(load.records, threads, true);
  progress.clear();
  if (options.uncertain) {
    await render('pairs', { load, ...chronology, pairs: chronology.linkage.uncertain }, options);
  } else {
    await render('persons', { load, ...chronology }, options);
  }
  return inputExitCode(load, options);
}
