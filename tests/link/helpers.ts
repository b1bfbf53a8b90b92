import type { ChronologyRecord } from '../../src/model/record.js';
import { linkConfig, type LinkConfig, type LinkSettings } from '../../src/link/index.js';
import { loadNicknames, loadTransliterations } from '../../src/link/nicknames-file.js';

const nicknames = loadNicknames();
const transliterations = loadTransliterations();

export function config(settings: Partial<LinkSettings> = {}): LinkConfig {
  return linkConfig(nicknames, settings, transliterations);
}

export interface PersonFields {
  agency?: string;
  line?: number;
  file?: string;
  given?: string;
  family?: string;
  dob?: string;
  address?: string;
  postcode?: string;
  nhs?: string;
  personId?: string;
  /** The event date; 2021-03-04 unless given. */
  date?: string;
}

let nextLine = 2;

/** A fictional record with one contact event; only the identity fields matter to linkage. */
export function record(fields: PersonFields): ChronologyRecord {
  return {
    file: fields.file ?? `${(fields.agency ?? 'police').toLowerCase()}.csv`,
    line: fields.line ?? nextLine++,
    agency: fields.agency ?? 'police',
    ...(fields.personId === undefined ? {} : { person_id: fields.personId }),
    ...(fields.nhs === undefined ? {} : { nhs_number: fields.nhs }),
    name: {
      ...(fields.given === undefined ? {} : { given: fields.given }),
      ...(fields.family === undefined ? {} : { family: fields.family }),
    },
    ...(fields.dob === undefined ? {} : { dob: fields.dob }),
    ...(fields.address === undefined ? {} : { address: fields.address }),
    ...(fields.postcode === undefined ? {} : { postcode: fields.postcode }),
    date: fields.date ?? '2021-03-04',
    type: 'contact',
    original: {},
  };
}
