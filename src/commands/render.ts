import { rendererFor } from '../render/registry.js';
import type { Report, View } from '../render/report.js';
import { writeOutput } from '../output.js';

/** Width for tables written to a pipe or file, where no terminal sets one. */
const NON_TTY_WIDTH = 160;

export interface RenderCliOptions {
  format: string;
  output?: string;
  color?: boolean;
}

/** Colour only on a terminal, never with NO_COLOR or --no-color, never into a file. */
function useColor(options: RenderCliOptions): boolean {
  if (options.color === false || options.output !== undefined) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return process.stdout.isTTY === true;
}

export async function render(view: View, report: Report, options: RenderCliOptions): Promise<void> {
  const text = rendererFor(view, options.format)(report, {
    color: useColor(options),
    width: process.stdout.isTTY ? process.stdout.columns : NON_TTY_WIDTH,
  });
  await writeOutput(text, options.output);
}
