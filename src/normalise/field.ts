import { remember } from '../util/remember.js';

/** What reading one cell gives: a value, or nothing; with a warning when the cell was written but not usable. */
export interface FieldResult<T> {
  value?: T;
  warning?: string;
}

/** A cell's trimmed text, or undefined when the cell is absent or blank. */
export function cellText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Trimmed, with every run of whitespace made one space. */
export function collapseSpaces(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** The one copy of `value` kept in `seen`: values that repeat across rows are held once. */
export function interned(seen: Map<string, string>, value: string): string {
  return remember(seen, value, (text) => text);
}
