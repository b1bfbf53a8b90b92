import { anonymiseReport } from '../anonymise/index.js';
import { UsageError } from '../errors.js';
import { loadNicknames } from '../link/nicknames-file.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { chunkRendererFor } from '../render/registry.js';
import type { Report, View } from '../render/report.js';
import type { RenderCliOptions } from './options.js';

/** Width for tables written to a pipe or file, where no terminal sets one. */
const NON_TTY_WIDTH = 160;
/** Excel reads a CSV file as UTF-8 only when it starts with a byte order mark. */
const BOM = '\uFEFF';

function* withBom(chunks: Iterable<string>): Generator<string> {
  yield BOM;
  yield* chunks;
}

/** Colour only on a terminal, never with NO_COLOR or --no-color, never into a file. */
export function useColor(options: Pick<RenderCliOptions, 'color' | 'output'>, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (options.color === false || (options.output !== undefined && options.output !== '-')) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Refuses, before any input is read, a key path that is an input or the report itself. */
export function checkRenderOptions(options: RenderCliOptions, inputs: readonly string[]): void {
  checkOutputPath(options.output, inputs);
  if (options.excel && options.format !== 'csv') throw new UsageError('--excel applies to --format csv only');
  const key = options.anonymiseKey;
  if (key === undefined) return;
  if (key === '-') throw new UsageError('--anonymise-key needs a file: the key must never go to stdout with the report');
  checkOutputPath(key, inputs);
  if (options.output !== undefined) checkOutputPath(key, [options.output]);
}

/** Whether the report is anonymised before it is rendered: --anonymise, or a key file to write. */
export function anonymises(options: Pick<RenderCliOptions, 'anonymise' | 'anonymiseKey'>): boolean {
  return options.anonymise === true || options.anonymiseKey !== undefined;
}

/** Renders a view of the report (anonymised first when asked) to stdout or `-o FILE`, then writes any key. */
export async function render(view: View, report: Report, options: RenderCliOptions): Promise<void> {
  const anonymised = anonymises(options) ? anonymiseReport(report, loadNicknames()) : undefined;
  const chunks = chunkRendererFor(view, options.format)(anonymised?.report ?? report, {
    color: useColor(options),
    width: process.stdout.isTTY ? process.stdout.columns : NON_TTY_WIDTH,
    links: options.links === true,
    ...(options.sort === undefined ? {} : { sort: options.sort }),
  });
  await writeOutput(options.excel ? withBom(chunks) : chunks, options.output);
  if (anonymised && options.anonymiseKey !== undefined) {
    await writeOutput(`${JSON.stringify(anonymised.key, null, 2)}\n`, options.anonymiseKey);
  }
}
