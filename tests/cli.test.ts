import { describe, expect, it } from 'vitest';
import { bugDetail } from '../src/cli.js';

describe('bugDetail', () => {
  it('names the error and cuts a long message short, so data a bug was working on is not printed', () => {
    const names = Array.from({ length: 500 }, (_, index) => `Name${index}`).join('|');
    const detail = bugDetail(new SyntaxError(`Invalid regular expression: /(?:${names})/: Regular expression too large`));
    expect(detail).toMatch(/^SyntaxError: Invalid regular expression: \/\(\?:Name0\|Name1\|/);
    expect(detail).not.toContain('Name499');
    expect(detail.length).toBeLessThan(400);
  });

  it('keeps a short message whole', () => {
    expect(bugDetail(new TypeError('x is undefined'))).toMatch(/^TypeError: x is undefined( \(at .*\))?$/);
  });
});
