import type { Indicator, Level } from './schema.js';
import type { LevelSettings } from './settings.js';

export interface LevelDecision {
  level: Level;
  reason: string;
}

function named(indicators: readonly Indicator[]): string {
  return indicators.map((i) => i.code).join(', ');
}

/** The highest level whose documented thresholds (rules file, `levels:`) the indicators reach. */
export function levelOf(
  indicators: readonly Indicator[],
  maxSeverity: number | undefined,
  settings: LevelSettings,
): LevelDecision {
  const serious = indicators.filter((i) => i.severity === 'serious');
  const concerning = indicators.filter((i) => i.severity !== 'info');
  const { emerging, significant, severe } = settings;
  if (serious.length >= severe.serious_indicators) {
    return {
      level: 'severe',
      reason: `${serious.length} serious indicators (${named(serious)}); severe from ${severe.serious_indicators}`,
    };
  }
  const companion = indicators.find((i) => i.code === severe.with_indicator);
  if (maxSeverity !== undefined && maxSeverity >= severe.max_severity && companion !== undefined) {
    return {
      level: 'severe',
      reason: `a concern of severity ${maxSeverity} together with ${companion.code}; severe from severity ${severe.max_severity} with ${severe.with_indicator}`,
    };
  }
  if (serious.length >= significant.serious_indicators) {
    return {
      level: 'significant',
      reason: `${serious.length} serious indicator${serious.length === 1 ? '' : 's'} (${named(serious)}); significant from ${significant.serious_indicators}`,
    };
  }
  if (concerning.length >= significant.concern_indicators) {
    return {
      level: 'significant',
      reason: `${concerning.length} indicators of concern (${named(concerning)}); significant from ${significant.concern_indicators}`,
    };
  }
  if (concerning.length >= emerging.concern_indicators) {
    return {
      level: 'emerging',
      reason: `${concerning.length} indicator${concerning.length === 1 ? '' : 's'} of concern (${named(concerning)}); emerging from ${emerging.concern_indicators}`,
    };
  }
  return { level: 'none', reason: 'no indicator of concern fired' };
}
