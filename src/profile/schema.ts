import { z } from 'zod';
import { EVENT_TYPES, SEVERITY_WORDS } from '../model/vocabulary.js';
import { globToRegExp } from './match.js';
import { patternProblem } from './pattern.js';

/**
 * The agency profile format (docs/profiles.md): the single source of truth for
 * schemas/profile.schema.json. Checks JSON Schema cannot express (regular expressions that
 * compile, formats only on date fields) live in validateProfile.
 */

const ColumnName = z
  .string()
  .min(1)
  .describe('a header of the export, matched ignoring case, and spaces and hyphens against underscores');

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const DateFormatSpec = z
  .union([
    z.enum(['auto', 'dayfirst', 'monthfirst', 'excel']),
    z.object({ pattern: z.string().min(1).describe("a date-fns pattern, e.g. 'dd/MM/yyyy HH:mm'") }).strict(),
  ], { error: 'a date format: auto, dayfirst, monthfirst, excel or { pattern: ... }' })
  .describe('how a date column is written');
export type DateFormatSpec = z.infer<typeof DateFormatSpec>;

const SingleColumn = z
  .object({ column: ColumnName, format: DateFormatSpec.optional() })
  .strict();
const JoinedColumns = z
  .object({
    columns: z.array(ColumnName).min(1),
    join: z.string().optional().describe('put between the non-empty cells; a space unless given'),
    format: DateFormatSpec.optional(),
  })
  .strict();

export const ColumnSpec = z
  .union([ColumnName, SingleColumn, JoinedColumns], {
    error: 'a column name, { column, format } or { columns: [...], join, format }',
  })
  .describe('where a canonical field comes from: one column, or several joined');
export type ColumnSpec = z.infer<typeof ColumnSpec>;

const optionalColumn = ColumnSpec.optional();
export const ColumnsSpec = z
  .object({
    agency: optionalColumn,
    record_id: optionalColumn,
    person_id: optionalColumn,
    nhs_number: optionalColumn,
    name: optionalColumn,
    given_name: optionalColumn,
    family_name: optionalColumn,
    dob: optionalColumn,
    address: optionalColumn,
    postcode: optionalColumn,
    household_id: optionalColumn,
    date: ColumnSpec.describe('when it happened (required)'),
    end_date: optionalColumn,
    type: optionalColumn,
    severity: optionalColumn,
    source: optionalColumn,
    threshold_met: optionalColumn,
    outcome: optionalColumn,
    description: optionalColumn,
    impact: optionalColumn,
  })
  .strict();
export type ColumnsSpec = z.infer<typeof ColumnsSpec>;

