import type { Command } from 'commander';

/**
 * One subcommand: `register` adds it to the program with its options, help text and examples;
 * its action resolves to the exit code. Registered in src/commands/index.ts.
 */
export interface CommandModule {
  register(program: Command, run: (action: () => Promise<number>) => Promise<void>): void;
}
