// The actions of the commands that read data, loaded with import() only when one of them runs.
import { loadRules } from '../../analyse/rules-file.js';
import { createAnalyser, LEVELS, type Level, type PersonAnalysis } from '../../analyse/index.js';
import { readFile } from 'node:fs/promises';
import { EXIT, InputError, UsageError } from '../../errors.js';
import { parseAnnotations, type AnnotationsFile } from '../../model/annotations.js';
import { applyAnnotations, shownEvents } from '../../pipeline/annotate.js';
import { analysisChanges, markChanges, type PreviousOutput } from '../../pipeline/since.js';
import { buildLinkContext, explainPair } from '../../link/index.js';
import type { ChronologyRecord } from '../../model/record.js';
import type { ChronologyEvent, Person } from '../../model/stages.js';
import { filterEvents } from '../../pipeline/filter.js';
import { HEAP_SHARE } from '../../memory.js';
import { createProgress } from '../../progress.js';
import type { AnalyseOptions } from '../analyse.js';
import { checkFilterMatches, filterFromOptions } from '../filters.js';
import { failOnLevel, type FilterCliOptions, type InputOptions, type LinkCliOptions, type RenderCliOptions } from '../options.js';
import type { PersonsOptions } from '../persons.js';
import { lazyList } from '../../render/documents.js';
import { anonymises } from '../options.js';
import { checkRenderOptions, render } from '../render.js';
import {
  inputExitCode,
  linkChronology,
  linkConfigFromOptions,
  linkThreads,
  loadChronology,
  loadReported,
  protectedInputs,
  reportRunSummary,
} from '../shared.js';

export async function runValidate(files: string[], options: InputOptions & RenderCliOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const load = await loadReported(files, options, createProgress({ quiet: options.quiet }), HEAP_SHARE.reading);
  await render('validate', { load }, options);
  reportRunSummary('validate', load, options);
  return inputExitCode(load, options);
}

/** Reads `--annotations` (refused with --anonymise: annotations are free text the anonymiser does not scrub). */
async function readAnnotations(options: RenderCliOptions): Promise<AnnotationsFile | undefined> {
  if (options.annotations === undefined) return undefined;
  if (anonymises(options)) throw new UsageError('--annotations cannot be used with --anonymise: annotations are free text that is not scrubbed');
  let text: string;
  try {
    text = await readFile(options.annotations, 'utf8');
  } catch (error) {
    throw new InputError(options.annotations, `cannot read the annotations file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseAnnotations(text.replace(/^\uFEFF/, ''), options.annotations);
}

/** Attaches the annotations and warns of each annotated id that is no longer in the chronology. */
function annotate(chronology: { events: ChronologyEvent[]; persons: Person[] }, annotations: AnnotationsFile | undefined, options: RenderCliOptions & InputOptions) {
  if (annotations === undefined || options.annotations === undefined) return { ...chronology, summary: undefined };
  const applied = applyAnnotations(chronology.events, chronology.persons, annotations, options.annotations);
  if (!options.quiet) {
    for (const id of applied.summary.unknown) {
      process.stderr.write(`chronology: ${options.annotations}: ${id} is not in this chronology; its annotation stays in the file but is not shown\n`);
    }
  }
  return { ...applied };
}

/** Reads `--since`: an earlier merge or analyse JSON, which must have an events list. */
async function readPrevious(options: RenderCliOptions): Promise<PreviousOutput | undefined> {
  if (options.since === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(options.since, 'utf8');
  } catch (error) {
    throw new InputError(options.since, `cannot read the earlier output (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(options.since, 'not JSON: --since takes the JSON of an earlier merge or analyse (--format json)');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as PreviousOutput).events)) {
    throw new InputError(options.since, 'has no "events" list: --since takes the JSON of an earlier merge or analyse');
  }
  return parsed as PreviousOutput;
}

/** Marks the events against the earlier output, when there is one. */
function sinceMarks(events: ChronologyEvent[], records: readonly ChronologyRecord[], previous: PreviousOutput | undefined, options: RenderCliOptions) {
  if (previous === undefined || options.since === undefined) return { events, since: undefined };
  const { events: marked, summary } = markChanges(events, records, previous, options.since);
  return { events: marked, since: summary };
}

