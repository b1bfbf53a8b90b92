import type { Command } from 'commander';
import { createProgress } from '../progress.js';
import { formatsFor } from '../render/registry.js';
import { checkRenderOptions, render, type RenderCliOptions } from './render.js';
import { addInputOptions, formatOption, inputExitCode, loadFromOptions, reportFailures, type InputOptions } from './shared.js';
import type { CommandModule } from './types.js';

const EXAMPLES = `
Examples:
  $ chronology validate exports/police.csv exports/health.csv
  $ chronology validate exports/* --strict            # exit 1 when any row is rejected
  $ chronology validate exports/* --format json | jq '.rejected'`;

export const validateCommand: CommandModule = {
  register(program: Command, run) {
    addInputOptions(
      program
        .command('validate')
        .description('read and validate only: per-file counts, every reject and warning with file:line'),
    )
      .addOption(formatOption(formatsFor('validate'), 'table'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & RenderCliOptions) =>
        run(async () => {
          checkRenderOptions(options, files);
          const load = await loadFromOptions(files, options, createProgress({ quiet: options.quiet }));
          reportFailures(load);
          await render('validate', { load }, options);
          return inputExitCode(load, options);
        }),
      );
  },
};
