import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { EXIT, fileLimitMessage, InputError, oneLine, UsageError } from './errors.js';
import { TooLargeError } from './memory.js';
import { VERSION } from './version.js';

/**
 * One line for a bug report: the error and where it was thrown. CHRONOLOGY_DEBUG=1 gives the whole
 * stack, which never appears otherwise (error output is one line).
 */
export function bugDetail(error: unknown): string {
  if (!(error instanceof Error)) return cut(String(error));
  if (process.env.CHRONOLOGY_DEBUG === '1') return error.stack ?? error.message;
  const where = /\n\s+at (?:.*\()?(.*?)\)?$/m.exec(error.stack ?? '')?.[1];
  return `${error.name}: ${cut(error.message.split('\n')[0] ?? '')}${where ? ` (at ${where})` : ''}`;
}

/** Longest message a bug report shows: a bug's message can carry the data it was working on (a pattern built from names). */
const MAX_BUG_MESSAGE = 160;

function cut(message: string): string {
  return message.length > MAX_BUG_MESSAGE ? `${message.slice(0, MAX_BUG_MESSAGE)}…` : message;
}

function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`chronology: ${oneLine(error.message)}\n`);
    return EXIT.usage;
  }
  if (error instanceof InputError || error instanceof TooLargeError) {
    process.stderr.write(`chronology: ${oneLine(error.message)}\n`);
    return EXIT.input;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EMFILE' || code === 'ENFILE') {
    process.stderr.write(`chronology: ${fileLimitMessage(`too many open files (${code})`)}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`chronology: internal error (this is a bug, please report it): ${oneLine(bugDetail(error))}\n`);
  return EXIT.bug;
}

const EXAMPLES = `
Examples:
  $ chronology validate exports/*                          # counts, rejects and warnings per file
  $ chronology analyse exports/* --profiles profiles/      # timeline and cumulative-harm analysis
  $ chronology analyse exports/* --format html -o report.html --anonymise
  $ chronology merge exports/* --format json > merged.json
  $ chronology persons exports/* --uncertain               # pairs near the threshold or refused, and why

The analysis supports professional judgement; it does not replace it.`;

/** Runs the command line and resolves to the exit code; the only place exit codes are decided. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('chronology')
    .description(
      'Merge multi-agency safeguarding chronologies, link the people in them, and analyse the result for cumulative harm.',
    )
    .version(VERSION, '-V, --version')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (message, write) =>
        write(`chronology: ${oneLine(message.trim().replace(/^error: /, ''))} (see chronology --help)\n`),
    });

  const run = async (action: () => Promise<number>): Promise<void> => {
    try {
      exitCode = await action();
    } catch (error) {
      exitCode = reportError(error);
    }
  };
  for (const command of commands) command.register(program, run);

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error);
  }
  return exitCode;
}
