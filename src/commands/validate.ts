import type { Command } from 'commander';
import { addInputOptions, formatOption, VIEW_FORMATS, type InputOptions, type RenderCliOptions } from './options.js';
import type { CommandModule } from './types.js';

const EXAMPLES = `
Examples:
  $ chronology validate exports/police.csv exports/health.csv
  $ chronology validate exports/* --strict            # exit 1 when any row is rejected
  $ chronology validate exports/* --format json | jq '.rejected'
  $ chronology validate exports/gp.csv --agency exports/gp.csv=Health   # a file with no agency column
  $ unzip -p exports.zip police.csv | chronology validate -             # - reads standard input`;

export const validateCommand: CommandModule = {
  register(program: Command, run) {
    addInputOptions(
      program
        .command('validate')
        .description('read and validate only: per-file counts, every reject and warning with file:line'),
    )
      .addOption(formatOption(VIEW_FORMATS.validate, 'table'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & RenderCliOptions) =>
        run(async () => (await import('./actions/chronology.js')).runValidate(files, options)),
      );
  },
};
