import type { Command } from 'commander';
import { Option } from 'commander';
import { loadRules } from '../analyse/rules-file.js';
import { LEVELS, type Level } from '../analyse/index.js';
import { EXIT } from '../errors.js';
import { checkOutputPath } from '../output.js';
import { analyseChronology, buildChronology } from '../pipeline/chronology.js';
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
  $ chronology analyse fixtures/family/*
  $ chronology analyse exports/* --format markdown -o review.md
  $ chronology analyse exports/* --format json --fail-on significant   # exit 1 if anyone reaches it
  $ chronology analyse exports/* --rules my-rules.yaml

The analysis supports professional judgement; it does not replace it.`;

interface AnalyseOptions extends InputOptions, RenderCliOptions {
  rules?: string;
  failOn?: Level;
}

export const analyseCommand: CommandModule = {
  register(program: Command, run) {
    addInputOptions(
      program
        .command('analyse')
        .alias('analyze')
        .description('timeline plus cumulative-harm analysis per person: five dimensions, the system pattern, strengths, indicators'),
    )
      .addOption(formatOption(formatsFor('analyse'), 'table'))
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .option('--rules <file>', 'analysis rules and thresholds (YAML) instead of the bundled rules/default.yaml')
      .addOption(
        new Option('--fail-on <level>', 'exit 1 when any person reaches this cumulative-harm level').choices(
          LEVELS.filter((l) => l !== 'none'),
        ),
      )
      .option('--no-color', 'no colour')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: AnalyseOptions) =>
        run(async () => {
          checkOutputPath(options.output, files);
          const rules = await loadRules(options.rules);
          const load = await loadFromOptions(files, options);
          reportFailures(load);
          reportNotes(load, options);
          const chronology = buildChronology(load.records, await linkConfigFromOptions());
          const analysis = analyseChronology(load.records, chronology, rules);
          await render('analyse', { load, ...chronology, analysis }, options);
          const inputCode = inputExitCode(load, options);
          if (inputCode !== EXIT.ok) return inputCode;
          const threshold = options.failOn ? LEVELS.indexOf(options.failOn) : -1;
          const reached = threshold >= 0 && analysis.persons.some((p) => LEVELS.indexOf(p.level) >= threshold);
          return reached ? EXIT.findings : EXIT.ok;
        }),
      );
  },
};
