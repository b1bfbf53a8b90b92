import { ageAt } from '../model/date.js';
import { compareRefs, type ChronologyRecord } from '../model/record.js';
import type { ChronologyEvent, Person } from '../model/stages.js';
import { typeGroup } from '../model/vocabulary.js';
import { rememberSpans, unmark } from './data-spans.js';
import { dimensionsOf, sourceKey, sourceOf, type KnownPerson } from './dimensions.js';
import { compareEvents, compareIds, dayOf, isConcern, sortedIds } from './events.js';
import { findHouseholds } from './households.js';
import { levelOf } from './levels.js';
import type { RuleSet } from './rules-schema.js';
import { RULES } from './rules/registry.js';
import type { PersonContext } from './rules/types.js';
import type { Analysis, HouseholdAnalysis, Indicator, PersonAnalysis, Role } from './schema.js';

export { parseRules, RuleSetSchema, type RuleSet } from './rules-schema.js';
export {
  AnalysisSchema,
  IndicatorSchema,
  LEVELS,
  type Analysis,
  type HouseholdAnalysis,
  type Indicator,
  type IndicatorSeverity,
  type Level,
  type PersonAnalysis,
} from './schema.js';

/** Shown with every analysis, whatever the format. */
export const CAUTION =
  'This analysis supports professional judgement; it does not replace it. It shows patterns in what agencies recorded: ' +
  'what was never recorded cannot appear, and each finding should be checked against the records it cites and the ' +
  "person's lived experience.";

export interface AnalyseInput {
  records: readonly ChronologyRecord[];
  persons: readonly Person[];
  events: readonly ChronologyEvent[];
}

function roleOf(person: Person, events: readonly ChronologyEvent[]): Role {
  const last = events[events.length - 1];
  const age = last === undefined ? undefined : ageAt(person.dob, last.date);
  if (age === undefined) return 'unknown';
  return age < 18 ? 'child' : 'adult';
}

