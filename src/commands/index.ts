import { analyseCommand } from './analyse.js';
import { annotateCommand } from './annotate.js';
import { mergeCommand } from './merge.js';
import { personsCommand } from './persons.js';
import { profileCommand } from './profile.js';
import { timelineCommand } from './timeline.js';
import { validateCommand } from './validate.js';
import type { CommandModule } from './types.js';

/** The subcommands, in the order `--help` lists them. */
export const commands: readonly CommandModule[] = [
  validateCommand,
  mergeCommand,
  personsCommand,
  timelineCommand,
  analyseCommand,
  annotateCommand,
  profileCommand,
];
