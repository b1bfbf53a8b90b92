import { describe, expect, it } from 'vitest';
import { closest, closestNote, editDistance } from '../../src/util/closest.js';

describe('closest', () => {
  it('counts a swap of two neighbours as one edit, and ignores case', () => {
    expect(editDistance('Polce', 'Police')).toBe(1);
    expect(editDistance('Ploice', 'Police')).toBe(1);
    expect(editDistance('POLICE', 'police')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('offers only the near candidates when a typo is near, else the nearest few', () => {
    expect(closest('Polce', ['Health', 'Police', 'School', 'Housing'])).toEqual(['Police']);
    expect(closest('xyz', ['b', 'a', 'c', 'd'])).toEqual(['a', 'b', 'c']);
  });

  it('puts a candidate that contains the value first', () => {
    expect(closest('Lacey', ['Lacey Brennick (P002)', 'Lucy Brown (P009)'])[0]).toBe('Lacey Brennick (P002)');
  });

  it('says nothing when there is nothing to offer', () => {
    expect(closestNote('x', [])).toBe('');
    expect(closestNote('negect', ['neglect', 'contact'])).toBe('; closest: "neglect"');
  });
});
