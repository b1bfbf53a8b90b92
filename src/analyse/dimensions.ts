import { remember } from '../util/remember.js';
import { dayRange } from '../model/date.js';
import type { ChronologyRecord } from '../model/record.js';
import type { ChronologyEvent } from '../model/stages.js';
import { type EventType, type Severity, typeGroup } from '../model/vocabulary.js';
import { containsPhrase, dayOf, idsOf, normaliseText, round, sortedIds } from './events.js';
import type { Dimensions } from './rules/types.js';
import type {
  Duration,
  Frequency,
  SeverityDimension,
  SourceCategory,
  SourceDimension,
  Strength,
  SystemPattern,
  TypeDimension,
} from './schema.js';
import type { AnalysisSettings, SourceMapping } from './settings.js';

/** A person the records may name as the source of harm: the other members of the household. */
export interface KnownPerson {
  id: string;
  given?: string;
  family?: string;
  /** Whether the person may hold a parent's or carer's role: an adult, or of unknown age. */
  adult: boolean;
  /** Whether the person has an event of their own on this day. */
  recordedOn(day: number): boolean;
  /** Whether harm to the person themselves is recorded with this source (as a key). */
  harmedBy(key: string): boolean;
}

/** Events sorted chronologically; every function here relies on that order. */
export interface DimensionInput {
  events: readonly ChronologyEvent[];
  concerns: readonly ChronologyEvent[];
  household: readonly ChronologyEvent[];
  /** The input records, for each agency's own account of a merged event. */
  records: readonly ChronologyRecord[];
  /** The other members of the person's household. */
  people: readonly KnownPerson[];
}

function concernsByType(concerns: readonly ChronologyEvent[]): Map<EventType, ChronologyEvent[]> {
  const byType = new Map<EventType, ChronologyEvent[]>();
  for (const event of concerns) {
    const list = byType.get(event.type);
    if (list === undefined) byType.set(event.type, [event]);
    else list.push(event);
  }
  return byType;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function frequencyOf(input: DimensionInput, settings: AnalysisSettings): Frequency {
  const { events, concerns } = input;
  const days = concerns.map(dayOf);
  const frequency: Frequency = {
    concerns: concerns.length,
    by_type: countBy(events, (e) => e.type),
    by_year: countBy(concerns, (e) => e.date.slice(0, 4)),
    acceleration: { earlier_half: concerns.length, later_half: 0, accelerating: false },
  };
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return frequency;

  const width = settings.rolling_window_days;
  let best = { start: 0, end: 0 };
  for (let start = 0, end = 0; start < days.length; start += 1) {
    while (end < days.length && (days[end] ?? 0) - (days[start] ?? 0) < width) end += 1;
    if (end - start > best.end - best.start) best = { start, end };
  }
  const inWindow = concerns.slice(best.start, best.end);
  frequency.peak_window = {
    days: width,
    count: inWindow.length,
    start: inWindow[0]?.date ?? concerns[0]?.date ?? '',
    events: idsOf(inWindow),
  };

  // Halves of equal length, so their counts compare the rates of concern.
  if (last > first) {
    const middle = first + (last - first) / 2;
    const earlier = days.filter((d) => d < middle).length;
    const later = days.length - earlier;
    const { min_concerns, ratio } = settings.acceleration;
    frequency.acceleration = {
      earlier_half: earlier,
      later_half: later,
      accelerating: days.length >= min_concerns && later > earlier && later >= ratio * earlier,
    };
  }

  if (days.length > 1) {
    const gaps = days.slice(1).map((d, i) => d - (days[i] ?? d));
    const sorted = [...gaps].sort((a, b) => a - b);
    frequency.intervals = { min: sorted[0] ?? 0, median: median(sorted), max: sorted[sorted.length - 1] ?? 0 };
  }
  return frequency;
}

/** Sorted days hold one within `window` of `day`. */
function hasNear(sortedDays: readonly number[], day: number, window: number): boolean {
  let low = 0;
  let high = sortedDays.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sortedDays[mid] ?? 0) < day - window) low = mid + 1;
    else high = mid;
  }
  const candidate = sortedDays[low];
  return candidate !== undefined && candidate <= day + window;
}