const TypeCode = z.enum(EVENT_TYPES, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an event type; use one of: ${EVENT_TYPES.join(', ')}`,
});
const SeverityValue = z.union([z.number().int().min(1).max(5), z.enum(SEVERITY_WORDS)], {
  error: `a severity: 1-5 or ${SEVERITY_WORDS.join(', ')}`,
});
const ThresholdValue = z.union([z.boolean(), z.enum(['yes', 'no'])], { error: 'yes or no' });
const Text = z.string().min(1);

const ruleCondition = {
  column: ColumnName.optional().describe("test this column's cell instead of the field's own value"),
  ignore_case: z.boolean().optional().describe('compare ignoring case'),
};

/** One value rule: the first rule whose condition holds gives the value. */
function valueRule<T extends z.ZodType>(target: T) {
  return z.union(
    [
      z.object({ equals: z.union([Scalar, z.array(Scalar).min(1)]), ...ruleCondition, to: target }).strict(),
      z.object({ matches: z.string().min(1).describe('a regular expression'), ...ruleCondition, to: target }).strict(),
    ],
    { error: 'a value rule: { equals: VALUE or [VALUES], to: ... } or { matches: REGEX, to: ... }' },
  );
}

export const ValueMaps = z
  .object({
    type: z.array(valueRule(TypeCode)).optional(),
    severity: z.array(valueRule(SeverityValue)).optional(),
    source: z.array(valueRule(Text)).optional(),
    outcome: z.array(valueRule(Text)).optional(),
    threshold_met: z.array(valueRule(ThresholdValue)).optional(),
  })
  .strict()
  .describe('for each field, rules tried in order; the first that matches wins');
export type ValueMaps = z.infer<typeof ValueMaps>;
export type ValueRule = NonNullable<ValueMaps[keyof ValueMaps]>[number];

export const Constants = z
  .object({
    agency: Text.optional(),
    record_id: Text.optional(),
    person_id: Text.optional(),
    household_id: Text.optional(),
    address: Text.optional(),
    postcode: Text.optional(),
    type: TypeCode.optional(),
    severity: SeverityValue.optional(),
    source: Text.optional(),
    threshold_met: ThresholdValue.optional(),
    outcome: Text.optional(),
    description: Text.optional(),
    impact: Text.optional(),
  })
  .strict()
  .describe('values for fields the export lacks; a mapped column that is empty falls back to them');
export type Constants = z.infer<typeof Constants>;

const skipCondition = { column: ColumnName, ignore_case: z.boolean().optional() };
export const SkipRule = z.union(
  [
    z.object({ ...skipCondition, equals: Scalar }).strict(),
    z.object({ ...skipCondition, in: z.array(Scalar).min(1) }).strict(),
    z.object({ ...skipCondition, matches: z.string().min(1) }).strict(),
  ],
  { error: 'a skip rule: { column, equals: VALUE }, { column, in: [VALUES] } or { column, matches: REGEX }' },
);
export type SkipRule = z.infer<typeof SkipRule>;

const Glob = z.string().min(1).describe('a file-name glob: *, ?, ** and [abc]; ignores case');
export const MatchSpec = z
  .object({
    files: z.union([Glob, z.array(Glob).min(1)]).optional(),
    headers: z.array(ColumnName).min(1).optional().describe('headers the export must all have'),
  })
  .strict()
  .describe('how --profiles DIR recognises the exports this profile is for: every condition given must hold');
export type MatchSpec = z.infer<typeof MatchSpec>;

export const ProfileSchema = z
  .object({
    agency: Text.describe('the agency that keeps the export'),
    description: z.string().optional(),
    match: MatchSpec.optional(),
    encoding: z.enum(['utf8', 'utf16le', 'utf16be', 'windows-1252']).optional(),
    delimiter: z.string().length(1).optional().describe('the CSV delimiter, when sniffing it is not enough'),
    title_lines: z.number().int().min(0).optional().describe('lines above the header to skip'),
    columns: ColumnsSpec,
    values: ValueMaps.optional(),
    constants: Constants.optional(),
    skip: z.array(SkipRule).optional().describe('rows to set aside, each counted as skipped with the rule'),
  })
  .strict()
  .describe('chronology agency profile: maps an export with its own columns and codes to the canonical record');
export type Profile = z.infer<typeof ProfileSchema>;

/** A problem found after the schema: where it is (a zod-style path) and what it is. */
export interface ProfileIssue {
  path: (string | number)[];
  message: string;
}

const DATE_FIELDS = new Set(['date', 'end_date', 'dob']);

/** Why a `match.files` glob cannot be used (a character class such as `[z-a]`), or undefined. */
function globProblem(glob: string): string | undefined {
  try {
    globToRegExp(glob);
    return undefined;
  } catch (error) {
    return `invalid glob ${JSON.stringify(glob)}: ${(error as Error).message.replace(/^error parsing regexp: /, '')}`;
  }
}

/** Checks beyond the schema's shape; the first issue is the one reported. */
export function validateProfile(profile: Profile): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  for (const [field, spec] of Object.entries(profile.columns)) {
    if (typeof spec === 'object' && spec.format !== undefined && !DATE_FIELDS.has(field)) {
      issues.push({ path: ['columns', field, 'format'], message: 'a format applies only to date, end_date and dob' });
    }
  }
  for (const [field, rules] of Object.entries(profile.values ?? {})) {
    (rules ?? []).forEach((rule, index) => {
      const problem = 'matches' in rule ? patternProblem(rule.matches) : undefined;
      if (problem) issues.push({ path: ['values', field, index, 'matches'], message: problem });
    });
  }
  (profile.skip ?? []).forEach((rule, index) => {
    const problem = 'matches' in rule ? patternProblem(rule.matches) : undefined;
    if (problem) issues.push({ path: ['skip', index, 'matches'], message: problem });
  });
  const files = profile.match?.files;
  (Array.isArray(files) ? files : files === undefined ? [] : [files]).forEach((glob, index) => {
    const problem = globProblem(glob);
    if (problem) issues.push({ path: ['match', 'files', ...(Array.isArray(files) ? [index] : [])], message: problem });
  });
  return issues;
}
