import type { IndicatorSeverity, Level } from '../../analyse/schema.js';
import type { Severity } from '../../model/vocabulary.js';

/** Marker fills for severity 1..5: each carries white text at ≥ 4.5:1 and darkens as severity rises. */
export const SEVERITY_FILL: Readonly<Record<Severity, string>> = {
  1: '#3d6b8c',
  2: '#5c5a9e',
  3: '#8a3f8f',
  4: '#b3303f',
  5: '#7a0f1c',
};
export const UNRATED_STROKE = '#555555';
/** Strengths are drawn apart from concerns, in green, as a diamond. */
export const STRENGTH_FILL = '#2b5f2b';
export const STRENGTH_TINT = '#e9f5e9';
export const MARKER_TEXT = '#ffffff';

/** The concern groups of the frequency chart. */
export const GROUP_FILL = { harm: '#a23b2a', household: '#6a51a3', presentation: '#2f6f62' } as const;
export type ConcernGroup = keyof typeof GROUP_FILL;

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const LINK = '#0b5394';
export const PAGE = '#ffffff';
export const PANEL = '#f6f7f9';
export const GRID = '#d0d4da';

/** Badge colours: the text and its own background. */
export const LEVEL_BADGE: Readonly<Record<Level, { fg: string; bg: string }>> = {
  not_assessed: { fg: '#555555', bg: '#f6f7f9' },
  none: { fg: '#2b5f2b', bg: '#e9f5e9' },
  emerging: { fg: '#7a4b00', bg: '#fff4e5' },
  marked: { fg: '#8a1c1c', bg: '#fdecec' },
  extensive: { fg: '#ffffff', bg: '#7a0f1c' },
};
export const INDICATOR_BADGE: Readonly<Record<IndicatorSeverity, { fg: string; bg: string }>> = {
  info: { fg: '#2b5f2b', bg: '#e9f5e9' },
  concern: { fg: '#7a4b00', bg: '#fff4e5' },
  serious: { fg: '#ffffff', bg: '#8a1c1c' },
};

/** Every text colour the page uses on the background it is drawn on, for the contrast test. */
export const TEXT_PAIRS: ReadonlyArray<{ use: string; fg: string; bg: string }> = [
  { use: 'body text', fg: INK, bg: PAGE },
  { use: 'secondary text', fg: MUTED, bg: PAGE },
  { use: 'links', fg: LINK, bg: PAGE },
  { use: 'text in panels', fg: INK, bg: PANEL },
  { use: 'secondary text in panels', fg: MUTED, bg: PANEL },
  { use: 'links in panels', fg: LINK, bg: PANEL },
  ...([1, 2, 3, 4, 5] as const).map((s) => ({ use: `severity ${s} marker`, fg: MARKER_TEXT, bg: SEVERITY_FILL[s] })),
  { use: 'rated strength marker', fg: MARKER_TEXT, bg: STRENGTH_FILL },
  ...Object.entries(GROUP_FILL).map(([group, fill]) => ({ use: `${group} bar label`, fg: fill, bg: PAGE })),
  ...Object.entries(LEVEL_BADGE).map(([level, c]) => ({ use: `${level} level badge`, ...c })),
  ...Object.entries(INDICATOR_BADGE).map(([severity, c]) => ({ use: `${severity} indicator badge`, ...c })),
];
