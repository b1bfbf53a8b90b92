import { quote } from '../errors.js';
import type { RawRow } from '../model/record.js';
import type { DateFormat } from '../model/stages.js';
import { CANONICAL_COLUMNS, normaliseHeader, type CanonicalColumn } from '../model/vocabulary.js';
import { parseDate } from '../normalise/index.js';
import { parseSeverity } from '../normalise/severity.js';
import { parseThresholdMet } from '../normalise/threshold.js';
import { parseEventType } from '../normalise/type.js';
import type { InputMapping, Skipped } from '../pipeline/mapping.js';
import type { ColumnSpec, Profile, SkipRule, ValueMaps, ValueRule } from './schema.js';
import { fastObject } from '../util/fast-object.js';
import { compilePattern } from './pattern.js';

type DateField = 'date' | 'end_date' | 'dob';
type MappedField = keyof ValueMaps;

/** Value-mapped fields in the order their unmapped values are reported. */
export const MAPPED_FIELDS: readonly MappedField[] = ['type', 'severity', 'source', 'outcome', 'threshold_met'];

/** Where an unmatched value of a value-mapped field goes: `other`, or nowhere when `other` is no valid value. */
const UNMATCHED: Record<MappedField, string | undefined> = {
  type: 'other',
  severity: undefined,
  source: 'other',
  outcome: 'other',
  threshold_met: undefined,
};

/** Values no rule matched that are already canonical (a type code, a severity): they pass as written. */
const CANONICAL_VALUE: Partial<Record<MappedField, (value: string) => boolean>> = {
  type: (value) => parseEventType(value).warning === undefined,
  severity: (value) => parseSeverity(value).value !== undefined,
  threshold_met: (value) => parseThresholdMet(value).value !== undefined,
};

interface FieldSource {
  keys: string[];
  join: string;
  /** For a date built from several columns: its pattern, applied here so empty parts can be left out. */
  pattern?: string;
}

interface CompiledRule {
  key?: string;
  test(value: string): boolean;
  to: string;
}

const CANONICAL = new Set<string>(CANONICAL_COLUMNS);

function columnsOf(spec: ColumnSpec): string[] {
  if (typeof spec === 'string') return [spec];
  return 'column' in spec ? [spec.column] : spec.columns;
}

function scalarText(value: string | number | boolean): string {
  return String(value);
}

function equalityTest(expected: readonly (string | number | boolean)[], ignoreCase: boolean): (value: string) => boolean {
  const texts = expected.map((e) => scalarText(e).trim());
  if (!ignoreCase) {
    const set = new Set(texts);
    return (value) => set.has(value);
  }
  const set = new Set(texts.map((t) => t.toLowerCase()));
  return (value) => set.has(value.toLowerCase());
}

function regexTest(source: string, ignoreCase: boolean): (value: string) => boolean {
  const pattern = compilePattern(source, ignoreCase);
  return (value) => pattern.test(value);
}

function compileRule(rule: ValueRule): CompiledRule {
  const ignoreCase = rule.ignore_case ?? false;
  const test =
    'equals' in rule
      ? equalityTest(Array.isArray(rule.equals) ? rule.equals : [rule.equals], ignoreCase)
      : regexTest(rule.matches, ignoreCase);
  const to = typeof rule.to === 'boolean' ? (rule.to ? 'yes' : 'no') : String(rule.to);
  return { ...(rule.column === undefined ? {} : { key: normaliseHeader(rule.column) }), test, to };
}

function skipTest(rule: SkipRule): (value: string) => boolean {
  const ignoreCase = rule.ignore_case ?? false;
  if ('equals' in rule) return equalityTest([rule.equals], ignoreCase);
  if ('in' in rule) return equalityTest(rule.in, ignoreCase);
  return regexTest(rule.matches, ignoreCase);
}

/**
 * Builds a date from several columns with a pattern written for all of them: when some cells
 * are empty (no time recorded), the pattern's pieces for those cells are left out too.
 */
function joinedDate(parts: readonly string[], join: string, pattern: string): string | undefined {
  const whole = parseDate(parts.filter((p) => p !== '').join(join), { pattern });
  if ('date' in whole) return whole.date;
  const pieces = pattern.split(join);
  if (pieces.length !== parts.length) return undefined;
  const present = parts.map((p, i) => (p === '' ? undefined : ([p, pieces[i] ?? ''] as const))).filter((p) => p !== undefined);
  const partial = parseDate(present.map(([p]) => p).join(join), { pattern: present.map(([, piece]) => piece).join(join) });
  return 'date' in partial ? partial.date : undefined;
}

/** `"ASB" ×3, "DA" ×1`: most frequent first, ties by value. */
export function formatCounts(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([value, count]) => `${quote(value)} ×${count}`)
    .join(', ');
}

/** An InputMapping that also tells `profile check` what it did. */
export interface ProfileMapping extends InputMapping {
  /** Per value-mapped field, each distinct value no rule matched and how often. */
  unmapped(): Map<MappedField, Map<string, number>>;
  /** The normalised headers the profile reads (mapping, value rules and skip rules). */
  usedColumns: ReadonlySet<string>;
}

