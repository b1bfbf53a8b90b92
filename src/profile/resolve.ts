import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InputError, quote, UsageError } from '../errors.js';
import { closestNote } from '../util/closest.js';
import { canonicalMapping, type InputMapping } from '../pipeline/mapping.js';
import { openInput } from '../read/registry.js';
import type { OpenedInput } from '../read/types.js';
import { profileMapping } from './apply.js';
import { loadProfile } from './load.js';
import { pickProfile, type Candidate } from './match.js';
import type { Profile } from './schema.js';

export interface ProfileOptions {
  /** `FILE` for every input, or `DATA=PROFILE` for one input (repeatable). */
  profile?: string[];
  /** A directory of profiles, chosen per input by each profile's `match:`. */
  profiles?: string;
  /** `NAME` for every input without a profile, or `FILE=NAME` for one input (repeatable). */
  agency?: string[];
  /** The inputs as given: a `DATA=` that names none of them is a mistake, not a no-op. */
  inputs?: readonly string[];
  /** Other spellings of an input read once (`./a.csv` beside `a.csv`): a `DATA=` may name any of them. */
  aliases?: ReadonlyMap<string, readonly string[]>;
}

export type MappingResolver = (displayPath: string) => Promise<InputMapping>;

interface LoadedProfile extends Candidate {
  profile: Profile;
}

const PROFILE_EXTENSIONS = new Set(['.yaml', '.yml']);

function readOptionsOf(profile: Profile): Candidate['readOptions'] {
  return {
    ...(profile.encoding === undefined ? {} : { encoding: profile.encoding }),
    ...(profile.delimiter === undefined ? {} : { delimiter: profile.delimiter }),
    ...(profile.title_lines === undefined ? {} : { skipLines: profile.title_lines }),
  };
}

async function loadNamed(file: string): Promise<LoadedProfile> {
  const profile = await loadProfile(file);
  return { name: basename(file), profile, ...(profile.match ? { match: profile.match } : {}), readOptions: readOptionsOf(profile) };
}

/** The profile files of a directory, in the order they are loaded: `*.yaml` and `*.yml`, by name. */
export function profileNames(names: readonly string[]): string[] {
  return names.filter((name) => PROFILE_EXTENSIONS.has(extname(name).toLowerCase())).sort();
}

async function loadDirectory(dir: string): Promise<LoadedProfile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(dir, code === 'ENOENT' ? 'profile directory not found' : code === 'ENOTDIR' ? 'not a directory of profiles' : `cannot read profile directory (${code ?? 'error'})`);
  }
  const files = profileNames(names);
  if (files.length === 0) throw new InputError(dir, 'holds no *.yaml or *.yml profiles');
  return Promise.all(files.map((name) => loadNamed(join(dir, name))));
}

/** The header a file has when read with these options, or undefined when it cannot be read so. */
async function peekHeader(displayPath: string, readOptions: Candidate['readOptions']): Promise<string[] | undefined> {
  let input: OpenedInput;
  try {
    input = await openInput(displayPath, { displayPath, ...readOptions });
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  // Pulling one row lets the reader's own cleanup close the file.
  const rows = input.rows[Symbol.asyncIterator]();
  await rows.next();
  await rows.return?.(undefined);
  return input.columns;
}

interface PerInputSyntax {
  /** The option's value for every input (`FILE`, `NAME`), for one input (`DATA=PROFILE`), and what it gives. */
  every: string;
  one: string;
  noun: string;
}

/** Splits a repeatable `VALUE` / `DATA=VALUE` option into one value for every input and one per input. */
function perInput(flag: string, values: readonly string[], inputs: readonly string[] | undefined, syntax: PerInputSyntax): { every?: string; perFile: Map<string, string> } {
  const perFile = new Map<string, string>();
  let every: string | undefined;
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals < 0) {
      if (every !== undefined) {
        throw new UsageError(`${flag} ${quote(value)}: only one ${flag} ${syntax.every} can apply to every input; use ${syntax.one} for the others`);
      }
      every = value;
      continue;
    }
    const data = value.slice(0, equals);
    const given = value.slice(equals + 1);
    if (data === '' || given === '') throw new UsageError(`${flag} ${quote(value)}: expected ${syntax.every} or ${syntax.one}`);
    if (inputs !== undefined && !inputs.includes(data)) {
      throw new UsageError(`${flag} ${quote(value)}: ${quote(data)} is not one of the input files${closestNote(data, inputs)}`);
    }
    if (perFile.has(data)) throw new UsageError(`${flag}: ${quote(data)} is given two ${syntax.noun}s`);
    perFile.set(data, given);
  }
  return { ...(every === undefined ? {} : { every }), perFile };
}

/**
 * Decides, once per run, how each input is mapped: `--profile DATA=PROFILE` for that input,
 * else `--profile FILE` for every input, else the `--profiles DIR` profile whose match fits,
 * else the canonical columns. Bad option syntax → UsageError; bad profiles → InputError.
 */
export async function createMappingResolver(options: ProfileOptions): Promise<MappingResolver> {
  const { every: everyFileName, perFile: perFileNames } = perInput('--profile', options.profile ?? [], options.inputs, { every: 'FILE', one: 'DATA=PROFILE', noun: 'profile' });
  const agencies = perInput('--agency', options.agency ?? [], options.inputs, { every: 'NAME', one: 'FILE=NAME', noun: 'agency' });
  if (everyFileName !== undefined && options.profiles !== undefined) {
    throw new UsageError('--profile FILE applies to every input, so --profiles DIR would never be used; give one of them');
  }
  const perFile = new Map<string, LoadedProfile>();
  for (const [data, profileFile] of perFileNames) perFile.set(data, await loadNamed(profileFile));
  const everyFile = everyFileName === undefined ? undefined : await loadNamed(everyFileName);
  const directory = options.profiles === undefined ? [] : await loadDirectory(options.profiles);
  // A profile names its file's agency; only --agency FILE=NAME, the more particular, overrides it.
  const mappingOf = (loaded: LoadedProfile, agency: string | undefined): InputMapping => {
    const mapping = profileMapping(loaded.profile, loaded.name);
    return agency === undefined ? mapping : { ...mapping, normaliseOptions: { ...mapping.normaliseOptions, agency } };
  };

  const spellings = (displayPath: string): string[] => [displayPath, ...(options.aliases?.get(displayPath) ?? [])];
  const forInput = <T>(map: ReadonlyMap<string, T>, displayPath: string): T | undefined =>
    spellings(displayPath).map((spelling) => map.get(spelling)).find((value) => value !== undefined);

  return async (displayPath) => {
    const ownAgency = forInput(agencies.perFile, displayPath);
    const own = forInput(perFile, displayPath) ?? everyFile;
    if (own) return mappingOf(own, ownAgency);
    const peeked = new Map<string, Promise<string[] | undefined>>();
    const chosen = await pickProfile(directory, displayPath, (readOptions) => {
      const key = JSON.stringify(readOptions);
      let header = peeked.get(key);
      if (!header) {
        header = peekHeader(displayPath, readOptions);
        peeked.set(key, header);
      }
      return header;
    });
    if (chosen) return mappingOf(chosen, ownAgency);
    const agency = ownAgency ?? agencies.every;
    return canonicalMapping(agency === undefined ? {} : { agency });
  };
}
