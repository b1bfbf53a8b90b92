import type { Command } from 'commander';
import { checkOutputPath } from '../output.js';
import { buildChronology } from '../pipeline/chronology.js';
import { formatsFor } from '../render/registry.js';
import { render, type RenderCliOptions } from './render.js';
import {
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
  $ chronology merge exports/* --profiles profiles/ --format yaml

Every input row appears exactly once: as a source of one event, or in "rejected" with file, line and reason.`;

export const mergeCommand: CommandModule = {
  register(program: Command, run) {
    addInputOptions(
      program.command('merge').description('the linked, deduplicated chronology: one event per occurrence, every source kept'),
    )
      .addOption(formatOption(formatsFor('merge'), 'json'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & RenderCliOptions) =>
        run(async () => {
          checkOutputPath(options.output, files);
          const load = await loadFromOptions(files, options);
          reportFailures(load);
          reportNotes(load, options);
          const { linkage, events } = buildChronology(load.records, await linkConfigFromOptions());
          await render('merge', { load, linkage, events }, options);
          return inputExitCode(load, options);
        }),
      );
  },
};
