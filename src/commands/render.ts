import { readFileSync } from 'node:fs';
import { anonymiseReport, type RedactTerm } from '../anonymise/index.js';
import { InputError, UsageError } from '../errors.js';
import { loadNicknames, loadTransliterations } from '../link/nicknames-file.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { safeForTerminal } from '../render/text/table.js';
import { chunkRendererFor } from '../render/registry.js';
import { reportNotes } from './shared.js';
import type { Report, View } from '../render/report.js';
import { anonymises, DOCX_FORMAT, type InputOptions, type RenderCliOptions } from './options.js';
import { writesAnything } from './shared.js';

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

/**
 * The terms of a `--redact` file: one a line, "TERM" or "TERM = REPLACEMENT"; blank lines and
 * lines starting with # are skipped.
 */
export function parseRedactTerms(text: string): RedactTerm[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf(' = ');
      return at < 0 ? { term: line } : { term: line.slice(0, at).trim(), replacement: line.slice(at + 3).trim() };
    })
    .filter((t) => t.term !== '');
}

/** Each --redact file read once, when the options are checked: a missing list fails before any input is read. */
const redactTerms = new Map<string, RedactTerm[]>();

function readRedactFile(file: string): RedactTerm[] {
  const known = redactTerms.get(file);
  if (known) return known;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read the --redact file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const terms = parseRedactTerms(text);
  redactTerms.set(file, terms);
  return terms;
}

/** Refuses, before any input is read, a key path that is an input or the report itself, and a --redact file that cannot be read. */
export function checkRenderOptions(options: RenderCliOptions, inputs: readonly string[]): void {
  checkOutputPath(options.output, inputs);
  if (options.redact !== undefined) readRedactFile(options.redact);
  if (options.excel && options.format !== 'csv') throw new UsageError('--excel applies to --format csv only');
  const key = options.anonymiseKey;
  if (key === undefined) return;
  if (key === '-') throw new UsageError('--anonymise-key needs a file: the key must never go to stdout with the report');
  checkOutputPath(key, inputs);
  if (options.output !== undefined) checkOutputPath(key, [options.output]);
}

/** Whether the output is shown on a terminal in a format other than the table, which escapes its own text. */
function toTerminal(options: RenderCliOptions): boolean {
  return (options.output === undefined || options.output === '-') && process.stdout.isTTY === true && options.format !== 'table';
}

/** Every format on a terminal shows the data's control characters escaped, as the table does. */
function* escapedForTerminal(chunks: Iterable<string>): Generator<string> {
  for (const chunk of chunks) yield safeForTerminal(chunk, false);
}

/**
 * Renders a view of the report (anonymised first when asked) to stdout or `-o FILE`, then writes
 * any key; nothing when no input could be read (an earlier output is never replaced by an empty one).
 */
export async function render(view: View, report: Report, options: RenderCliOptions & Pick<InputOptions, 'quiet'>): Promise<void> {
  if (!writesAnything(view, report.load, options.output)) return;
  const redact = options.redact === undefined ? [] : readRedactFile(options.redact);
  const anonymised = anonymises(options) ? anonymiseReport(report, loadNicknames(), { redact, transliterations: loadTransliterations() }) : undefined;
  // The notes of an anonymised run wait for the anonymiser: they may quote a value (an unmapped type, a date).
  if (anonymised && !options.quiet) reportNotes(anonymised.report.load);
  if (options.format === DOCX_FORMAT && (view === 'timeline' || view === 'analyse')) {
    const { docxDocument } = await import('../render/docx.js');
    const title = view === 'analyse' ? 'Multi-agency chronology and cumulative-harm analysis' : 'Multi-agency chronology';
    await writeOutput(await docxDocument(anonymised?.report ?? report, title, options.layout ?? 'standard'), options.output);
  } else {
    await writeText(view, anonymised?.report ?? report, options);
  }
  if (anonymised && options.anonymiseKey !== undefined) {
    await writeOutput(`${JSON.stringify(anonymised.key, null, 2)}\n`, options.anonymiseKey);
  }
}

async function writeText(view: View, report: Report, options: RenderCliOptions): Promise<void> {
  const chunks = chunkRendererFor(view, options.format)(report, {
    color: useColor(options),
    width: process.stdout.isTTY ? process.stdout.columns : NON_TTY_WIDTH,
    links: options.links === true,
    ...(options.sort === undefined ? {} : { sort: options.sort }),
  });
  const shown = toTerminal(options) ? escapedForTerminal(chunks) : chunks;
  await writeOutput(options.excel ? withBom(shown) : shown, options.output);
}
