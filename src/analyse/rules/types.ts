import { remember } from '../../util/remember.js';
import type { z } from 'zod';
import type { ChronologyEvent, Person } from '../../model/stages.js';
import type {
  Duration,
  Frequency,
  ParamValue,
  Role,
  SeverityDimension,
  SourceDimension,
  Strength,
  SystemPattern,
  TypeDimension,
} from '../schema.js';
import type { AnalysisSettings } from '../settings.js';

export interface Dimensions {
  frequency: Frequency;
  type: TypeDimension;
  severity: SeverityDimension;
  source: SourceDimension;
  duration: Duration;
  system: SystemPattern;
  strengths: Strength[];
  caring_roles: Omit<Strength, 'kind'>[];
}

/** Everything a rule may look at for one person. */
export interface PersonContext {
  person: Person;
  role: Role;
  /** The person's own events, in chronological order. */
  events: readonly ChronologyEvent[];
  /** The person's own concern events, in chronological order. */
  concerns: readonly ChronologyEvent[];
  /** For a child, their events and those of the household's adults (and people of unknown age); else their own. */
  household: readonly ChronologyEvent[];
  dimensions: Dimensions;
  settings: AnalysisSettings;
}

/** What a rule found: the practitioner's sentence and its evidence. */
export interface Finding {
  summary: string;
  events: Iterable<string>;
  /** Settings beyond the rule's own params that the finding relied on, reported with its threshold. */
  uses?: Record<string, ParamValue>;
}

export interface IndicatorRule<Shape extends z.ZodRawShape> {
  id: string;
  params: z.ZodObject<Shape>;
  evaluate(context: PersonContext, params: z.infer<z.ZodObject<Shape>>): Finding | undefined;
}

/** A rule with its params type erased, so rules of different shapes share one registry. */
export interface RegisteredRule {
  id: string;
  params: z.ZodObject;
  evaluate(context: PersonContext, params: unknown): Finding | undefined;
}

export function defineRule<Shape extends z.ZodRawShape>(rule: IndicatorRule<Shape>): RegisteredRule {
  // A rule set's params object is evaluated for every person: parsed once, not once per person.
  const parsed = new WeakMap<object, z.infer<z.ZodObject<Shape>>>();
  const parse = (params: unknown): z.infer<z.ZodObject<Shape>> =>
    typeof params === 'object' && params !== null ? remember(parsed, params, (p) => rule.params.parse(p)) : rule.params.parse(params);
  return {
    id: rule.id,
    params: rule.params,
    evaluate: (context, params) => rule.evaluate(context, parse(params)),
  };
}
