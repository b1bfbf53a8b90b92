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
