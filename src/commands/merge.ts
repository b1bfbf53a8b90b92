import type { Command } from 'commander';
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
  $ chronology merge police.csv health.csv school.csv --format json > merged.json
  $ chronology merge exports/* --format csv -o merged.csv
  $ chronology merge exports/* --format csv --excel -o merged.csv   # UTF-8 with a BOM, for Excel
  $ chronology merge exports/* --anonymise --anonymise-key key.json -o merged.json
  $ chronology merge exports/* --profiles profiles/ --format yaml

Every input row appears exactly once: as a source of one event, or in "rejected" with file, line and reason.`;

export const mergeCommand: CommandModule = {
  register(program: Command, run) {
    addAnonymiseOptions(
      addInputOptions(
        program.command('merge').description('the linked, deduplicated chronology: one event per occurrence, every source kept'),
      ),
    )
      .addOption(formatOption(formatsFor('merge'), 'json'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--excel', 'with --format csv: UTF-8 with a byte order mark, so Excel reads accents right')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & RenderCliOptions) =>
        run(async () => {
          checkRenderOptions(options, files);
          const progress = createProgress({ quiet: options.quiet });
          const load = await loadFromOptions(files, options, progress);
          reportFailures(load);
          reportNotes(load, options);
          progress.stage('linking people and merging events');
          const { linkage, events } = buildChronology(load.records, await linkConfigFromOptions());
          progress.clear();
          await render('merge', { load, linkage, events }, options);
          return inputExitCode(load, options);
        }),
      );
  },
};
