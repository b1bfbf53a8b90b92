import type { Command } from 'commander';
import { Option } from 'commander';
import { SORT_ORDERS } from '../render/sort-orders.js';
import {
  ANNOTATIONS_OPTION,
  SINCE_OPTION,
  DOCX_FORMAT,
  layoutOption,
  addAnonymiseOptions,
  addFilterOptions,
  addInputOptions,
  addLinkOptions,
  FAIL_ON_ALIASES,
  FAIL_ON_LEVELS,
  type FailOn,
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
  $ chronology analyse fixtures/family/*
  $ chronology analyse exports/* --format markdown -o review.md
  $ chronology analyse exports/* --format markdown --anonymise --anonymise-key key.json -o review.md
  $ chronology analyse exports/* --format html --redact redact.txt -o review.html   # anonymised, and the school and street named in redact.txt
  $ chronology analyse exports/* --person P-6BWMAN --from 2020       # the analysis of everything, the timeline of 2020 on
  $ chronology analyse exports/* --format json --fail-on marked   # exit 1 if anyone reaches it
  $ chronology analyse exports/* --rules my-rules.yaml

The filters (--person, --from, --to, --type, --only-agency, --min-severity) limit what is shown,
never what is analysed. The analysis supports professional judgement; it does not replace it.`;

export interface AnalyseOptions extends InputOptions, LinkCliOptions, RenderCliOptions, FilterCliOptions {
  rules?: string;
  failOn?: FailOn;
}

export const analyseCommand: CommandModule = {
  register(program: Command, run) {
    addAnonymiseOptions(
      addFilterOptions(
        addLinkOptions(
          addInputOptions(
            program
              .command('analyse')
              .alias('analyze')
              .description('timeline plus cumulative-harm analysis per person: five dimensions, the system pattern, strengths, indicators'),
          ),
        ),
      ),
    )
      .addOption(formatOption([...VIEW_FORMATS.analyse, DOCX_FORMAT], 'table'))
      .option(...ANNOTATIONS_OPTION)
      .option(...SINCE_OPTION)
      .addOption(layoutOption())
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--rules <file>', 'analysis rules and thresholds (YAML) instead of the bundled rules/default.yaml')
      .addOption(
        new Option('--fail-on <level>', 'exit 1 when any person reaches this indicator level (a count of findings, not a legal threshold; significant and severe still mean marked and extensive)').choices([
          ...FAIL_ON_LEVELS,
          ...Object.keys(FAIL_ON_ALIASES),
        ]),
      )
      .addOption(
        new Option('--sort <order>', 'order of people in table, markdown and html: reading (children, then level, then name), level, name or id')
          .choices([...SORT_ORDERS])
          .default('reading'),
      )
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: AnalyseOptions) =>
        run(async () => (await import('./actions/chronology.js')).runAnalyse(files, options)),
      );
  },
};
