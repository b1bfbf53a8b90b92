import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { z } from 'zod';
import { InputError, quote } from '../errors.js';
import { parseSettingsYaml } from '../read/yaml-settings.js';
import { RULES } from './rules/registry.js';
import { IndicatorSeverity } from './schema.js';
import {
  AnalysisSettingsSchema,
  HouseholdSettingsSchema,
  LevelSettingsSchema,
  SourceMappingSchema,
} from './settings.js';

function indicatorEntry(params: z.ZodObject) {
  return z
    .object({
      enabled: z.boolean(),
      severity: IndicatorSeverity.describe('weight of the finding: info, concern or serious'),
      description: z.string().min(1).describe('what the rule looks for and the guidance it comes from'),
      params,
    })
    .strict();
}

/** The rules file (rules/default.yaml): every threshold the analysis applies. */
export const RuleSetSchema = z
  .object({
    version: z.literal(1),
    analysis: AnalysisSettingsSchema,
    sources: SourceMappingSchema.describe('who caused harm, by category; anything not listed is unknown'),
    households: HouseholdSettingsSchema,
    indicators: z.object(Object.fromEntries(RULES.map((rule) => [rule.id, indicatorEntry(rule.params)]))).strict(),
    levels: LevelSettingsSchema,
  })
  .strict()
  .superRefine((rules, ctx) => {
    const named = rules.levels.extensive.with_indicator;
    if (!RULES.some((rule) => rule.id === named)) {
      ctx.addIssue({
        code: 'custom',
        path: ['levels', 'extensive', 'with_indicator'],
        message: `${quote(named)} is not an indicator; expected one of ${RULES.map((r) => r.id).join(', ')}`,
      });
    }
  });
export type RuleSet = z.infer<typeof RuleSetSchema>;

/** The YAML node at a path, or the deepest one that exists; `asKey` points at the key itself. */
function nodeAt(doc: Document, path: readonly PropertyKey[], asKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = doc.contents ?? undefined;
  for (const [index, step] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
      if (pair === undefined) return found;
      const last = index === path.length - 1;
      node = last && asKey ? pair.key : (pair.value ?? pair.key);
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else {
      return found;
    }
    if (node && typeof node === 'object' && 'range' in node) found = node as Node;
  }
  return found;
}

export function describeIssue(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter) {
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
  const node = nodeAt(doc, path, unknownKey !== undefined);
  const offset = node?.range?.[0];
  const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const value =
    unknownKey === undefined && isScalar(node) && node.value !== null ? `, got ${quote(String(node.value))}` : '';
  const where = path.length === 0 ? '(top level)' : path.map(String).join('.');
  const problem = unknownKey === undefined ? `${issue.message}${value}` : `unknown key (check the spelling)`;
  return { problem: `${where}: ${problem}`, line };
}

/** Reads and checks a rules file; a problem is reported with the YAML path and line that caused it. */
export function parseRules(yamlText: string, file: string): RuleSet {
  const { doc, lineCounter, value } = parseSettingsYaml(yamlText, file);
  const result = RuleSetSchema.safeParse(value);
  if (result.success) return result.data;
  // A misspelt key also makes the intended key missing: report the misspelling, which explains both.
  const issue = (result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]) as z.core.$ZodIssue;
  const { problem, line } = describeIssue(issue, doc, lineCounter);
  throw new InputError(file, problem, line);
}
