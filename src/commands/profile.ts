import type { Command } from 'commander';
import type { CommandModule } from './types.js';

const EXAMPLES = `
Examples:
  $ chronology profile init exports/police.csv -o profiles/police.yaml
  $ chronology profile check profiles/police.yaml exports/police.csv
  $ chronology analyse exports/police.csv --profile profiles/police.yaml
  $ chronology analyse exports/* --profiles profiles/     # each file meets the profile whose match: fits`;

export const profileCommand: CommandModule = {
  register(program: Command, run) {
    const profile = program
      .command('profile')
      .description("write and check agency profiles: YAML that maps an export's own columns and codes")
      .addHelpText('after', EXAMPLES);
    profile
      .command('init')
      .description('draft a profile from the header and a sample of rows of an export')
      .argument('<file>', 'an agency export (CSV); - reads standard input')
      .option('-o, --output <profile>', 'write the draft to PROFILE instead of stdout')
      .addHelpText('after', EXAMPLES)
      .action((file: string, options: { output?: string }) => run(async () => (await import('./actions/profile.js')).initProfile(file, options.output)));
    profile
      .command('check')
      .description('report how a profile covers an export: rows mapped and skipped, values not mapped, columns not used')
      .argument('<profile>', 'the profile (YAML)')
      .argument('<file>', 'an agency export')
      .addHelpText('after', EXAMPLES)
      .action((profileFile: string, file: string) =>
        run(async () => (await import('./actions/profile.js')).checkProfile(profileFile, file)),
      );
  },
};
