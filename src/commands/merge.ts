import type { Command } from 'commander';
import { ANNOTATIONS_OPTION, SINCE_OPTION, addAnonymiseOptions, addInputOptions, addLinkOptions, formatOption, VIEW_FORMATS, type InputOptions, type LinkCliOptions, type RenderCliOptions } from './options.js';
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
      addLinkOptions(
        addInputOptions(
          program.command('merge').description('the linked, deduplicated chronology: one event per occurrence, every source kept'),
        ),
      ),
    )
      .addOption(formatOption(VIEW_FORMATS.merge, 'json'))
      .option(...ANNOTATIONS_OPTION)
      .option(...SINCE_OPTION)
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--excel', 'with --format csv: UTF-8 with a byte order mark, so Excel reads accents right')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & LinkCliOptions & RenderCliOptions) =>
        run(async () => (await import('./actions/chronology.js')).runMerge(files, options)),
      );
  },
};
