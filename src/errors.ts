/** Exit codes (PRODUCT.md): decided here and only here. */
export const EXIT = {
  ok: 0,
  /** `--fail-on` level reached, or rejects under `--strict`. */
  findings: 1,
  usage: 2,
  /** An input could not be read at all. */
  input: 3,
  /** A bug: not a code the contract offers, so scripts can tell it apart. */
  bug: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Open files a run needs: its modules load side by side (analyse --format html ran under a limit of 128, not 96). */
export const MIN_OPEN_FILES = 128;

/** What to say when the system's limit on open files stops a run. */
export function fileLimitMessage(problem: string): string {
  return `${problem}; chronology needs at least ${MIN_OPEN_FILES} (raise it with ulimit -n ${MIN_OPEN_FILES})`;
}

/** A mistake on the command line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An input (data, profile or rules file) that cannot be used at all. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${problem}`);
  }
}

/** Quote a user's value in a message: shortened, control characters made visible. */
export function quote(value: string, max = 40): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}

/**
 * Characters that act on a terminal instead of showing: C0 controls (ESC, backspace, CR, BEL...),
 * DEL, C1 controls, and the bidirectional overrides that reorder what a reader sees.
 */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\r': '\\r', '\f': '\\f', '\v': '\\v' };

/** Control characters shown as escapes (`\u001b`, `\r`), so text from the data cannot act on a terminal. */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A message as one line of stderr: control characters and line breaks (a newline in a file name) escaped. */
export function oneLine(message: string): string {
  return visible(message).replace(/\n/g, '\\n');
}