export async function runMerge(files: string[], options: InputOptions & LinkCliOptions & RenderCliOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const progress = createProgress({ quiet: options.quiet });
  const annotations = await readAnnotations(options);
  const previous = await readPrevious(options);
  const { load, linkage: linked, events: merged } = await loadChronology(files, options, progress);
  progress.clear();
  const annotated = annotate({ events: merged, persons: linked.persons }, annotations, options);
  const { events, since } = sinceMarks(annotated.events, load.records, previous, options);
  const linkage = { ...linked, persons: annotated.persons };
  const summary = annotated.summary;
  await render('merge', { load, linkage, events, ...(summary ? { annotations: summary } : {}), ...(since ? { since } : {}) }, options);
  reportRunSummary('merge', load, options, { persons: linkage.persons.length, events: events.length });
  return inputExitCode(load, options);
}

export async function runTimeline(files: string[], options: InputOptions & LinkCliOptions & RenderCliOptions & FilterCliOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const filter = filterFromOptions(options);
  const annotations = await readAnnotations(options);
  const previous = await readPrevious(options);
  const progress = createProgress({ quiet: options.quiet });
  const { load, linkage: linked, events: merged } = await loadChronology(files, options, progress);
  progress.clear();
  const annotated = annotate({ events: merged, persons: linked.persons }, annotations, options);
  const { events, since } = sinceMarks(annotated.events, load.records, previous, options);
  const linkage = { ...linked, persons: annotated.persons };
  const summary = annotated.summary;
  checkFilterMatches(filter, linkage.persons, events, !anonymises(options));
  const shown = shownEvents(filterEvents(events, linkage.persons, filter));
  await render('timeline', { load, linkage, events: shown, ...(summary ? { annotations: summary } : {}), ...(since ? { since } : {}) }, options);
  reportRunSummary('timeline', load, options, { persons: linkage.persons.length, events: events.length });
  return inputExitCode(load, options);
}

export async function runAnalyse(files: string[], options: AnalyseOptions): Promise<number> {
  checkRenderOptions(options, protectedInputs(files, options));
  const filter = filterFromOptions(options);
  const rules = await loadRules(options.rules);
  const annotations = await readAnnotations(options);
  const previous = await readPrevious(options);
  const progress = createProgress({ quiet: options.quiet });
  const { load, linkage: linked, events: merged } = await loadChronology(files, options, progress);
  progress.clear();
  // The analysis sees every event, excluded or not: exclusion is about what is shown.
  const annotated = annotate({ events: merged, persons: linked.persons }, annotations, options);
  const { events, since: eventChanges } = sinceMarks(annotated.events, load.records, previous, options);
  const linkage = { ...linked, persons: annotated.persons };
  const summary = annotated.summary;
  checkFilterMatches(filter, linkage.persons, events, !anonymises(options));
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
  // --since compares every analysis with the earlier one, and --annotations adds person notes, so they are all made first.
  const streamed = options.format === 'json' && !anonymises(options) && previous === undefined && annotations === undefined;
  const persons = streamed ? lazyList(shown, analysePerson) : shown.map(analysePerson);
  const since = eventChanges && previous ? { ...eventChanges, persons: analysisChanges(persons, previous) } : undefined;
  progress.clear();
  await render(
    'analyse',
    {
      load,
      linkage,
      events: shownEvents(filterEvents(events, linkage.persons, filter)),
      analysis: { persons, households: analyser.households },
      ...(summary ? { annotations: summary } : {}),
      ...(since ? { since } : {}),
    },
    options,
  );
  reportRunSummary('analyse', load, options, { persons: linkage.persons.length, events: events.length });
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
    const [a, b] = options.explain.map((ref) => findRecord(load.records, ref)) as [number, number];
    progress.stage('linking people');
    // The pair is weighed with the settings linkage settled for this input (its households and estimated priors).
    const { config } = (await linkChronology(load.records, threads, false)).linkage;
    progress.clear();
    const pair = explainPair(load.records, a, b, config, buildLinkContext(load.records, config));
    await render('pairs', { load, pairs: [pair] }, options);
    reportRunSummary('pairs', load, options);
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
  reportRunSummary('persons', load, options, { persons: chronology.linkage.persons.length, events: chronology.events.length });
  return inputExitCode(load, options);
}
