import type { Command } from 'commander';
import { addInputOptions, addLinkOptions, type InputOptions, type LinkCliOptions } from './options.js';
import type { CommandModule } from './types.js';

const EXAMPLES = `
Examples:
  $ chronology annotate exports/* -o annotations.yaml      # a template, or new events added to it
  $ chronology timeline exports/* --annotations annotations.yaml --format markdown

Every event and person is listed by its stable id with its date, type and agencies as a comment;
what the file already holds is kept, including annotations of ids no longer in the chronology.`;

export interface AnnotateOptions extends InputOptions, LinkCliOptions {
  output?: string;
}

export const annotateCommand: CommandModule = {
  register(program: Command, run) {
    addLinkOptions(
      addInputOptions(
        program
          .command('annotate')
          .description('write an annotations template listing every event and person, merged into an existing annotations file'),
      ),
    )
      .option('-o, --output <file>', 'the annotations file to create or add to (default: standard output)')
      .addHelpText('after', EXAMPLES)
      .action((files: string[], options: AnnotateOptions) =>
        run(async () => (await import('./actions/annotate.js')).runAnnotate(files, options)),
      );
  },
};
