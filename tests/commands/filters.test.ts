import { describe, expect, it } from 'vitest';
import { checkFilterMatches, filterFromOptions } from '../../src/commands/filters.js';
import { UsageError } from '../../src/errors.js';
import type { ChronologyEvent, Person } from '../../src/model/stages.js';

describe('filterFromOptions', () => {
  it('accepts every year, month and day of the calendar, 1799 included', () => {
    expect(filterFromOptions({ from: '1799', to: '2020-02-29' })).toMatchObject({ from: '1799', to: '2020-02-29' });
    expect(filterFromOptions({ from: '2021-03', to: '2021' })).toMatchObject({ from: '2021-03', to: '2021' });
  });

  it.each([['2020-13'], ['2020-00'], ['2020-02-30'], ['2021-02-29'], ['0000'], ['2020-1'], ['yesterday']])('refuses --from %j as a usage error', (value) => {
    expect(() => filterFromOptions({ from: value })).toThrow(UsageError);
  });

  it('refuses a --from after the --to, compared at the coarser precision', () => {
    expect(() => filterFromOptions({ from: '2021', to: '2020-12-31' })).toThrow(/--from "2021" is after --to "2020-12-31"/);
    expect(() => filterFromOptions({ from: '2021-01-01', to: '2021' })).not.toThrow();
  });

  it('names the closest type of the vocabulary', () => {
    expect(() => filterFromOptions({ type: ['Negelct'] })).toThrow('--type "Negelct" is not a type of the vocabulary; closest: "neglect"');
  });
});

describe('checkFilterMatches', () => {
  const persons = [
    { id: 'P001', name: { given: 'Lacey', family: 'Brennick' }, records: [] },
    { id: 'P002', name: { given: 'Thomas', family: 'Brennick' }, records: [] },
  ] as unknown as Person[];
  const events = [{ person: 'P001', type: 'neglect', agencies: ['Police', 'School'] }] as unknown as ChronologyEvent[];

  it('passes values that match something, whatever their case', () => {
    expect(() => checkFilterMatches({ persons: ['lacey', 'P002'], agencies: ['police'], types: ['neglect'] }, persons, events, true)).not.toThrow();
  });

  it('refuses a value that matches nothing, naming the closest', () => {
    expect(() => checkFilterMatches({ persons: ['Lacy'] }, persons, events, true)).toThrow('--person "Lacy" matches no one; closest: "Lacey Brennick (P001)"');
    expect(() => checkFilterMatches({ agencies: ['Scool'] }, persons, events, true)).toThrow('--only-agency "Scool" matches no agency of the inputs; closest: "School"');
    expect(() => checkFilterMatches({ types: ['sexual_abuse'] }, persons, events, true)).toThrow(/--type "sexual_abuse" matches no event of the inputs/);
  });

  it('offers only ids beside an anonymised report', () => {
    expect(() => checkFilterMatches({ persons: ['Lacy'] }, persons, events, false)).toThrow(/closest: "P00\d"/);
    expect(() => checkFilterMatches({ persons: ['Lacy'] }, persons, events, false)).not.toThrow(/Lacey/);
  });
});
