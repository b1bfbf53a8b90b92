import { Option, type Command } from 'commander';
import type { SortOrder } from '../render/sort-orders.js';

/**
 * The options and help of the subcommands. Registration imports only this and commander, so that
 * `chronology --version` and `--help` start fast; each action loads its pipeline with import().
 */

/** Options every command that reads data accepts. */
export interface InputOptions {
  /** `NAME` for every input without a profile, `FILE=NAME` for one input. */
  agency?: string[];
  profile?: string[];
  profiles?: string;
  strict?: boolean;
  quiet?: boolean;
}

/** Options of the commands that link people. */
export interface LinkCliOptions {
  threads?: string;
}

export interface RenderCliOptions {
  format: string;
  annotations?: string;
  since?: string;
  /** `--layout` of `--format docx`. */
  layout?: 'standard' | 'court';
  output?: string;
  color?: boolean;
  excel?: boolean;
  anonymise?: boolean;
  anonymiseKey?: string;
  redact?: string;
  links?: boolean;
  sort?: SortOrder;
}

/** Whether the report is anonymised before it is rendered: --anonymise, a key file to write, or terms to redact. */
export function anonymises(options: Pick<RenderCliOptions, 'anonymise' | 'anonymiseKey' | 'redact'>): boolean {
  return options.anonymise === true || options.anonymiseKey !== undefined || options.redact !== undefined;
}

export interface FilterCliOptions {
  person?: string[];
  from?: string;
  to?: string;
  type?: string[];
  /** `--only-agency`: `--agency` already names the agency of input rows that name none. */
  onlyAgency?: string[];
  minSeverity?: string;
}

/** The formats each view renders, as the render registry has them (a test keeps the two equal). */
export const VIEW_FORMATS = {
  validate: ['table', 'json', 'yaml'],
  merge: ['json', 'yaml', 'csv'],
  timeline: ['table', 'json', 'yaml', 'csv', 'markdown', 'html'],
  analyse: ['table', 'json', 'yaml', 'markdown', 'html'],
  persons: ['table', 'json', 'yaml'],
} as const;

/** The indicator levels `--fail-on` accepts: the analysis LEVELS above `none` (a test keeps them equal). */
export const FAIL_ON_LEVELS = ['emerging', 'marked', 'extensive'] as const;

/** The levels' old names, still accepted by `--fail-on` so that scripts keep working. */
export const FAIL_ON_ALIASES = { significant: 'marked', severe: 'extensive' } as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number] | keyof typeof FAIL_ON_ALIASES;

/** The level a `--fail-on` value names, an old name read as its new one. */
export function failOnLevel(value: FailOn): (typeof FAIL_ON_LEVELS)[number] {
  return value in FAIL_ON_ALIASES ? FAIL_ON_ALIASES[value as keyof typeof FAIL_ON_ALIASES] : (value as (typeof FAIL_ON_LEVELS)[number]);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const collectCommaSeparated = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',')];

export function addInputOptions(command: Command): Command {
  return command
    .argument('<files...>', 'agency exports: CSV (comma, semicolon or tab) or YAML; - reads standard input')
    .option(
      '--agency <name>',
      "agency of rows that name none: NAME for every input without a profile, or FILE=NAME for one input (repeatable); else a profile's, else the file's name, with a note",
      collect,
    )
    .option('--profile <profile>', 'apply a profile to every input, or DATA=PROFILE to one input (repeatable)', collect)
    .option('--profiles <dir>', "choose a profile for each input from DIR by each profile's match:")
    .option('--strict', "exit 1 when any row was rejected; a file whose agency would come from its name is not read (exit 3)")
    .option('-q, --quiet', 'print no notes, warnings, progress or closing summary on stderr (errors are always printed)')
    .option('--no-color', 'no colour, even on a terminal');
}

/** `--threads`, for the commands that link people. */
export function addLinkOptions(command: Command): Command {
  return command.option('--threads <n>', 'threads that score candidate pairs on large inputs (default: the cores, up to 4; 1: no worker threads)');
}

/** `--anonymise` and `--anonymise-key`, for the commands whose output names people. */
export function addAnonymiseOptions(command: Command): Command {
  return command
    .option('--anonymise', 'pseudonyms for people (Child A, Mother, Adult 1), no identifiers, names replaced in free text')
    .option('--anonymise-key <file>', 'also write the key from pseudonym to person (JSON) to FILE; implies --anonymise')
    .option('--redact <file>', 'also replace the names, places and terms listed in FILE, one a line ("TERM" or "TERM = REPLACEMENT"); implies --anonymise');
}

export function addFilterOptions(command: Command): Command {
  return command
    .option('--person <id-or-name>', 'only this person: an id (P-6BWMAN) or part of a name (repeatable)', collectCommaSeparated)
    .option('--from <date>', 'only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'only events on or before DATE')
    .option('--type <type>', 'only events of these types (repeatable, or comma-separated)', collectCommaSeparated)
    .option('--only-agency <agency>', 'only events this agency knew of (repeatable, or comma-separated)', collectCommaSeparated)
    .option('--min-severity <n>', 'only events of at least this severity (1-5)');
}

/** Word output: binary, so rendered apart from the text registry (src/render/docx.ts). */
export const DOCX_FORMAT = 'docx';

/** `--layout`, with `--format docx`. */
export function layoutOption(): Option {
  return new Option('--layout <layout>', 'with --format docx: standard (the chronology with the analysis column) or court (date, event, source)')
    .choices(['standard', 'court'])
    .default('standard');
}

/** `--since PREVIOUS.json`, for the commands that show events. */
export const SINCE_OPTION = [
  '--since <file>',
  "an earlier merge or analyse JSON: mark each event new, updated or unchanged, and (analyse) say which levels and indicators changed",
] as const;

/** `--annotations FILE`, for the commands that show events. */
export const ANNOTATIONS_OPTION = [
  '--annotations <file>',
  'YAML of analysis, impact, relevance (key, context, exclude) and a note per event id, a note per person id (see `chronology annotate`)',
] as const;

export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option('-f, --format <format>', 'output format').choices([...formats]).default(fallback);
}
