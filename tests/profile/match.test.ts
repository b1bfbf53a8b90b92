import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { globToRegExp, pathMatchesGlob, pickProfile, type Candidate } from '../../src/profile/match.js';
import { createMappingResolver } from '../../src/profile/resolve.js';

describe('globs', () => {
  it.each([
    ['*.csv', 'police.csv', true],
    ['*.csv', 'police.yaml', false],
    ['police-*.csv', 'POLICE-2023.CSV', true],
    ['police-??.csv', 'police-23.csv', true],
    ['police-??.csv', 'police-2023.csv', false],
    ['export[0-9].csv', 'export7.csv', true],
    ['export[!0-9].csv', 'export7.csv', false],
    ['a.b(c)+.csv', 'a.b(c)+.csv', true],
    ['a.b.csv', 'aXb.csv', false],
  ])('%s against %s is %s', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });

  it('matches the file name unless the glob names folders, where ** crosses them', () => {
    expect(pathMatchesGlob('exports/2023/police.csv', '*.csv')).toBe(true);
    expect(pathMatchesGlob('exports/2023/police.csv', 'exports/*.csv')).toBe(false);
    expect(pathMatchesGlob('exports/2023/police.csv', 'exports/**/*.csv')).toBe(true);
    expect(pathMatchesGlob('./exports/police.csv', 'exports/**/*.csv')).toBe(true);
    expect(pathMatchesGlob('exports\\police.csv', 'exports/*.csv')).toBe(true);
  });
});

describe('pickProfile', () => {
  const candidate = (name: string, match?: Candidate['match'], skipLines?: number): Candidate => ({
    name,
    ...(match ? { match } : {}),
    readOptions: skipLines === undefined ? {} : { skipLines },
  });
  const headers = (byTitleLines: Record<number, string[]>) => async (options: Candidate['readOptions']) => byTitleLines[options.skipLines ?? 0];

  it('picks by required headers, compared as normalised headers', async () => {
    const police = candidate('police.yaml', { headers: ['Occurrence Date', 'Incident Category'] }, 2);
    const school = candidate('school.yaml', { headers: ['Date of Concern'] });
    const peek = headers({ 0: ['Title'], 2: ['occurrence date', 'INCIDENT-CATEGORY', 'Subject Surname'] });
    expect((await pickProfile([school, police], 'x.csv', peek))?.name).toBe('police.yaml');
  });

  it('prefers the profile that requires most headers, then the first by file name', async () => {
    const peek = headers({ 0: ['A', 'B', 'C'] });
    const broad = candidate('z-broad.yaml', { headers: ['A'] });
    const narrow = candidate('y-narrow.yaml', { headers: ['A', 'B'] });
    const twin = candidate('b-twin.yaml', { headers: ['B', 'C'] });
    expect((await pickProfile([broad, narrow, twin], 'x.csv', peek))?.name).toBe('b-twin.yaml');
    expect((await pickProfile([broad], 'x.csv', peek))?.name).toBe('z-broad.yaml');
  });

  it('needs every condition given: the glob and the headers', async () => {
    const peek = headers({ 0: ['A'] });
    const both = candidate('both.yaml', { files: ['*police*', '*occurrence*'], headers: ['A'] });
    expect((await pickProfile([both], 'exports/police.csv', peek))?.name).toBe('both.yaml');
    expect(await pickProfile([both], 'exports/health.csv', peek)).toBeUndefined();
    expect(await pickProfile([candidate('none.yaml')], 'exports/police.csv', peek)).toBeUndefined();
  });
});

describe('createMappingResolver', () => {
  async function setup(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'resolve-'));
    await mkdir(join(dir, 'profiles'));
    await writeFile(join(dir, 'profiles', 'police.yaml'), 'agency: Police\nmatch: { files: "*police*" }\ncolumns: { date: Occurrence Date }\n');
    await writeFile(join(dir, 'profiles', 'gp.yml'), 'agency: Health\nmatch: { headers: [Appt Date] }\ncolumns: { date: Appt Date }\n');
    await writeFile(join(dir, 'police.csv'), 'Occurrence Date\n01/01/2020\n');
    await writeFile(join(dir, 'gp.csv'), 'Appt Date\n01/01/2020\n');
    await writeFile(join(dir, 'plain.csv'), 'Agency,Name\nPolice,x\n');
    return dir;
  }

  it('picks each file its profile from a directory, else the canonical columns', async () => {
    const dir = await setup();
    const resolve = await createMappingResolver({ profiles: join(dir, 'profiles') });
    expect((await resolve(join(dir, 'police.csv'))).describe).toBe('profile police.yaml');
    expect((await resolve(join(dir, 'gp.csv'))).describe).toBe('profile gp.yml');
    const plain = await resolve(join(dir, 'plain.csv'));
    expect(plain.describe).toBe('canonical columns');
    expect(plain.checkColumns(['agency', 'name'])).toMatch(/missing column date/);
  });

  it('gives DATA=PROFILE to that input only, and FILE to every other', async () => {
    const dir = await setup();
    const gp = join(dir, 'gp.csv');
    const resolve = await createMappingResolver({
      profile: [`${gp}=${join(dir, 'profiles', 'gp.yml')}`, join(dir, 'profiles', 'police.yaml')],
    });
    expect((await resolve(gp)).describe).toBe('profile gp.yml');
    expect((await resolve(join(dir, 'plain.csv'))).describe).toBe('profile police.yaml');
  });

  it('refuses bad option syntax as a usage error and a bad profile as an input error', async () => {
    const dir = await setup();
    await expect(createMappingResolver({ profile: ['=x.yaml'] })).rejects.toBeInstanceOf(UsageError);
    await expect(createMappingResolver({ profile: ['a.yaml', 'b.yaml'] })).rejects.toBeInstanceOf(UsageError);
    await expect(createMappingResolver({ profile: [join(dir, 'nope.yaml')] })).rejects.toBeInstanceOf(InputError);
    await expect(createMappingResolver({ profiles: join(dir, 'nope') })).rejects.toBeInstanceOf(InputError);
  });

  it('gives --agency FILE=NAME to that input over its profile, and --agency NAME only to inputs without one', async () => {
    const dir = await setup();
    const [police, plain, gp] = ['police.csv', 'plain.csv', 'gp.csv'].map((f) => join(dir, f)) as [string, string, string];
    const resolve = await createMappingResolver({
      profiles: join(dir, 'profiles'),
      agency: [`${police}=Dunmore Police`, 'Everyone'],
      inputs: [police, plain, gp],
    });
    expect((await resolve(police)).normaliseOptions.agency).toBe('Dunmore Police');
    expect((await resolve(gp)).normaliseOptions.agency).toBe('Health');
    expect((await resolve(plain)).normaliseOptions.agency).toBe('Everyone');
  });

  it('refuses a DATA= that names no input, naming the closest input', async () => {
    const inputs = ['exports/health.csv', 'exports/police.csv'];
    await expect(createMappingResolver({ agency: ['exports/helth.csv=Health'], inputs })).rejects.toThrow(
      new UsageError('--agency "exports/helth.csv=Health": "exports/helth.csv" is not one of the input files; closest: "exports/health.csv"'),
    );
    await expect(createMappingResolver({ profile: ['exports/gp.csv=gp.yaml'], inputs })).rejects.toBeInstanceOf(UsageError);
    await expect(createMappingResolver({ agency: ['A', 'B'], inputs })).rejects.toThrow(/only one --agency NAME can apply to every input/);
  });
});
