import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/index.js';
import { loadRules } from '../../src/analyse/rules-file.js';
import type { RuleSet } from '../../src/analyse/rules-schema.js';
import { anonymiseReport } from '../../src/anonymise/index.js';
import { linkConfig } from '../../src/link/index.js';
import { loadNicknames } from '../../src/link/nicknames-file.js';
import { buildChronology } from '../../src/pipeline/chronology.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { createMappingResolver } from '../../src/profile/resolve.js';
import { formatsFor, rendererFor } from '../../src/render/registry.js';
import type { Report, View } from '../../src/render/report.js';

/** A generated identity, its variants written into records through the real reader, and every rendering of them searched. */
interface Identity {
  given: string;
  family: string;
  dob: { y: number; m: number; d: number };
  nhs: string;
  postcode: [string, string];
  house: number;
  street: string;
  streetType: readonly [string, string];
  town: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINAL = (n: number): string => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
const pad = (n: number): string => String(n).padStart(2, '0');
const FULL_WIDTH = (s: string): string => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Names of three consonant-vowel syllables from letters English rarely joins so: never a word of the tool's own. */
const invented = fc
  .tuple(...[0, 1, 2].map(() => fc.tuple(fc.constantFrom(...'bdgkpvz'), fc.constantFrom(...'aiou'))))
  .map((syllables) => syllables.map(([c, v]) => c + v).join(''))
  .map((name) => name[0]!.toUpperCase() + name.slice(1));
const withAccent = fc.tuple(invented, fc.boolean()).map(([name, accent]) => (accent ? name.replace(/a/, 'á').replace(/u/, 'û') : name));
const ORDINARY_GIVEN = ['Will', 'May', 'Rose', 'Hope', 'Summer'];

const nhsNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((digits) => {
  const check = 11 - (digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11);
  return check === 10 ? undefined : digits.join('') + String(check === 11 ? 0 : check);
});

const identityArb: fc.Arbitrary<Identity> = fc
  .record({
    given: fc.oneof(withAccent, fc.constantFrom(...ORDINARY_GIVEN)),
    family: withAccent,
    dob: fc.record({ y: fc.integer({ min: 1950, max: 2019 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }),
    nhs: nhsNumber.filter((n): n is string => n !== undefined),
    postcode: fc.tuple(
      fc.tuple(fc.constantFrom('B', 'DN', 'LS', 'WF', 'M'), fc.integer({ min: 1, max: 29 })).map(([a, n]) => `${a}${n}`),
      fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ'), fc.constantFrom(...'ABDEFGHJLNPQRSTUWXYZ')).map((p) => p.join('')),
    ),
    house: fc.integer({ min: 1, max: 200 }),
    street: invented,
    streetType: fc.constantFrom(['Close', 'Cl'], ['Road', 'Rd'], ['Street', 'St'], ['Avenue', 'Ave']),
    town: invented,
  })
  .filter((i) => i.family !== i.given);

/** Every way the records below write the identity: names, dates of birth, NHS numbers, postcodes and addresses. */
function variants(i: Identity): string[] {
  const [G, F] = [i.given, i.family];
  const [g, f] = [G, F].map((s) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')) as [string, string];
  const { y, m, d } = i.dob;
  const month = MONTHS[m - 1]!;
  const nhs = i.nhs;
  return [
    `${G} ${F}`, `${F.toUpperCase()}, ${G}`, `${G[0]}. ${F}`, `${F} ${G[0]}`, `${G}'s`, `the ${F}s`, `${F.slice(0, 2)}\u200b${F.slice(2)}`,
    FULL_WIDTH(`${G} ${F}`), `${g}.${f}@example.org`, `${g[0]}${f}${y}@mail.co.uk`, `#${G}${F}`, `${g}_${f}`, `@${g}${f}`, `${g}${f}${y % 100}`,
    `${pad(d)}/${pad(m)}/${y}`, `${d}/${m}/${String(y).slice(2)}`, `${d}.${m}.${String(y).slice(2)}`, `${y}-${pad(m)}-${pad(d)}`,
    `born on the ${ORDINAL(d)} of ${month} ${y}`, `${ORDINAL(d)} ${month} ${y}`, `${month} ${d}, ${y}`, `${month.slice(0, 3)} ${d} ${y}`,
    `${pad(d)}${pad(m)}${y}`, `${y}${pad(m)}${pad(d)}`, `${pad(d)}-${month.slice(0, 3)}-${y}`,
    `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`, `${nhs.slice(0, 3)}.${nhs.slice(3, 6)}.${nhs.slice(6)}`,
    `${nhs.slice(0, 4)} ${nhs.slice(4, 7)} ${nhs.slice(7)}`, nhs, FULL_WIDTH(nhs), `${nhs.slice(0, 3)}\u00a0${nhs.slice(3, 6)}\u00a0${nhs.slice(6)}`,
    `${i.postcode[0]}  ${i.postcode[1]}`, `${i.postcode[0]}-${i.postcode[1]}`, i.postcode.join(''), i.postcode.join(' ').toLowerCase(),
    `${i.house} ${i.street} ${i.streetType[1]}`, `${i.street} ${i.streetType[0]}`,
  ];
}

const csvCell = (value: string): string => `"${value.replace(/"/g, '""')}"`;

function recordsCsv(i: Identity, written: readonly string[]): string {
  const { y, m, d } = i.dob;
  const half = Math.ceil(written.length / 2);
  const row = (line: number, text: string) =>
    [
      'Police', `R-${line}`, 'P-1', i.nhs, i.given, i.family, `${pad(d)}/${pad(m)}/${y}`,
      `${i.house} ${i.street} ${i.streetType[0]}, ${i.town}`, i.postcode.join(' '), `0${line}/03/2021`, 'neglect', '2', `${i.given} ${i.family}`,
      text,
    ].map(csvCell).join(',');
  return [
    'agency,record_id,person_id,nhs_number,given_name,family_name,dob,address,postcode,date,type,severity,source,description',
    row(1, written.slice(0, half).join('; ')),
    row(2, written.slice(half).join('; ')),
  ].join('\n');
}

function fold(text: string): string {
  return text.replace(/&#39;/g, "'").replace(/&amp;/g, '&').normalize('NFKC').replace(/\p{Cf}/gu, '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What of the identity an output still shows. */
function survivors(i: Identity, output: string): string[] {
  const folded = fold(output);
  const written = output.normalize('NFKC').replace(/\p{Cf}/gu, '');
  const { y, m, d } = i.dob;
  const month = MONTHS[m - 1]!.toLowerCase();
  const found: string[] = [];
  for (const name of [i.given, i.family, i.street]) {
    if (ORDINARY_GIVEN.includes(name)) {
      if (new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])${name === 'May' ? '(?! \\d{4})' : ''}`, 'u').test(written)) found.push(name);
    } else if (folded.includes(fold(name))) found.push(name);
  }
  const digits = (s: string) => new RegExp(`(?<!\\d)${[...s].map(escape).join('[\\s.\\-]*')}(?!\\d)`);
  if (digits(i.nhs).test(folded)) found.push(i.nhs);
  if (new RegExp(`${i.postcode[0].toLowerCase()}[\\s.\\-]*${i.postcode[1].toLowerCase()}`).test(folded)) found.push(i.postcode.join(' '));
  const dobForms = [
    `${pad(d)}/${pad(m)}/${y}`, `${d}/${m}/${y % 100}`, `${d}.${m}.${pad(y % 100)}`, `${y}-${pad(m)}-${pad(d)}`, `${ORDINAL(d)} of ${month} ${y}`,
    `${ORDINAL(d)} ${month} ${y}`, `${month} ${d}, ${y}`, `${month.slice(0, 3)} ${d} ${y}`, `${pad(d)}${pad(m)}${y}`, `${y}${pad(m)}${pad(d)}`,
    `${pad(d)}-${month.slice(0, 3)}-${y}`,
  ];
  for (const form of dobForms) if (new RegExp(`(?<![\\d.])${escape(form)}(?![\\d]|\\.\\d)`).test(folded)) found.push(form);
  return found;
}

const VIEWS: View[] = ['merge', 'persons', 'timeline', 'analyse'];
const OPTIONS = { color: false, width: 160 };

let folder: string;
let rules: RuleSet;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'chronology-identity-'));
  rules = await loadRules();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function reportOf(csv: string): Promise<Report> {
  const file = join(folder, 'identity.csv');
  writeFileSync(file, csv);
  const load = await loadInputs([file], await createMappingResolver({}));
  const chronology = buildChronology(load.records, linkConfig(loadNicknames()));
  const analysis = analyse({ records: load.records, persons: chronology.linkage.persons, events: chronology.events }, rules);
  return { load, ...chronology, analysis };
}

describe('anonymising a generated identity', () => {
  it('leaves none of its variants in any format of any command', async () => {
    await fc.assert(
      fc.asyncProperty(identityArb, fc.integer({ min: 1, max: 1_000_000 }), async (identity, shuffle) => {
        const written = variants(identity).sort((a, b) => ((a.length * shuffle) % 7) - ((b.length * shuffle) % 7));
        const report = await reportOf(recordsCsv(identity, written));
        expect(report.load.records).toHaveLength(2);
        // The records hold every variant, so the search is not vacuous.
        const plain = rendererFor('merge', 'json')(report, OPTIONS);
        expect(survivors(identity, plain).length).toBeGreaterThan(10);
        const anonymised = anonymiseReport(report, loadNicknames()).report;
        for (const view of VIEWS) {
          for (const format of formatsFor(view)) {
            const output = rendererFor(view, format)(anonymised, OPTIONS);
            expect(survivors(identity, output), `${view} --format ${format}`).toEqual([]);
          }
        }
      }),
      { seed: Number(process.env.FC_SEED ?? 18), numRuns: Number(process.env.FC_NUM_RUNS ?? 60) },
    );
  });
});
