import type { Command } from 'commander';
import { addAnonymiseOptions, addInputOptions, addLinkOptions, formatOption, VIEW_FORMATS, type InputOptions, type LinkCliOptions, type RenderCliOptions } from './options.js';
import type { CommandModule } from './types.js';

const EXAMPLES = `
Examples:
  $ chronology persons fixtures/family/*
  $ chronology persons fixtures/family/* --links       # each link field by field
  $ chronology persons exports/* --uncertain           # pairs near the threshold or refused, and why
  $ chronology persons exports/* --explain police.csv:12 health.csv:40
  $ chronology persons exports/* --format json
  $ chronology persons exports/* --anonymise           # pseudonyms, identifiers withheld

A REF is FILE:LINE, with FILE as given on the command line (or any unambiguous end of it).`;

export interface PersonsOptions extends InputOptions, LinkCliOptions, RenderCliOptions {
  uncertain?: boolean;
  explain?: string[];
}

export const personsCommand: CommandModule = {
  register(program: Command, run) {
    addAnonymiseOptions(
      addLinkOptions(
        addInputOptions(
          program.command('persons').description('who was linked to whom across the exports, and why: field-by-field evidence'),
        ),
      ),
    )
      .addOption(formatOption(VIEW_FORMATS.persons, 'table'))
      .option('--links', 'with the table: every link of each person field by field (the weight waterfall), not only a summary')
      .option('--uncertain', 'list the persons by their weakest link, then the pairs near the match threshold or refused by clustering, with the reason, for a person to review')
      .option('--explain <ref...>', 'explain one pair of records: --explain FILE:LINE FILE:LINE')
      .option('-o, --output <file>', 'write to FILE instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: PersonsOptions) =>
        run(async () => (await import('./actions/chronology.js')).runPersons(files, options)),
      );
  },
};
