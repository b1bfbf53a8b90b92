import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { buildLinkContext, explainPair } from '../link/index.js';
import type { ChronologyRecord } from '../model/record.js';
import { createProgress } from '../progress.js';
import { buildChronology } from '../pipeline/chronology.js';
import { formatsFor } from '../render/registry.js';
import { checkRenderOptions, render, type RenderCliOptions } from './render.js';
import {
  addAnonymiseOptions,
  addInputOptions,
  formatOption,
  inputExitCode,
  linkConfigFromOptions,
  loadFromOptions,
  reportFailures,
  reportNotes,
  type InputOptions,
} from './shared.js';
import type { CommandModule } from './types.js';

const EXAMPLES = `
Examples:
  $ chronology persons fixtures/family/*
  $ chronology persons exports/* --uncertain           # pairs near the threshold, for review
  $ chronology persons exports/* --explain police.csv:12 health.csv:40
  $ chronology persons exports/* --format json
  $ chronology persons exports/* --anonymise           # pseudonyms, identifiers withheld

A REF is FILE:LINE, with FILE as given on the command line (or any unambiguous end of it).`;

interface PersonsOptions extends InputOptions, RenderCliOptions {
  uncertain?: boolean;
  explain?: string[];
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

export const personsCommand: CommandModule = {
  register(program: Command, run) {
    addAnonymiseOptions(
      addInputOptions(
        program.command('persons').description('who was linked to whom across the exports, and why: field-by-field evidence'),
      ),
    )
      .addOption(formatOption(formatsFor('persons'), 'table'))
      .option('--uncertain', 'list the pairs near the match threshold, for a person to review')
      .option('--explain <ref...>', 'explain one pair of records: --explain FILE:LINE FILE:LINE')
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: PersonsOptions) =>
        run(async () => {
          checkRenderOptions(options, files);
          if (options.explain && options.explain.length !== 2) {
            throw new UsageError('--explain takes two references: --explain FILE:LINE FILE:LINE');
          }
          const progress = createProgress({ quiet: options.quiet });
          const load = await loadFromOptions(files, options, progress);
          reportFailures(load);
          reportNotes(load, options);
          const config = await linkConfigFromOptions();
          if (options.explain) {
            const [a, b] = options.explain.map((ref) => findRecord(load.records, ref)) as [number, number];
            const pair = explainPair(load.records, a, b, config, buildLinkContext(load.records, config));
            await render('pairs', { load, pairs: [pair] }, options);
            return inputExitCode(load, options);
          }
          progress.stage('linking people and merging events');
          const chronology = buildChronology(load.records, config);
          progress.clear();
          if (options.uncertain) {
            await render('pairs', { load, ...chronology, pairs: chronology.linkage.uncertain }, options);
          } else {
            await render('persons', { load, ...chronology }, options);
          }
          return inputExitCode(load, options);
        }),
      );
  },
};
