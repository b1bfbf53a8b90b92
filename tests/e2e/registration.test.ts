import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/analyse/index.js';
import { FAIL_ON_LEVELS, VIEW_FORMATS } from '../../src/commands/options.js';
import { formatsFor } from '../../src/render/registry.js';

// The registration lists are literal so that --version and --help load no renderer; they must not drift.
describe('command registration', () => {
  it('offers each command exactly the formats the render registry has for its view', () => {
    for (const [view, formats] of Object.entries(VIEW_FORMATS)) {
      expect([...formats], view).toEqual(formatsFor(view as keyof typeof VIEW_FORMATS));
    }
  });

  it('offers --fail-on every analysis level above none', () => {
    expect([...FAIL_ON_LEVELS]).toEqual(LEVELS.filter((level) => level !== 'none' && level !== 'not_assessed'));
  });
});
