import { readFile } from 'node:fs/promises';
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { parseSettingsYaml } from '../read/yaml-settings.js';
import { ProfileSchema, validateProfile, type Profile } from './schema.js';

type Path = readonly PropertyKey[];

/** `columns.date.format` / `values.type[2].to`: the zod path as a user reads it. */
export function formatPath(path: Path): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(top level)' : text;
}

/** The deepest node on the path that the document has: a missing key is reported where its parent is. */
function nodeAt(doc: Document, path: Path, unknownKey?: string): Node | undefined {
  const keys = path.filter((p): p is string | number => typeof p !== 'symbol');
  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true);
    if (!node || typeof node !== 'object' || !('range' in node)) continue;
    if (depth === keys.length && unknownKey !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === unknownKey);
      if (pair && isScalar(pair.key)) return pair.key;
    }
    return node as Node;
  }
  return undefined;
}

function lineOf(doc: Document, counter: LineCounter, path: Path, unknownKey?: string): number | undefined {
  const start = nodeAt(doc, path, unknownKey)?.range?.[0];
  return start === undefined ? undefined : counter.linePos(start).line;
}

/**
 * A union's own message says only "one of these forms"; when exactly the value's shape fits
 * some branches (no problem at the value itself), the problem inside the closest of them is
 * the one the user needs, at its full path.
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const fitting = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
  const closest = fitting.sort((a, b) => a.length - b.length)[0]?.[0];
  return closest ? innermost({ ...closest, path: [...issue.path, ...closest.path] }) : issue;
}

/** Whether the document has a value at the path: a missing key is a required one, not a wrong one. */
function hasValue(value: unknown, path: Path): boolean {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return false;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at !== undefined && at !== null;
}

function describeIssue(outer: z.core.$ZodIssue, value: unknown): { problem: string; unknownKey?: string } {
  if (outer.code !== 'unrecognized_keys' && outer.path.length > 0 && !hasValue(value, outer.path)) return { problem: `${formatPath(outer.path)} is required` };
  const issue = innermost(outer);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const at = formatPath([...issue.path, key]);
    return { problem: `${at}: unknown key (see docs/profiles.md for the keys a profile takes)`, unknownKey: key };
  }
  return { problem: `${formatPath(issue.path)}: ${issue.message}` };
}

/**
 * Parses and validates profile text. Any problem is one InputError naming the profile file, the
 * line of the offending YAML node and the field's path.
 */
export function parseProfile(text: string, profileFile: string): Profile {
  const { doc, lineCounter: counter, value } = parseSettingsYaml(text, profileFile);
  const parsed = ProfileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) throw new InputError(profileFile, 'not a valid profile');
    const { problem, unknownKey } = describeIssue(issue, value);
    throw new InputError(profileFile, problem, lineOf(doc, counter, issue.path, unknownKey));
  }
  const extra = validateProfile(parsed.data)[0];
  if (extra) {
    throw new InputError(profileFile, `${formatPath(extra.path)}: ${extra.message}`, lineOf(doc, counter, extra.path));
  }
  return parsed.data;
}

/** Reads and validates a profile file; unreadable or malformed → InputError (exit 3). */
export async function loadProfile(profileFile: string): Promise<Profile> {
  let text: string;
  try {
    text = await readFile(profileFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'profile not found' : code === 'EISDIR' ? 'is a directory, not a profile' : `cannot read profile (${code ?? 'error'})`;
    throw new InputError(profileFile, problem);
  }
  return parseProfile(text, profileFile);
}
