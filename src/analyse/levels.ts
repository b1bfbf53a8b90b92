import type { Indicator, Level } from './schema.js';
import type { LevelSettings } from './settings.js';

export interface LevelDecision {
  level: Level;
  reason: string;
}

function named(indicators: readonly Indicator[]): string {
  return indicators.map((i) => i.code).join(', ');
}

/** The highest level whose documented thresholds (rules file, `levels:`) the indicators reach: a count of findings, not a legal threshold. */
export function levelOf(
  indicators: readonly Indicator[],
  maxSeverity: number | undefined,
  settings: LevelSettings,
): LevelDecision {
  const serious = indicators.filter((i) => i.severity === 'serious');
  const concerning = indicators.filter((i) => i.severity !== 'info');
  const { emerging, marked, extensive } = settings;
  if (serious.length >= extensive.serious_indicators) {
    return {
      level: 'extensive',
      reason: `${serious.length} serious indicators (${named(serious)}); extensive from ${extensive.serious_indicators}`,
    };
  }
  const companion = indicators.find((i) => i.code === extensive.with_indicator);
  if (maxSeverity !== undefined && maxSeverity >= extensive.max_severity && companion !== undefined) {
    return {
      level: 'extensive',
      reason: `a concern of severity ${maxSeverity} together with ${companion.code}; extensive from severity ${extensive.max_severity} with ${extensive.with_indicator}`,
    };
  }
  if (serious.length >= marked.serious_indicators) {
    return {
      level: 'marked',
      reason: `${serious.length} serious indicator${serious.length === 1 ? '' : 's'} (${named(serious)}); marked from ${marked.serious_indicators}`,
    };
  }
  if (concerning.length >= marked.concern_indicators) {
    return {
      level: 'marked',
      reason: `${concerning.length} indicators of concern (${named(concerning)}); marked from ${marked.concern_indicators}`,
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
