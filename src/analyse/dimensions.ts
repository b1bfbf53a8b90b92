import { remember } from '../util/remember.js';
import { dayRange } from '../model/date.js';
import type { ChronologyEvent } from '../model/stages.js';
import { type EventType, typeGroup } from '../model/vocabulary.js';
import { containsPhrase, dayOf, idsOf, normaliseText, round } from './events.js';
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

/** Events sorted chronologically; every function here relies on that order. */
export interface DimensionInput {
  events: readonly ChronologyEvent[];
  concerns: readonly ChronologyEvent[];
  household: readonly ChronologyEvent[];
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

export function severityOf(input: DimensionInput, settings: AnalysisSettings): SeverityDimension {
  const rated = input.concerns.flatMap((e) => (e.severity === undefined ? [] : [e.severity]));
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, unknown: input.concerns.length - rated.length };
  for (const s of rated) distribution[s] += 1;
  const third = Math.floor(rated.length / 3);
  const low = rated.filter((s) => s <= settings.low_severity_max).length;
  const max = rated.length === 0 ? undefined : (Math.max(...rated) as SeverityDimension['max']);
  const trend: SeverityDimension['trend'] = { rated: rated.length };
  if (third > 0) {
    const firstMean = round(mean(rated.slice(0, third)));
    const lastMean = round(mean(rated.slice(-third)));
    Object.assign(trend, { first_third_mean: firstMean, last_third_mean: lastMean, rise: round(lastMean - firstMean) });
  }
  return {
    distribution,
    ...(max === undefined ? {} : { max }),
    trend,
    low_level: {
      max_severity: settings.low_severity_max,
      count: low,
      ...(rated.length === 0 ? {} : { share: round(low / rated.length) }),
    },
  };
}

/** A source as compared with the mapping: normalised text without apostrophes ("mothers partner"). */
function sourceKey(source: string): string {
  return normaliseText(source).replace(/'/g, '');
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
  const byCategory = { intra_familial: 0, extra_familial: 0, self: 0, unknown: 0 };
  const sources = [...groups.values()]
    .map(({ labels, events }) => {
      const source = [...labels].sort()[0] ?? '';
      const category = sourceCategoryOf(source, mapping);
      byCategory[category] += events.length;
      return { source, category, count: events.length, events: idsOf(events) };
    })
    .sort((a, b) => b.count - a.count || (a.source < b.source ? -1 : 1));
  return {
    sources,
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

/** One pass over the closures in order: concern types seen so far, and a window of concerns and referrals just after. */
function startAgain(input: DimensionInput, settings: AnalysisSettings): SystemPattern['start_again'] {
  const { events, concerns } = input;
  const { within_days, require_referral } = settings.start_again;
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
    const recurrence: ChronologyEvent[] = [];
    for (let k = seen; k < concerns.length && dayOf(concerns[k]!) <= closed + within_days; k += 1) {
      if (before.has(concerns[k]!.type)) recurrence.push(concerns[k]!);
    }
    const firstRecurrence = recurrence[0];
    if (firstRecurrence === undefined || (require_referral && referral === undefined)) continue;
    found.push({
      closure: closure.id,
      closed: closure.date,
      ...(referral === undefined ? {} : { referral: referral.id }),
      recurrence: idsOf(recurrence),
      types: [...new Set(recurrence.map((c) => c.type))].sort(),
      days: dayOf(firstRecurrence) - closed,
    });
  }
  return found;
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
    missed_appointments: { total: missed.length, health: missed.filter(isHealth).length, events: idsOf(missed) },
    long_gaps: longGaps(input, settings),
  };
}

export function strengthsOf(input: DimensionInput): Strength[] {
  return input.household
    .filter((e) => e.type === 'strength')
    .map((e) => ({
      event: e.id,
      person: e.person,
      date: e.date,
      ...(e.description === undefined ? {} : { description: e.description }),
    }));
}

export function dimensionsOf(input: DimensionInput, settings: AnalysisSettings, mapping: SourceMapping): Dimensions {
  return {
    frequency: frequencyOf(input, settings),
    type: typeOf(input, settings),
    severity: severityOf(input, settings),
    source: sourceOf(input, mapping),
    duration: durationOf(input, settings),
    system: systemOf(input, settings),
    strengths: strengthsOf(input),
  };
}
