import type { Command } from 'commander';
import { checkOutputPath } from '../output.js';
import { buildChronology } from '../pipeline/chronology.js';
import { filterEvents } from '../pipeline/filter.js';
import { formatsFor } from '../render/registry.js';
import { addFilterOptions, filterFromOptions, type FilterCliOptions } from './filters.js';
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
  $ chronology timeline fixtures/family/*
  $ chronology timeline exports/* --person "Jade" --from 2019 --to 2021-06
  $ chronology timeline exports/* --type neglect,missed_appointment --min-severity 3
  $ chronology timeline exports/* --format json`;

export const timelineCommand: CommandModule = {
  register(program: Command, run) {
    addFilterOptions(
      addInputOptions(
        program.command('timeline').description('the merged timeline per person, filterable by person, date range and type'),
      ),
    )
      .addOption(formatOption(formatsFor('timeline'), 'table'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--no-color', 'no colour')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & RenderCliOptions & FilterCliOptions) =>
        run(async () => {
          checkOutputPath(options.output, files);
          const filter = filterFromOptions(options);
          const load = await loadFromOptions(files, options);
          reportFailures(load);
          reportNotes(load, options);
          const { linkage, events } = buildChronology(load.records, await linkConfigFromOptions());
          await render('timeline', { load, linkage, events: filterEvents(events, linkage.persons, filter) }, options);
          return inputExitCode(load, options);
        }),
      );
  },
};
