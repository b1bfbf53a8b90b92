import type { PersonName } from '../model/record.js';
import { cellText, collapseSpaces } from './field.js';

function part(value: string | undefined): string | undefined {
  const text = cellText(value);
  return text === undefined ? undefined : collapseSpaces(text);
}

function named(given: string | undefined, family: string | undefined): PersonName {
  const name: PersonName = {};
  if (given) name.given = given;
  if (family) name.family = family;
  return name;
}

/**
 * The person's name as the agency holds it, case kept: `given_name` + `family_name` when
 * either is given, else `name` as `FAMILY, Given` or `Given Family` (the last word is the family name).
 */
export function parseName(cells: { name?: string; given_name?: string; family_name?: string }): PersonName {
  const given = part(cells.given_name);
  const family = part(cells.family_name);
  if (given || family) return named(given, family);
  const whole = part(cells.name);
  if (!whole) return {};
  const comma = whole.indexOf(',');
  if (comma >= 0) return named(part(whole.slice(comma + 1)), part(whole.slice(0, comma)));
  const lastSpace = whole.lastIndexOf(' ');
  return lastSpace < 0 ? named(undefined, whole) : named(whole.slice(0, lastSpace), whole.slice(lastSpace + 1));
}
