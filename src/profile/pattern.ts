import { RE2JS } from 're2js';

/**
 * Regular expressions from profiles (value maps, skip rules, `match.files` globs) run on RE2JS, a
 * pure-JavaScript port of RE2: matching takes time linear in the value, so no pattern a profile
 * holds (`^(a+)+$`, `(a|aa)+$`) can hang a run on a hostile cell. RE2 has no lookaround or
 * backreferences; a pattern using them is refused when the profile is loaded.
 */
export interface Pattern {
  /** Whether the pattern matches anywhere in the value, as RegExp.prototype.test does. */
  test(value: string): boolean;
}

/** A pattern compiled for linear-time matching; throws with RE2's reason when it cannot be. */
export function compilePattern(source: string, ignoreCase: boolean): Pattern {
  return RE2JS.compile(RE2JS.translateRegExp(source), ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
}

/** Why a profile's pattern cannot be used, or undefined when it can. */
export function patternProblem(source: string): string | undefined {
  try {
    compilePattern(source, false);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return `invalid regular expression ${JSON.stringify(source)}: ${reason} (patterns run in linear time, so lookaround and backreferences are not supported)`;
  }
}
