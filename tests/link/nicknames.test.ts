import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areNicknames, formalsAllowingTypo, parseNicknames } from '../../src/link/nicknames.js';

describe('parseNicknames', () => {
  it('joins names that share a formal name', () => {
    const table = parseNicknames('nickname,name\n# a comment\ntom,thomas\nTommy,Thomas\n\ncharlie,charles\ncharlie,charlotte\n');
    expect(areNicknames(table, 'tom', 'tommy')).toBe(true);
    expect(areNicknames(table, 'tom', 'thomas')).toBe(true);
    expect(areNicknames(table, 'charlie', 'charlotte')).toBe(true);
    expect(areNicknames(table, 'charles', 'charlotte')).toBe(false);
    expect(areNicknames(table, 'tom', 'charlie')).toBe(false);
  });

  it('rejects a malformed line, naming it', () => {
    expect(() => parseNicknames('nickname,name\ntom\n')).toThrow(/line 2/);
  });

  it('ships a UK list of at least 150 pairs including the common short forms', () => {
    const text = readFileSync(new URL('../../data/nicknames.csv', import.meta.url), 'utf8');
    const pairs = text.split('\n').filter((line) => line.includes(',') && !line.startsWith('#'));
    expect(pairs.length).toBeGreaterThan(150);
    const table = parseNicknames(text);
    for (const [a, b] of [['bobby', 'robert'], ['liz', 'elizabeth'], ['alfie', 'alfred'], ['jack', 'john'], ['liam', 'william'], ['peggy', 'margaret'], ['sandy', 'alexander'], ['sammy', 'samantha'], ['davey', 'david'], ['kath', 'katherine'], ['tilda', 'matilda'], ['zak', 'zachary'], ['livvy', 'olivia']]) {
      expect(areNicknames(table, a!, b!), `${a}/${b}`).toBe(true);
    }
  });

  it("keeps twins' formal names apart: a shared nickname does not join two formal names", () => {
    const table = parseNicknames(readFileSync(new URL('../../data/nicknames.csv', import.meta.url), 'utf8'));
    for (const [a, b] of [['samuel', 'samantha'], ['oliver', 'olivia'], ['charles', 'charlotte'], ['muhammad', 'mohammed']]) {
      expect(areNicknames(table, a!, b!), `${a}/${b}`).toBe(false);
    }
  });
});

describe('formalsAllowingTypo', () => {
  const table = parseNicknames('nickname,name\ntom,thomas\nthom,thomas\nnell,eleanor\njake,jacob\n');

  it('reads an unknown name of five or more letters as the listed names one edit away', () => {
    expect(formalsAllowingTypo(table, 'thoms')).toEqual(['thomas']);
    expect(formalsAllowingTypo(table, 'eleanr')).toEqual(['eleanor']);
  });

  it('takes a listed name as it is, and does not guess for short or unknown names', () => {
    expect(formalsAllowingTypo(table, 'jake')).toEqual(['jacob']);
    expect(formalsAllowingTypo(table, 'neil')).toEqual([]);
    expect(formalsAllowingTypo(table, 'priyanka')).toEqual([]);
  });
});
