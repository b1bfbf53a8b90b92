import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityOf, sideMemo } from '../../src/link/compare.js';
import { packIdentities, unpackIdentities } from '../../src/link/packed.js';
import { record } from './helpers.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const fieldsArb = fc.record({
  agency: fc.constantFrom('police', 'health', 'school'),
  given: maybe(fc.constantFrom('Tom', 'Thomas', 'Siân', 'O’Brien', 'Grace Ann', '')),
  family: maybe(fc.constantFrom('Smith', 'Adeyemi-Cole', 'PRYCE', 'Begum')),
  dob: maybe(fc.constantFrom('2014-12-25', '2014-12', '2014', '2015-03-04')),
  address: maybe(fc.constantFrom('12 Elm Road, Leeds', '12 ELM RD', 'Flat 3, 4 Ash Street')),
  postcode: maybe(fc.constantFrom('LS6 1AA', 'ls61aa', 'LS6 2BB', 'M1 1AE')),
  nhs: maybe(fc.constantFrom('9434765919', '9434765870')),
  personId: maybe(fc.constantFrom('A1', 'B2')),
});

describe('packIdentities', () => {
  it('unpacks to identities equal field by field, sharing a side wherever the originals shared it', () => {
    fc.assert(
      fc.property(fc.array(fieldsArb, { maxLength: 30 }), (people) => {
        const memo = sideMemo();
        const identities = people.map((fields) => identityOf(record(fields), memo));
        const unpacked = unpackIdentities(structuredClone(packIdentities(identities)));
        expect(unpacked).toEqual(identities);
        for (let i = 0; i < identities.length; i++) {
          for (let j = 0; j < identities.length; j++) {
            expect(unpacked[i]!.address === unpacked[j]!.address).toBe(identities[i]!.address === identities[j]!.address);
            expect(unpacked[i]!.given === unpacked[j]!.family).toBe(identities[i]!.given === identities[j]!.family);
          }
        }
      }),
    );
  });
});
