import { Numbering } from '../util/numbering.js';
import { identityFrom, sideMemo, type Identity, type SideMemo } from './compare.js';

/**
 * Prepared identities reduced to their raw texts, for a worker thread to prepare again. Names,
 * addresses and postcodes are shared by many identities, so each distinct text is sent once and
 * identities refer to it by number; a structured clone of the prepared objects themselves would
 * copy their memo numbering with them.
 */
export interface PackedIdentities {
  agency: string[];
  personId: (string | undefined)[];
  nhs: (string | undefined)[];
  dob: (string | undefined)[];
  given: Int32Array;
  family: Int32Array;
  address: Int32Array;
  postcode: Int32Array;
  names: (string | undefined)[];
  addresses: (string | undefined)[];
  postcodes: (string | undefined)[];
}

export function packIdentities(identities: readonly Identity[]): PackedIdentities {
  const names = new Numbering<string | undefined>();
  const addresses = new Numbering<string | undefined>();
  const postcodes = new Numbering<string | undefined>();
  const count = identities.length;
  const packed: PackedIdentities = {
    agency: new Array<string>(count),
    personId: new Array<string | undefined>(count),
    nhs: new Array<string | undefined>(count),
    dob: new Array<string | undefined>(count),
    given: new Int32Array(count),
    family: new Int32Array(count),
    address: new Int32Array(count),
    postcode: new Int32Array(count),
    names: names.values,
    addresses: addresses.values,
    postcodes: postcodes.values,
  };
  identities.forEach((identity, k) => {
    packed.agency[k] = identity.agency;
    packed.personId[k] = identity.personId;
    packed.nhs[k] = identity.nhs;
    packed.dob[k] = identity.dob;
    packed.given[k] = names.of(identity.given.raw);
    packed.family[k] = names.of(identity.family.raw);
    packed.address[k] = addresses.of(identity.address.raw);
    packed.postcode[k] = postcodes.of(identity.postcode.raw);
  });
  return packed;
}

/** The identities packIdentities was given, prepared again: equal field by field, sides shared by text as before. */
export function unpackIdentities(packed: PackedIdentities, memo: SideMemo = sideMemo()): Identity[] {
  return packed.agency.map((agency, k) =>
    identityFrom(
      {
        agency,
        personId: packed.personId[k],
        nhs: packed.nhs[k],
        dob: packed.dob[k],
        given: packed.names[packed.given[k]!],
        family: packed.names[packed.family[k]!],
        address: packed.addresses[packed.address[k]!],
        postcode: packed.postcodes[packed.postcode[k]!],
      },
      memo,
    ),
  );
}
