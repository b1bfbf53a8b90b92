import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/analyse/index.js';
import { levelOf } from '../../src/analyse/levels.js';
import { rules } from './helpers.js';

function indicator(code: string, severity: Indicator['severity']): Indicator {
  return { code, severity, summary: '', rule: { id: code, description: '', threshold: {} }, events: [] };
}
const concern = (code: string) => indicator(code, 'concern');
const serious = (code: string) => indicator(code, 'serious');

describe('levels from the rules file', async () => {
  const settings = (await rules()).levels;

  it('is none with no indicators or only information', () => {
    expect(levelOf([], undefined, settings).level).toBe('none');
    expect(levelOf([indicator('strengths_present', 'info')], 5, settings)).toEqual({
      level: 'none',
      reason: 'no indicator of concern fired',
    });
  });

  it('is emerging from one indicator of concern up to just below marked', () => {
    expect(levelOf([concern('a')], 3, settings).level).toBe('emerging');
    expect(levelOf([concern('a'), concern('b')], 3, settings)).toEqual({
      level: 'emerging',
      reason: '2 indicators of concern (a, b); emerging from 1',
    });
  });

  it('is marked at three indicators of concern or one serious', () => {
    expect(levelOf([concern('a'), concern('b'), concern('c')], 3, settings).reason).toBe(
      '3 indicators of concern (a, b, c); marked from 3',
    );
    expect(levelOf([serious('parental_risk_factors')], 3, settings)).toEqual({
      level: 'marked',
      reason: '1 serious indicator (parental_risk_factors); marked from 1',
    });
  });

  it('is extensive at two serious indicators, or severity 5 with chronic duration', () => {
    expect(levelOf([serious('a'), serious('b')], 2, settings).level).toBe('extensive');
    expect(levelOf([concern('chronic_duration')], 5, settings).level).toBe('extensive');
    expect(levelOf([concern('chronic_duration')], 4, settings).level).toBe('emerging');
    expect(levelOf([concern('other')], 5, settings).level).toBe('emerging');
  });

  it('follows changed thresholds', () => {
    const strict = { ...settings, emerging: { concern_indicators: 2 } };
    expect(levelOf([concern('a')], 1, strict).level).toBe('none');
  });
});
