import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairMemo } from '../../src/link/memo.js';

describe('PairMemo', () => {
  it('gives back what was kept for each ordered pair, like a Map, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), fc.nat(5000), fc.integer()), { maxLength: 3000 }), (entries) => {
        const memo = new PairMemo<number>(1 << 16, 4);
        const expected = new Map<string, number>();
        for (const [a, b, value] of entries) {
          const key = `${a},${b}`;
          if (expected.has(key)) continue;
          expect(memo.get(a, b)).toBeUndefined();
          memo.set(a, b, value);
          expected.set(key, value);
        }
        for (const [key, value] of expected) {
          const [a, b] = key.split(',').map(Number) as [number, number];
          expect(memo.get(a, b)).toBe(value);
        }
      }),
    );
  });

  it('keeps (a, b) and (b, a) apart', () => {
    const memo = new PairMemo<string>();
    memo.set(3, 7, 'three-seven');
    expect(memo.get(7, 3)).toBeUndefined();
    expect(memo.get(3, 7)).toBe('three-seven');
  });

  it('empties itself rather than grow past its bound, and goes on working', () => {
    const memo = new PairMemo<number>(8, 8);
    for (let k = 0; k < 4; k++) memo.set(k, k, k);
    expect(memo.get(3, 3)).toBe(3);
    memo.set(4, 4, 4);
    expect(memo.get(0, 0)).toBeUndefined();
    expect(memo.get(4, 4)).toBe(4);
  });
});