export function typeOf(input: DimensionInput, settings: AnalysisSettings): TypeDimension {
  const byType = concernsByType(input.concerns);

  const concernTypes = [...byType]
    .map(([type, events]) => ({
      type,
      group: typeGroup(type) as 'harm' | 'household' | 'presentation',
      count: events.length,
      first: events[0]?.date ?? '',
      last: events[events.length - 1]?.date ?? '',
      firstDay: dayOf(events[0] as ChronologyEvent),
    }))
    .sort((a, b) => b.count - a.count || a.firstDay - b.firstDay || (a.type < b.type ? -1 : 1))
    .map(({ firstDay: _, ...rest }) => rest);

  const window = settings.co_occurrence_days;
  const types = [...byType.keys()].sort();
  const coOccurring: TypeDimension['co_occurring'] = [];
  for (const [i, a] of types.entries()) {
    for (const b of types.slice(i + 1)) {
      const eventsA = byType.get(a) ?? [];
      const eventsB = byType.get(b) ?? [];
      const daysA = eventsA.map(dayOf);
      const daysB = eventsB.map(dayOf);
      const evidence = [
        ...eventsA.filter((e) => hasNear(daysB, dayOf(e), window)),
        ...eventsB.filter((e) => hasNear(daysA, dayOf(e), window)),
      ];
      if (evidence.length > 0) coOccurring.push({ types: [a, b], window_days: window, events: idsOf(evidence) });
    }
  }

  const otherAbuse = new Set<string>(settings.other_abuse_types);
  const isNeglectWithAbuse = ({ types: [a, b] }: TypeDimension['co_occurring'][number]) =>
    (a === 'neglect' && otherAbuse.has(b)) || (b === 'neglect' && otherAbuse.has(a));

  return {
    concern_types: concernTypes,
    harm_types: types.filter((t) => typeGroup(t) === 'harm'),
    ...(concernTypes[0] === undefined ? {} : { most_referred: concernTypes[0].type }),
    beyond_most_referred: concernTypes.slice(1).map((t) => t.type),
    co_occurring: coOccurring,
    neglect_with_other_abuse: coOccurring.some(isNeglectWithAbuse),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Mean of the latest third against the earliest third of a run of severities in date order. */
function thirds(rated: readonly number[]): { first: number; last: number; rise: number } | undefined {
  const third = Math.floor(rated.length / 3);
  if (third === 0) return undefined;
  const first = round(mean(rated.slice(0, third)));
  const last = round(mean(rated.slice(-third)));
  return { first, last, rise: round(last - first) };
}

/** One kind of harm can escalate among others that stay low: each concern type is judged on its own. */
function trendByType(concerns: readonly ChronologyEvent[]): SeverityDimension['trend_by_type'] {
  return [...concernsByType(concerns)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([type, events]) => {
      const rated = events.filter((e) => e.severity !== undefined);
      const trend = thirds(rated.map((e) => e.severity as number));
      if (trend === undefined) return [];
      return [{ type, rated: rated.length, first_third_mean: trend.first, last_third_mean: trend.last, rise: trend.rise, events: idsOf(rated) }];
    });
}

export function severityOf(input: DimensionInput, settings: AnalysisSettings): SeverityDimension {
  const rated = input.concerns.flatMap((e) => (e.severity === undefined ? [] : [e.severity]));
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, unknown: input.concerns.length - rated.length };
  for (const s of rated) distribution[s] += 1;
  const low = rated.filter((s) => s <= settings.low_severity_max).length;
  const max = rated.length === 0 ? undefined : (Math.max(...rated) as SeverityDimension['max']);
  const trend: SeverityDimension['trend'] = { rated: rated.length };
  const overall = thirds(rated);
  if (overall !== undefined) {
    Object.assign(trend, { first_third_mean: overall.first, last_third_mean: overall.last, rise: overall.rise });
  }
  return {
    distribution,
    ...(max === undefined ? {} : { max }),
    trend,
    trend_by_type: trendByType(input.concerns),
    low_level: {
      max_severity: settings.low_severity_max,
      count: low,
      ...(rated.length === 0 ? {} : { share: round(low / rated.length) }),
    },
  };
}

const SOURCE_KEYS = new Map<string, string>();

/** A source as compared with the mapping: normalised text without apostrophes ("mothers partner"); a caseload repeats a few. */
export function sourceKey(source: string): string {
  return remember(SOURCE_KEYS, source, (s) => normaliseText(s).replace(/'/g, ''));
}

/** Each mapping's sources by key, first category first: made once per mapping, not once per event. */
const categoriesByMapping = new WeakMap<SourceMapping, Map<string, SourceCategory>>();

function categoriesOf(mapping: SourceMapping): Map<string, SourceCategory> {
  const categories = new Map<string, SourceCategory>();
  for (const category of ['intra_familial', 'extra_familial', 'self'] as const) {
    for (const listed of mapping[category]) {
      const key = sourceKey(listed);
      if (!categories.has(key)) categories.set(key, category);
    }
  }
  return categories;
}

export function sourceCategoryOf(source: string, mapping: SourceMapping): SourceCategory {
  return remember(categoriesByMapping, mapping, categoriesOf).get(sourceKey(source)) ?? 'unknown';
}

/** Roles a child of the household may hold; every other role is an adult's. */
const CHILD_ROLES = new Set(['sibling', 'brother', 'sister', 'half sibling', 'step sibling', 'cousin']);

/** Two roles one person can hold at once; any other two named roles are two people (a mother is not a father). */
const SAME_PERSON_ROLES = [
  ['father', 'mothers partner'],
  ['step father', 'mothers partner'],
  ['father', 'step father'],
  ['mother', 'fathers partner'],
  ['step mother', 'fathers partner'],
  ['mother', 'step mother'],
].map((pair) => pair.join('\u0000'));

function canBeOnePerson(a: string, b: string): boolean {
  return a === b || SAME_PERSON_ROLES.includes(`${a}\u0000${b}`) || SAME_PERSON_ROLES.includes(`${b}\u0000${a}`);
}

/** Every text of an event: its source, and each agency's own description. */
function textsOf(event: ChronologyEvent, records: readonly ChronologyRecord[]): string {
  const descriptions = event.sources.map((s) => records[s.record]?.description ?? '');
  return normaliseText([event.source ?? '', event.description ?? '', ...descriptions].join(' '));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How a text can name a person: their full name, or a given name of three letters or more as a whole word. */
interface NamePattern {
  id: string;
  full?: string;
  given?: RegExp;
}

/** A given name as a whole word, made once per name: a household's members are asked about many events. */
const GIVEN_PATTERNS = new Map<string, RegExp>();

function namePattern(p: KnownPerson): NamePattern {
  const given = p.given === undefined ? '' : normaliseText(p.given);
  const full = normaliseText([p.given, p.family].filter(Boolean).join(' '));
  return {
    id: p.id,
    ...(full.includes(' ') ? { full } : {}),
    ...(given.length >= 3
      ? { given: remember(GIVEN_PATTERNS, given, (g) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(g)}($|[^\\p{L}])`, 'u')) }
      : {}),
  };
}

/** The ids of the people an event's (normalised) texts name. */
function namedIn(text: string, people: readonly NamePattern[]): string[] {
  return people.filter((p) => (p.full !== undefined && text.includes(p.full)) || (p.given?.test(text) ?? false)).map((p) => p.id);
}

/**
 * Sources of harm, as recorded (a role, or a name) and as people: a role is tied to one member of the
 * household when the events it is given for name that member and nobody else (by the role's kind: an
 * adult for a parent's role). Roles tied to one person count as that person once.
 */
export function sourceOf(input: DimensionInput, mapping: SourceMapping): SourceDimension {
  const groups = new Map<string, { labels: Set<string>; events: ChronologyEvent[] }>();
  for (const event of input.concerns) {
    if (event.source === undefined) continue;
    const key = sourceKey(event.source);
    const group = groups.get(key) ?? { labels: new Set<string>(), events: [] };
    group.labels.add(normaliseText(event.source));
    group.events.push(event);
    groups.set(key, group);
  }
  // First the roles whose events name one member; then a role whose events' days exactly one other member
  // was recorded on (and who is not harmed by that role, nor holds a role that must be someone else).
  const holder = new Map<string, string>();
  const eligibleFor = (key: string) => input.people.filter((p) => p.adult || CHILD_ROLES.has(key));
  const patterns = new Map(input.people.map((p) => [p.id, namePattern(p)]));
  for (const [key, { events }] of groups) {
    const eligible = eligibleFor(key).map((p) => patterns.get(p.id)!);
    if (eligible.length === 0) continue;
    const named = new Set(events.flatMap((e) => namedIn(textsOf(e, input.records), eligible)));
    if (named.size === 1) holder.set(key, [...named][0]!);
  }
  for (const [key, { events }] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (holder.has(key) || sourceCategoryOf(key, mapping) !== 'intra_familial') continue;
    const days = events.map(dayOf);
    const candidates = eligibleFor(key).filter(
      (p) =>
        !p.harmedBy(key) &&
        days.some((d) => p.recordedOn(d)) &&
        [...holder].every(([role, id]) => id !== p.id || canBeOnePerson(role, key)),
    );
    if (candidates.length === 1) holder.set(key, candidates[0]!.id);
  }
  const byCategory = { intra_familial: 0, extra_familial: 0, self: 0, unknown: 0 };
  const sources = [...groups.entries()]
    .map(([key, { labels, events }]) => {
      const source = [...labels].sort()[0] ?? '';
      const person = holder.get(key);
      const mapped = sourceCategoryOf(source, mapping);
      // A name the mapping does not know, tied to a household member, is harm from inside the home.
      const category = mapped === 'unknown' && person !== undefined ? 'intra_familial' : mapped;
      byCategory[category] += events.length;
      return { source, category, count: events.length, events: idsOf(events), ...(person === undefined ? {} : { person }) };
    })
    .sort((a, b) => b.count - a.count || (a.source < b.source ? -1 : 1));
  const people = new Map<string, { roles: string[]; events: Set<string> }>();
  for (const s of sources) {
    if (s.person === undefined) continue;
    const entry = people.get(s.person) ?? { roles: [], events: new Set<string>() };
    entry.roles.push(s.source);
    for (const id of s.events) entry.events.add(id);
    people.set(s.person, entry);
  }
  const nameOf = new Map(input.people.map((p) => [p.id, [p.given, p.family].filter(Boolean).join(' ')]));
  return {
    sources,
    people: [...people]
      .map(([person, { roles, events }]) => {
        const name = nameOf.get(person) ?? '';
        return { person, ...(name === '' ? {} : { name }), roles, count: events.size, events: sortedIds(events) };
      })
      .sort((a, b) => b.count - a.count || (a.person < b.person ? -1 : 1)),
    unresolved_roles: sources
      .filter((s) => s.person === undefined && s.category !== 'unknown' && s.category !== 'self')
      .map((s) => s.source),
    by_category: byCategory,
    unrecorded: input.concerns.filter((e) => typeGroup(e.type) === 'harm' && e.source === undefined).length,
  };
}

function lastDayOf(date: string): number {
  return dayRange(date)[1];
}

export function durationOf(input: DimensionInput, settings: AnalysisSettings): Duration {
  const { events, concerns } = input;
  const first = concerns[0];
  const last = concerns[concerns.length - 1];

  const episodes: Duration['episodes'] = [];
  let open: { start: ChronologyEvent; end: ChronologyEvent; concerns: number } | undefined;
  const close = (episode: NonNullable<typeof open>) =>
    episodes.push({
      start: episode.start.date,
      end: episode.end.date,
      days: dayOf(episode.end) - dayOf(episode.start),
      concerns: episode.concerns,
    });
  for (const concern of concerns) {
    if (open && dayOf(concern) - dayOf(open.end) <= settings.episode_gap_days) {
      open = { ...open, end: concern, concerns: open.concerns + 1 };
      continue;
    }
    if (open) close(open);
    open = { start: concern, end: concern, concerns: 1 };
  }
  if (open) close(open);
  const longest = [...episodes].sort((a, b) => b.days - a.days || b.concerns - a.concerns)[0];

  const lastEvent = events[events.length - 1];
  const closures = events.filter((e) => e.type === 'case_closure');
  const periods: Duration['plans']['periods'] = [];
  const intervals: [number, number][] = [];
  let nextClosure = 0;
  for (const plan of events.filter((e) => e.type === 'plan')) {
    const start = dayOf(plan);
    // Plans and closures are in chronological order: the first closure on or after this plan only moves forward.
    while (nextClosure < closures.length && dayOf(closures[nextClosure]!) < start) nextClosure += 1;
    const closure = closures[nextClosure];
    const [end, endDate, endedBy] =
      plan.end_date !== undefined
        ? [lastDayOf(plan.end_date), plan.end_date, 'end_date' as const]
        : closure !== undefined
          ? [dayOf(closure), closure.date, 'case_closure' as const]
          : [dayOf(lastEvent ?? plan), (lastEvent ?? plan).date, 'last_event' as const];
    periods.push({ event: plan.id, start: plan.date, end: endDate, ended_by: endedBy });
    intervals.push([start, Math.max(start, end)]);
  }
  let planDays = 0;
  let reach = -Infinity;
  for (const [start, end] of intervals.sort((a, b) => a[0] - b[0])) {
    if (end <= reach) continue;
    planDays += end - Math.max(start, reach);
    reach = end;
  }

  const referrals = events.filter((e) => e.type === 'referral');
  const met = referrals.filter((e) => e.threshold_met === true).length;
  const notMet = referrals.filter((e) => e.threshold_met === false).length;

  return {
    ...(first === undefined || last === undefined
      ? {}
      : { first: first.date, last: last.date, span_days: dayOf(last) - dayOf(first) }),
    episode_gap_days: settings.episode_gap_days,
    episodes,
    ...(longest === undefined ? {} : { longest_episode: longest }),
    plans: { days: planDays, periods },
    referrals: {
      total: referrals.length,
      threshold_met: met,
      threshold_not_met: notMet,
      ...(met + notMet === 0 ? {} : { share_not_met: round(notMet / (met + notMet)) }),
    },
  };
}

/**
 * One pass over the closures in order, with the concern types seen up to each. The closed work's
 * concern must come back, and (with require_referral) the new referral must be about it: a concern of
 * a type seen before the closure, within referral_days of the referral.
 */
function startAgain(input: DimensionInput, settings: AnalysisSettings): SystemPattern['start_again'] {
  const { events, concerns } = input;
  const { within_days, require_referral, referral_days } = settings.start_again;
  const referrals = events.filter((e) => e.type === 'referral');
  const found: SystemPattern['start_again'] = [];
  const before = new Set<string>();
  let seen = 0;
  let nextReferral = 0;
  for (const closure of events.filter((e) => e.type === 'case_closure')) {
    const closed = dayOf(closure);
    for (; seen < concerns.length && dayOf(concerns[seen]!) <= closed; seen += 1) before.add(concerns[seen]!.type);
    while (nextReferral < referrals.length && dayOf(referrals[nextReferral]!) <= closed) nextReferral += 1;
    const candidate = referrals[nextReferral];
    const referral = candidate !== undefined && dayOf(candidate) <= closed + within_days ? candidate : undefined;
    if (require_referral && referral === undefined) continue;
    const again = concerns.slice(seen).filter((c) => before.has(c.type) && dayOf(c) <= closed + within_days);
    const recurrence =
      referral === undefined ? again : again.filter((c) => Math.abs(dayOf(c) - dayOf(referral)) <= referral_days);
    const first = recurrence[0];
    if (first === undefined) continue;
    found.push({
      closure: closure.id,
      closed: closure.date,
      ...(referral === undefined ? {} : { referral: referral.id, referred: referral.date }),
      recurrence: idsOf(recurrence),
      types: [...new Set(recurrence.map((c) => c.type))].sort(),
      days: dayOf(referral ?? first) - closed,
    });
  }
  return found;
}

/** Each agency's own severity, threshold decision and outcome for one merged event. */
export function accountsOf(event: ChronologyEvent, records: readonly ChronologyRecord[]) {
  const byAgency = new Map<string, { agency: string; severity?: Severity; threshold_met?: boolean; outcome?: string }>();
  for (const source of event.sources) {
    const record = records[source.record];
    if (record === undefined) continue;
    const account = byAgency.get(record.agency) ?? { agency: record.agency };
    if (record.severity !== undefined && (account.severity === undefined || record.severity > account.severity)) {
      account.severity = record.severity as Severity;
    }
    if (record.threshold_met !== undefined && account.threshold_met === undefined) account.threshold_met = record.threshold_met;
    if (record.outcome !== undefined && account.outcome === undefined) account.outcome = record.outcome;
    byAgency.set(record.agency, account);
  }
  return [...byAgency.values()].sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
}

/** Merged events whose agencies disagree about severity, the threshold or what to do (000, "Discord/distortion"). */
function disagreements(input: DimensionInput, settings: AnalysisSettings): SystemPattern['disagreements'] {
  const { severity_gap, closing, escalating } = settings.disagreement;
  return input.events.flatMap((event) => {
    if (event.agencies.length < 2) return [];
    const accounts = accountsOf(event, input.records);
    const severities = accounts.flatMap((a) => (a.severity === undefined ? [] : [a.severity]));
    const about: SystemPattern['disagreements'][number]['about'] = [];
    if (severities.length > 1 && Math.max(...severities) - Math.min(...severities) >= severity_gap) about.push('severity');
    if (accounts.some((a) => a.threshold_met === true) && accounts.some((a) => a.threshold_met === false)) about.push('threshold');
    const closes = accounts.filter((a) => containsPhrase(a.outcome, closing) && !containsPhrase(a.outcome, escalating));
    const escalates = accounts.filter((a) => containsPhrase(a.outcome, escalating));
    if (closes.length > 0 && escalates.length > 0) about.push('outcome');
    return about.length === 0 ? [] : [{ event: event.id, date: event.date, about, accounts }];
  });
}

function singleAgencyConcerns(input: DimensionInput): SystemPattern['single_agency_concerns'] {
  const agencies = new Set(input.events.flatMap((e) => e.agencies));
  if (agencies.size < 2) return [];
  const byType = concernsByType(input.concerns);
  return [...byType]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([type, events]) => {
      const recordedBy = [...new Set(events.flatMap((e) => e.agencies))];
      const [agency] = recordedBy;
      return recordedBy.length === 1 && agency !== undefined ? [{ type, agency, events: idsOf(events) }] : [];
    });
}

function longGaps(input: DimensionInput, settings: AnalysisSettings): SystemPattern['long_gaps'] {
  const { events, concerns } = input;
  const first = concerns[0];
  const last = concerns[concerns.length - 1];
  if (first === undefined || last === undefined) return [];
  const gaps: SystemPattern['long_gaps'] = [];
  for (const [i, next] of events.slice(1).entries()) {
    const previous = events[i] as ChronologyEvent;
    const days = dayOf(next) - dayOf(previous);
    const concernsContinue = dayOf(first) <= dayOf(previous) && dayOf(last) >= dayOf(next);
    if (days > settings.long_gap_days && concernsContinue) {
      gaps.push({ from: previous.id, to: next.id, start: previous.date, end: next.date, days });
    }
  }
  return gaps;
}

export function systemOf(input: DimensionInput, settings: AnalysisSettings): SystemPattern {
  const { events } = input;
  const missed = events.filter((e) => e.type === 'missed_appointment');
  const isHealth = (e: ChronologyEvent) => e.agencies.some((a) => containsPhrase(a, settings.health_agencies));
  return {
    referrals_below_threshold: idsOf(events.filter((e) => e.type === 'referral' && e.threshold_met === false)),
    closed_before_engagement: idsOf(
      events.filter(
        (e) =>
          (e.type === 'assessment' || e.type === 'case_closure') &&
          containsPhrase(e.outcome, settings.closed_before_engagement),
      ),
    ),
    start_again: startAgain(input, settings),
    single_agency_concerns: singleAgencyConcerns(input),
    disagreements: disagreements(input, settings),
    missed_appointments: { total: missed.length, health: missed.filter(isHealth).length, events: idsOf(missed) },
    long_gaps: longGaps(input, settings),
  };
}

type StrengthKind = Strength['kind'];

/** What a strength event records: a caring role (a need, so not a strength), safety, resilience, else a protective factor. */
function strengthKind(event: ChronologyEvent, settings: AnalysisSettings): StrengthKind | 'caring_role' {
  const { caring_role, safety, resilience } = settings.strengths;
  if (containsPhrase(event.description, caring_role)) return 'caring_role';
  if (containsPhrase(event.description, safety)) return 'safety';
  if (containsPhrase(event.description, resilience)) return 'resilience';
  return 'protective';
}

export function strengthsOf(input: DimensionInput, settings: AnalysisSettings): Pick<Dimensions, 'strengths' | 'caring_roles'> {
  const strengths: Strength[] = [];
  const caringRoles: Dimensions['caring_roles'] = [];
  const own = input.events[0]?.person;
  for (const e of input.household) {
    if (e.type !== 'strength') continue;
    const kind = strengthKind(e, settings);
    const entry = { event: e.id, person: e.person, date: e.date, ...(e.description === undefined ? {} : { description: e.description }) };
    // A caring role is the person's own need: another household member's is theirs, not this person's.
    if (kind !== 'caring_role') strengths.push({ ...entry, kind });
    else if (e.person === own) caringRoles.push(entry);
  }
  return { strengths, caring_roles: caringRoles };
}

export function dimensionsOf(input: DimensionInput, settings: AnalysisSettings, mapping: SourceMapping): Dimensions {
  return {
    frequency: frequencyOf(input, settings),
    type: typeOf(input, settings),
    severity: severityOf(input, settings),
    source: sourceOf(input, mapping),
    duration: durationOf(input, settings),
    system: systemOf(input, settings),
    ...strengthsOf(input, settings),
  };
}
