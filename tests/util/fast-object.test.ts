import { describe, expect, it } from 'vitest';
import { fastObject } from '../../src/util/fast-object.js';
import { hasFastProperties } from '../v8-natives.js';

function builtByComputedKeys(count: number): Record<string, string> {
  const built: Record<string, string> = {};
  for (let i = 0; i < count; i++) built[`column_${i}`] = `value ${i}`;
  return built;
}

describe('fastObject', () => {
  it('copies an object V8 made a dictionary into a fast one with the same entries in order', () => {
    const built = builtByComputedKeys(30);
    expect(hasFastProperties(built)).toBe(false);
    const fast = fastObject(built, 30);
    expect(hasFastProperties(fast)).toBe(true);
    expect(Object.entries(fast)).toEqual(Object.entries(built));
  });

  it('keeps a small object as it is', () => {
    const built = builtByComputedKeys(10);
    expect(fastObject(built, 10)).toBe(built);
    expect(hasFastProperties(built)).toBe(true);
  });
});
