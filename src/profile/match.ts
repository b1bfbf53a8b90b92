import { normaliseHeader } from '../model/vocabulary.js';
import type { ReadOptions } from '../read/types.js';
import { compilePattern, type Pattern } from './pattern.js';
import type { MatchSpec } from './schema.js';

const SPECIAL = /[.+^${}()|\\]/;

/**
 * A glob as a regular expression: `*` and `?` stay within one path segment, `**` crosses
 * segments, `[abc]`/`[!abc]` are character classes. Case is ignored, as file systems users
 * export to (Windows) do.
 */
export function globToRegExp(glob: string): Pattern {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] ?? '';
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i += 1;
        if (glob[i + 1] === '/') {
          i += 1;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        const body = glob.slice(i + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
        source += `[${negated ? '^' : ''}${members}]`;
        i = close;
      }
    } else source += SPECIAL.test(c) ? `\\${c}` : c;
  }
  // Linear-time matching: `*a*a*a*b` as a backtracking RegExp hangs on a long file name.
  return compilePattern(`^${source}$`, true);
}

/** Whether a path as given matches a glob: against the file name, or the whole path when the glob has a `/`. */
export function pathMatchesGlob(displayPath: string, glob: string): boolean {
  const path = displayPath.replace(/\\/g, '/');
  const subject = glob.includes('/') ? path.replace(/^\.\//, '') : (path.split('/').pop() ?? path);
  return globToRegExp(glob).test(subject);
}

/** A profile loaded from a directory, ready to be matched against files. */
export interface Candidate {
  /** The profile's file name, which breaks ties. */
  name: string;
  match?: MatchSpec;
  readOptions: Pick<ReadOptions, 'encoding' | 'delimiter' | 'skipLines'>;
}

/** Reads a file's header as a profile would read it (its title lines, encoding and delimiter). */
export type HeaderPeek = (readOptions: Candidate['readOptions']) => Promise<readonly string[] | undefined>;

/**
 * The candidate whose match fits the file: every condition it gives must hold. Among several,
 * the one requiring most headers wins, then the first by file name. Candidates without a
 * `match` are never chosen.
 */
export async function pickProfile<C extends Candidate>(
  candidates: readonly C[],
  displayPath: string,
  peekHeaders: HeaderPeek,
): Promise<C | undefined> {
  const fitting: C[] = [];
  for (const candidate of candidates) {
    const match = candidate.match;
    if (!match || (match.files === undefined && match.headers === undefined)) continue;
    if (match.files !== undefined) {
      const globs = Array.isArray(match.files) ? match.files : [match.files];
      if (!globs.some((glob) => pathMatchesGlob(displayPath, glob))) continue;
    }
    if (match.headers !== undefined) {
      const headers = await peekHeaders(candidate.readOptions);
      if (!headers) continue;
      const present = new Set(headers.map(normaliseHeader));
      if (!match.headers.every((h) => present.has(normaliseHeader(h)))) continue;
    }
    fitting.push(candidate);
  }
  const specificity = (c: C): number => c.match?.headers?.length ?? 0;
  fitting.sort((a, b) => specificity(b) - specificity(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return fitting[0];
}
