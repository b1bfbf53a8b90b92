import type { Command } from 'commander';
import { Option } from 'commander';
import { loadRules } from '../analyse/rules-file.js';
import { LEVELS, type Level } from '../analyse/index.js';
import { EXIT } from '../errors.js';
import { analyseChronology, buildChronology } from '../pipeline/chronology.js';
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
  $ chronology analyse fixtures/family/*
  $ chronology analyse exports/* --format markdown -o review.md
  $ chronology analyse exports/* --format markdown --anonymise --anonymise-key key.json -o review.md
  $ chronology analyse exports/* --person P002 --from 2020        # the analysis of everything, the timeline of 2020 on
  $ chronology analyse exports/* --format json --fail-on significant   # exit 1 if anyone reaches it
  $ chronology analyse exports/* --rules my-rules.yaml

The filters (--person, --from, --to, --type, --only-agency, --min-severity) limit what is shown,
never what is analysed. The analysis supports professional judgement; it does not replace it.`;

interface AnalyseOptions extends InputOptions, RenderCliOptions, FilterCliOptions {
  rules?: string;
  failOn?: Level;
}

export const analyseCommand: CommandModule = {
  register(program: Command, run) {
    addAnonymiseOptions(
      addFilterOptions(
        addInputOptions(
          program
            .command('analyse')
            .alias('analyze')
            .description('timeline plus cumulative-harm analysis per person: five dimensions, the system pattern, strengths, indicators'),
        ),
      ),
    )
      .addOption(formatOption(formatsFor('analyse'), 'table'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--rules <file>', 'analysis rules and thresholds (YAML) instead of the bundled rules/default.yaml')
      .addOption(
        new Option('--fail-on <level>', 'exit 1 when any person reaches this cumulative-harm level').choices(
          LEVELS.filter((l) => l !== 'none'),
        ),
      )
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: AnalyseOptions) =>
        run(async () => {
          checkRenderOptions(options, files);
          const filter = filterFromOptions(options);
          const rules = await loadRules(options.rules);
          const progress = createProgress({ quiet: options.quiet });
          const load = await loadFromOptions(files, options, progress);
          reportFailures(load);
          reportNotes(load, options);
          progress.stage('linking people and merging events');
          const chronology = buildChronology(load.records, await linkConfigFromOptions());
          progress.stage('analysing');
          const analysis = analyseChronology(load.records, chronology, rules);
          progress.clear();
          const { linkage, events } = chronology;
          const shownPersons = filter.persons?.length
            ? new Set(filterEvents(events, linkage.persons, { persons: filter.persons }).map((e) => e.person))
            : undefined;
          await render(
            'analyse',
            {
              load,
              linkage,
              events: filterEvents(events, linkage.persons, filter),
              analysis: shownPersons ? { ...analysis, persons: analysis.persons.filter((p) => shownPersons.has(p.id)) } : analysis,
            },
            options,
          );
          const inputCode = inputExitCode(load, options);
          if (inputCode !== EXIT.ok) return inputCode;
          const threshold = options.failOn ? LEVELS.indexOf(options.failOn) : -1;
          const reached = threshold >= 0 && analysis.persons.some((p) => LEVELS.indexOf(p.level) >= threshold);
          return reached ? EXIT.findings : EXIT.ok;
        }),
      );
  },
};