function comparePersons(a: Person, b: Person): number {
  const key = (p: Person) => [p.name.family ?? '', p.name.given ?? '', p.dob ?? '', p.id];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/** Evidence in the order it happened (ids are hashes, so their own order means nothing), then by id. */
function chronologicalIds(ids: Iterable<string>, context: PersonContext): string[] {
  const wanted = new Set(ids);
  const known = [...context.events, ...context.household].filter((e) => wanted.has(e.id)).sort(compareEvents);
  const ordered = [...new Set(known.map((e) => e.id))];
  const unknown = sortedIds([...wanted].filter((id) => !ordered.includes(id)));
  return [...ordered, ...unknown];
}

const WEIGHT = { serious: 0, concern: 1, info: 2 } as const;

/** The most serious findings first; within a severity, the order of the rules file. */
function indicatorsOf(context: PersonContext, rules: RuleSet): Indicator[] {
  const found = RULES.flatMap((rule): Indicator[] => {
    const entry = rules.indicators[rule.id];
    if (entry === undefined || !entry.enabled) return [];
    const finding = rule.evaluate(context, entry.params);
    if (finding === undefined) return [];
    const { text, spans } = unmark(finding.summary);
    const indicator: Indicator = {
        code: rule.id,
        summary: text,
        severity: entry.severity,
        rule: {
          id: rule.id,
          description: entry.description,
          threshold: { ...(entry.params as Indicator['rule']['threshold']), ...finding.uses },
        },
        events: chronologicalIds(finding.events, context),
      };
    rememberSpans(indicator, spans);
    return [indicator];
  });
  return found.sort((a, b) => WEIGHT[a.severity] - WEIGHT[b.severity]);
}

/**
 * The analysis of a merged chronology, one person at a time: households and roles are settled
 * for everyone first, then each person's analysis depends on that person's (and household's)
 * events alone. A caller that writes analyses out as they are made (the JSON stream of
 * `analyse`) never holds them all; `analyse` makes every one.
 */
export interface Analyser {
  /** Every person, in id order: the order of `Analysis.persons`. */
  persons: readonly Person[];
  households: HouseholdAnalysis[];
  analysePerson(person: Person): PersonAnalysis;
}

export function createAnalyser(input: AnalyseInput, rules: RuleSet): Analyser {
  const { records, persons, events } = input;
  const { households, householdOf } = findHouseholds(records, persons, rules.households);

  const eventsOf = new Map<string, ChronologyEvent[]>();
  for (const event of events) {
    const list = eventsOf.get(event.person);
    if (list === undefined) eventsOf.set(event.person, [event]);
    else list.push(event);
  }
  for (const list of eventsOf.values()) list.sort(compareEvents);

  // By name, as linkage lists them: ids are hashes, so their order would scatter a family.
  const ordered = [...persons].sort(comparePersons);
  const roles = new Map(ordered.map((p) => [p.id, roleOf(p, eventsOf.get(p.id) ?? [])]));
  const membersOf = new Map(households.map((h) => [h.id, h.members]));
  const byId = new Map(ordered.map((p) => [p.id, p]));

  /** A member as the records may name them; their events are searched in place, nothing is copied. */
  const knownPerson = (id: string): KnownPerson => {
    const own = eventsOf.get(id) ?? [];
    return {
      id,
      ...byId.get(id)?.name,
      adult: roles.get(id) !== 'child',
      recordedOn: (day) => {
        // The person's events are in day order: a binary search finds the first on or after the day.
        let low = 0;
        let high = own.length;
        while (low < high) {
          const mid = (low + high) >> 1;
          if (dayOf(own[mid]!) < day) low = mid + 1;
          else high = mid;
        }
        return low < own.length && dayOf(own[low]!) === day;
      },
      harmedBy: (key) => own.some((e) => e.source !== undefined && isConcern(e) && sourceKey(e.source) === key),
    };
  };
  /** The other members of a person's household. */
  const peopleFor = (id: string): KnownPerson[] => {
    const household = householdOf.get(id);
    const members = household === undefined ? [] : (membersOf.get(household) ?? []);
    return members.filter((m) => m !== id).map(knownPerson);
  };
  // Whom each person's records identify as the source of harm to them: made once per person asked about.
  const identified = new Map<string, Set<string>>();
  const sourcesNamedBy = (id: string): Set<string> => {
    let found = identified.get(id);
    if (found === undefined) {
      const concerns = (eventsOf.get(id) ?? []).filter(isConcern);
      const input = { events: [], concerns, household: [], records, people: peopleFor(id) };
      found = new Set(sourceOf(input, rules.sources).people.map((p) => p.person));
      identified.set(id, found);
    }
    return found;
  };
  /** Those whose records name this person as the source of harm to them. */
  const harmedBy = (id: string): string[] => {
    const household = householdOf.get(id);
    return (household === undefined ? [] : (membersOf.get(household) ?? [])).filter((m) => m !== id && sourcesNamedBy(m).has(id));
  };

  const analysePerson = (person: Person): PersonAnalysis => {
    const own = eventsOf.get(person.id) ?? [];
    const concerns = own.filter(isConcern);
    const household = householdOf.get(person.id);
    const role = roles.get(person.id) ?? 'unknown';
    // A child lives with the adults' problems; an adult's analysis is about their own record.
    const adults =
      role !== 'child' || household === undefined
        ? []
        : (membersOf.get(household) ?? []).filter((id) => id !== person.id && roles.get(id) !== 'child');
    const householdEvents = [...own, ...adults.flatMap((id) => eventsOf.get(id) ?? [])].sort(compareEvents);
    const dimensions = dimensionsOf(
      { events: own, concerns, household: householdEvents, records, people: peopleFor(person.id) },
      rules.analysis,
      rules.sources,
    );
    const context: PersonContext = {
      person,
      role,
      events: own,
      concerns,
      household: householdEvents,
      dimensions,
      settings: rules.analysis,
    };
    const indicators = indicatorsOf(context, rules);
    // Someone the records show only as the source of harm (none of their own concerns is harm to them or their presentation) gets no harm level.
    const victims = concerns.some((e) => typeGroup(e.type) !== 'household') ? [] : harmedBy(person.id);
    const { level, reason } =
      victims.length > 0
        ? {
            level: 'not_assessed' as const,
            reason: `recorded as the source of harm to ${victims.join(', ')}, and none of their own records is harm to them: no harm level of their own`,
          }
        : levelOf(indicators, dimensions.severity.max, rules.levels);
    const name = [person.name.given, person.name.family].filter((n) => n !== undefined && n !== '').join(' ');
    return {
      id: person.id,
      ...(name === '' ? {} : { name }),
      ...(person.dob === undefined ? {} : { dob: person.dob }),
      role,
      ...(household === undefined ? {} : { household }),
      sources: person.records
        .flatMap((i) => {
          const record = records[i];
          return record === undefined ? [] : [{ file: record.file, line: record.line }];
        })
        .sort(compareRefs),
      events: own.map((e) => e.id),
      ...dimensions,
      indicators,
      level,
      level_reason: reason,
    };
  };
  return { persons: ordered, households, analysePerson };
}

/**
 * Cumulative-harm analysis of a merged chronology, per person and household: the five
 * dimensions of the guidance, the system's own pattern, strengths, rule-based indicators and a
 * level. Pure and deterministic: the same input in any order gives the same result, and no
 * clock is read (spans end at the last event).
 */
export function analyse(input: AnalyseInput, rules: RuleSet): Analysis {
  const analyser = createAnalyser(input, rules);
  return { persons: analyser.persons.map(analyser.analysePerson), households: analyser.households };
}
