import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areNicknames, parseNicknames } from '../../src/link/nicknames.js';

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
    for (const [a, b] of [['bobby', 'robert'], ['liz', 'elizabeth'], ['alfie', 'alfred'], ['jack', 'john'], ['liam', 'william'], ['peggy', 'margaret'], ['sandy', 'alexander']]) {
      expect(areNicknames(table, a!, b!), `${a}/${b}`).toBe(true);
    }
  });
});