/** The mapping a profile describes, fresh for one file (its unmapped counts are per file). */
export function profileMapping(profile: Profile, profileName: string): ProfileMapping {
  const sources = new Map<CanonicalColumn, FieldSource>();
  const dateFormats: Partial<Record<DateField, DateFormat>> = {};
  const used = new Map<string, string>();
  const use = (column: string): string => {
    const key = normaliseHeader(column);
    if (!used.has(key)) used.set(key, column);
    return key;
  };

  for (const field of CANONICAL_COLUMNS) {
    const spec = profile.columns[field];
    if (spec === undefined) continue;
    const keys = columnsOf(spec).map(use);
    const join = typeof spec === 'object' && 'columns' in spec ? (spec.join ?? ' ') : ' ';
    const format = typeof spec === 'object' ? spec.format : undefined;
    const source: FieldSource = { keys, join };
    if (format !== undefined && (field === 'date' || field === 'end_date' || field === 'dob')) {
      if (typeof format === 'object' && keys.length > 1) source.pattern = format.pattern;
      else dateFormats[field] = format;
    }
    sources.set(field, source);
  }

  const valueRules = new Map<MappedField, CompiledRule[]>();
  for (const field of MAPPED_FIELDS) {
    const rules = profile.values?.[field];
    if (!rules) continue;
    for (const rule of rules) if (rule.column !== undefined) use(rule.column);
    valueRules.set(field, rules.map(compileRule));
  }

  const skipRules = (profile.skip ?? []).map((rule) => ({
    key: use(rule.column),
    column: rule.column,
    test: skipTest(rule),
  }));

  const constants = new Map<string, string>(
    Object.entries(profile.constants ?? {}).map(([field, value]) => [
      field,
      typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value),
    ]),
  );

  const unmatched = new Map<MappedField, Map<string, number>>();
  const noteUnmatched = (field: MappedField, value: string): void => {
    const counts = unmatched.get(field) ?? new Map<string, number>();
    counts.set(value, (counts.get(value) ?? 0) + 1);
    unmatched.set(field, counts);
  };

  const cell = (row: RawRow, key: string): string => (row.values[key] ?? '').trim();

  function mapValue(field: MappedField, value: string, row: RawRow): string | undefined {
    const rules = valueRules.get(field);
    if (!rules) return value;
    for (const rule of rules) {
      const tested = rule.key === undefined ? value : cell(row, rule.key);
      if (tested !== '' && rule.test(tested)) return rule.to;
    }
    if (value === '') return undefined;
    if (CANONICAL_VALUE[field]?.(value)) return value;
    noteUnmatched(field, value);
    return UNMATCHED[field];
  }

  return {
    describe: `profile ${profileName}`,
    readOptions: {
      ...(profile.encoding === undefined ? {} : { encoding: profile.encoding }),
      ...(profile.delimiter === undefined ? {} : { delimiter: profile.delimiter }),
      ...(profile.title_lines === undefined ? {} : { skipLines: profile.title_lines }),
    },
    normaliseOptions: { agency: profile.agency, dateFormats },
    usedColumns: new Set(used.keys()),

    checkColumns(columns) {
      const present = new Set(columns);
      const missing = [...used].filter(([key]) => !present.has(key)).map(([, column]) => quote(column));
      if (missing.length === 0) return undefined;
      return `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that profile ${profileName} reads`;
    },

    map(row): RawRow | Skipped {
      for (const rule of skipRules) {
        const value = cell(row, rule.key);
        if (rule.test(value)) return { skipped: `skipped by profile rule: ${rule.column} = ${quote(value)}` };
      }
      const values: Record<string, string> = {};
      let filled = 0;
      for (const [key, value] of Object.entries(row.values)) {
        if (CANONICAL.has(key)) continue;
        values[key] = value;
        filled += 1;
      }
      for (const field of CANONICAL_COLUMNS) {
        const source = sources.get(field);
        let value = '';
        if (source) {
          const parts = source.keys.map((key) => cell(row, key));
          const joined = parts.filter((p) => p !== '').join(source.join);
          value = source.pattern && joined !== '' ? (joinedDate(parts, source.join, source.pattern) ?? joined) : joined;
        }
        const mapped = (MAPPED_FIELDS as readonly string[]).includes(field)
          ? mapValue(field as MappedField, value, row)
          : value;
        const final = mapped === undefined || mapped === '' ? constants.get(field) : mapped;
        if (final !== undefined && final !== '') {
          values[field] = final;
          filled += 1;
        }
      }
      return { file: row.file, line: row.line, values: fastObject(values, filled) };
    },

    unmapped: () => unmatched,

    finish() {
      const notes: string[] = [];
      for (const field of MAPPED_FIELDS) {
        const counts = unmatched.get(field);
        if (!counts || counts.size === 0) continue;
        const fate = UNMATCHED[field] === undefined ? 'not used' : `mapped to ${UNMATCHED[field]}`;
        notes.push(`unmapped ${field} values (${fate}): ${formatCounts(counts)} — add them to profile ${profileName}`);
      }
      return notes;
    },
  };
}
