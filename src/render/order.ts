import { LEVELS, type PersonAnalysis } from '../analyse/index.js';

const ROLE_ORDER = { child: 0, unknown: 1, adult: 2 } as const;

/**
 * The order a reader wants people in: children first, then the highest level, then by name (then id).
 * JSON and YAML keep id order, which scripts rely on.
 */
export function readingOrder(persons: readonly PersonAnalysis[]): PersonAnalysis[] {
  return [...persons].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) ||
      (a.name ?? '').localeCompare(b.name ?? '', 'en') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
