import type { Command } from 'commander';
import {
  ANNOTATIONS_OPTION,
  SINCE_OPTION,
  DOCX_FORMAT,
  layoutOption,
  addAnonymiseOptions,
  addFilterOptions,
  addInputOptions,
  addLinkOptions,
  formatOption,
  VIEW_FORMATS,
  type FilterCliOptions,
  type InputOptions,
  type LinkCliOptions,
  type RenderCliOptions,
} from './options.js';
import type { CommandModule } from './types.js';

const EXAMPLES = `
Examples:
  $ chronology timeline fixtures/family/*
  $ chronology timeline exports/* --person "Jade" --from 2019 --to 2021-06
  $ chronology timeline exports/* --type neglect,missed_appointment --min-severity 3 --only-agency Police
  $ chronology timeline exports/* --format markdown --anonymise -o chronology.md
  $ chronology timeline exports/* --format csv --excel -o timeline.csv

--only-agency filters the events; --agency names the agency of input rows that name none.`;

export const timelineCommand: CommandModule = {
  register(program: Command, run) {
    addAnonymiseOptions(
      addFilterOptions(
        addLinkOptions(
          addInputOptions(
            program.command('timeline').description('the merged timeline per person, filterable by person, date range, type, agency and severity'),
          ),
        ),
      ),
    )
      .addOption(formatOption([...VIEW_FORMATS.timeline, DOCX_FORMAT], 'table'))
      .option(...ANNOTATIONS_OPTION)
      .option(...SINCE_OPTION)
      .addOption(layoutOption())
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--excel', 'with --format csv: UTF-8 with a byte order mark, so Excel reads accents right')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & LinkCliOptions & RenderCliOptions & FilterCliOptions) =>
        run(async () => (await import('./actions/chronology.js')).runTimeline(files, options)),
      );
  },
};
