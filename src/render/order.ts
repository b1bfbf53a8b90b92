import { LEVELS, type PersonAnalysis } from '../analyse/index.js';
import type { SortOrder } from './sort-orders.js';

const ROLE_ORDER = { child: 0, unknown: 1, adult: 2 } as const;


const byRole = (a: PersonAnalysis, b: PersonAnalysis) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role];
const byLevel = (a: PersonAnalysis, b: PersonAnalysis) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level);
const byName = (a: PersonAnalysis, b: PersonAnalysis) => (a.name ?? '').localeCompare(b.name ?? '', 'en');
const byId = (a: PersonAnalysis, b: PersonAnalysis) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The order people are shown in. `reading` (the default) is the order a reader wants: children first,
 * then the highest level, then by name. JSON and YAML keep id order, which scripts rely on.
 */
export function readingOrder(persons: readonly PersonAnalysis[], order: SortOrder = 'reading'): PersonAnalysis[] {
  const compare = {
    reading: (a: PersonAnalysis, b: PersonAnalysis) => byRole(a, b) || byLevel(a, b) || byName(a, b) || byId(a, b),
    level: (a: PersonAnalysis, b: PersonAnalysis) => byLevel(a, b) || byName(a, b) || byId(a, b),
    name: (a: PersonAnalysis, b: PersonAnalysis) => byName(a, b) || byId(a, b),
    id: byId,
  }[order];
  return [...persons].sort(compare);
}
