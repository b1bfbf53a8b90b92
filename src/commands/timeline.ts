import type { Command } from 'commander';
import { buildChronology } from '../pipeline/chronology.js';
import { filterEvents } from '../pipeline/filter.js';
import { createProgress } from '../progress.js';
import { formatsFor } from '../render/registry.js';
import { addFilterOptions, filterFromOptions, type FilterCliOptions } from './filters.js';
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
        addInputOptions(
          program.command('timeline').description('the merged timeline per person, filterable by person, date range, type, agency and severity'),
        ),
      ),
    )
      .addOption(formatOption(formatsFor('timeline'), 'table'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--excel', 'with --format csv: UTF-8 with a byte order mark, so Excel reads accents right')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: InputOptions & RenderCliOptions & FilterCliOptions) =>
        run(async () => {
          checkRenderOptions(options, files);
          const filter = filterFromOptions(options);
          const progress = createProgress({ quiet: options.quiet });
          const load = await loadFromOptions(files, options, progress);
          reportFailures(load);
          reportNotes(load, options);
          progress.stage('linking people and merging events');
          const { linkage, events } = buildChronology(load.records, await linkConfigFromOptions());
          progress.clear();
          await render('timeline', { load, linkage, events: filterEvents(events, linkage.persons, filter) }, options);
          return inputExitCode(load, options);
        }),
      );
  },
};
