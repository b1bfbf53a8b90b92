import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChronologyRecord, RawRow } from '../../src/model/record.js';
import { createNormaliser } from '../../src/normalise/index.js';
import { profileMapping } from '../../src/profile/apply.js';
import { draftProfile, guessDateFormat } from '../../src/profile/draft.js';
import { loadProfile, parseProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/schema.js';
import { openInput } from '../../src/read/registry.js';
import { sampleTable } from '../../src/profile/table.js';

const EXAMPLES = [
  { profile: 'police.yaml', export: 'police-occurrences.csv', titleLines: 2, date: ['Occurrence Date', 'Occurrence Time'], type: 'Incident Category' },
  { profile: 'gp.yaml', export: 'gp-appointments.csv', titleLines: 0, date: ['Appt Date'], type: 'Reason' },
  { profile: 'school.yaml', export: 'school-safeguarding-log.csv', titleLines: 0, date: ['Date of Concern'], type: 'Category' },
  { profile: 'social-care.yaml', export: 'social-care-steps.csv', titleLines: 0, date: ['Start Date'], type: 'Step Type' },
] as const;

/** The records a profile makes of an export, read by the real reader and normaliser. */
async function recordsOf(profile: Profile, file: string): Promise<{ records: ChronologyRecord[]; rejected: number }> {
  const mapping = profileMapping(profile, 'p.yaml');
  const input = await openInput(file, { displayPath: file, ...mapping.readOptions });
  const normaliser = createNormaliser(mapping.normaliseOptions);
  for await (const row of input.rows) {
    const mapped = 'reason' in row ? row : mapping.map(row as RawRow);
    if (!('skipped' in mapped)) normaliser.push(mapped);
  }
  const result = normaliser.finish();
  return { records: result.records, rejected: result.rejected.length };
}

const key = (r: ChronologyRecord): string => `${r.line}`;

describe('profile init on each bundled export', () => {
  it.each(EXAMPLES)('drafts a profile for $export that validates and maps date, name and type as the example does', async (example) => {
    const file = `fixtures/exports/${example.export}`;
    const draft = draftProfile(readFileSync(file, 'utf8'), example.export);
    const parsed = parseProfile(draft.yaml, 'draft.yaml');
    expect(parsed.title_lines ?? 0).toBe(example.titleLines);
    const date = parsed.columns.date;
    expect(typeof date === 'string' ? [date] : 'column' in date ? [date.column] : date.columns).toEqual(example.date);
    expect(parsed.columns.type).toBe(example.type);
    expect(draft.yaml).toContain('# CHECK:');

    const fromDraft = await recordsOf(parsed, file);
    const fromExample = await recordsOf(await loadProfile(`profiles/examples/${example.profile}`), file);
    expect(fromDraft.rejected).toBe(0);
    const expected = new Map(fromExample.records.map((r) => [key(r), r]));
    for (const record of fromDraft.records) {
      const reference = expected.get(key(record));
      if (!reference) continue; // a row the example profile skips on purpose
      expect(record.date).toBe(reference.date);
      expect(record.dob).toBe(reference.dob);
      expect(record.name).toEqual(reference.name);
      if (record.type !== 'other') expect(record.type).toBe(reference.type);
    }
    const typed = fromDraft.records.filter((r) => r.type !== 'other').length;
    expect(typed / fromDraft.records.length).toBeGreaterThan(0.5);
  });

  it('lists the distinct values of the type column with their counts', () => {
    const draft = draftProfile(readFileSync('fixtures/exports/police-occurrences.csv', 'utf8'), 'police-occurrences.csv');
    expect(draft.yaml).toContain('# values of "Incident Category" in the sample: "DA - High Risk" ×3, "DA - Standard Risk" ×3, "Concern for Welfare" ×2');
    expect(draft.yaml).toMatch(/# CHECK: not mapped, these land in other: "Concern for Welfare" ×2/);
  });

  it('maps a DNA/WNB status column to missed_appointment ahead of the reason', () => {
    const draft = draftProfile(readFileSync('fixtures/exports/gp-appointments.csv', 'utf8'), 'gp-appointments.csv');
    expect(draft.profile.values?.type?.[0]).toEqual({ column: 'Appt Status', equals: ['WNB', 'DNA'], to: 'missed_appointment' });
  });
});

describe('sampleTable', () => {
  it('finds the header under title lines, even when Excel pads them with delimiters', () => {
    const text = 'Force export,,,\nRun 01/02/2023,,,\n\nRef,Date,Category,Name\n1,01/02/2020,DA,A\n2,02/02/2020,DA,B\n';
    const table = sampleTable(text);
    expect(table.titleLines).toBe(3);
    expect(table.header).toEqual(['Ref', 'Date', 'Category', 'Name']);
    expect(table.rows).toHaveLength(2);
  });

  it('finds a semicolon header under one unpadded title line', () => {
    const table = sampleTable('School log\nID;Date;Type\n1;01/02/2020;neglect\n');
    expect(table).toMatchObject({ delimiter: ';', titleLines: 1, header: ['ID', 'Date', 'Type'] });
  });

  it('does not take a row of numbers and dates for the header', () => {
    const table = sampleTable('Title,,\n1,01/02/2020,3\nRef,Date,Count\n1,01/02/2020,3\n2,02/02/2020,4\n');
    expect(table.header).toEqual(['Ref', 'Date', 'Count']);
  });
});

describe('guessDateFormat', () => {
  it.each([
    [['2021-03-04', '2021-03-05T10:00'], undefined, false],
    [['13/02/2021', '01/02/2021'], 'dayfirst', false],
    [['02/13/2021', '02/01/2021'], 'monthfirst', false],
    [['01/02/2021 10:00', '03/04/2021'], 'dayfirst', true],
    [['44259', '44260'], 'excel', false],
    [['04-Mar-2021', '4 March 2021'], 'dayfirst', false],
  ] as const)('%j → %s (unsure: %s)', (values, format, unsure) => {
    const guess = guessDateFormat(values);
    expect(guess.format).toBe(format);
    expect(guess.unsure !== undefined).toBe(unsure);
  });
});

describe('draftProfile on other systems\' own columns', () => {
  const draftOf = (csv: string): Profile => parseProfile(draftProfile(csv, 'export.csv').yaml, 'draft.yaml');

  it('maps Synthea\'s columns, zone-marked times included', () => {
    const profile = draftOf(
      'Id,START,STOP,PATIENT,FIRST,LAST,BIRTHDATE,ZIP,ENCOUNTERCLASS,DESCRIPTION,REASONDESCRIPTION\n' +
        'e1,2020-03-02T09:15:00Z,2020-03-02T09:45:00Z,p1,Ffion,Carrow,2016-05-12,DN3 1AB,wellness,Well child visit,\n',
    );
    expect(profile.columns).toMatchObject({
      record_id: 'Id',
      date: 'START',
      end_date: 'STOP',
      person_id: 'PATIENT',
      given_name: 'FIRST',
      family_name: 'LAST',
      dob: 'BIRTHDATE',
      postcode: 'ZIP',
      type: 'ENCOUNTERCLASS',
      description: 'DESCRIPTION',
    });
  });

  it('reads CamelCase and Date/Time headers, and a prefixed id as the person\'s', () => {
    const profile = draftOf('OccurrenceID,ReportedDateTime,NominalSurname,NominalForename,NominalID\nOCC/1,03/02/2021 22:41,CARROW,Ffion,NOM-1\n');
    expect(profile.columns).toMatchObject({ record_id: 'OccurrenceID', family_name: 'NominalSurname', given_name: 'NominalForename', person_id: 'NominalID' });
    expect(profile.columns.date).toEqual({ column: 'ReportedDateTime', format: 'dayfirst' });
    expect(draftOf('Legal Surname,Incident Date/Time\nCarrow,08/02/2021 08:50\n').columns.date).toEqual({ column: 'Incident Date/Time', format: 'dayfirst' });
  });

  it('always writes a date: the column of dates when no header names one, with a CHECK', () => {
    const draft = draftProfile('Ref,Happened,Notes\nR1,04/03/2021,x\nR2,15/03/2021,y\n', 'export.csv');
    expect(parseProfile(draft.yaml, 'draft.yaml').columns.date).toEqual({ column: 'Happened', format: 'dayfirst' });
    expect(draft.yaml).toMatch(/# CHECK: no column is named as the date it happened; "Happened" holds dates/);
  });

  it('writes a stand-in date with a CHECK when no column holds dates, so the draft still loads', () => {
    const draft = draftProfile('Ref,Notes\nR1,x\n', 'export.csv');
    expect(parseProfile(draft.yaml, 'draft.yaml').columns.date).toBeDefined();
    expect(draft.yaml).toMatch(/# CHECK: no date column recognised: ".*" stands in/);
  });
});
