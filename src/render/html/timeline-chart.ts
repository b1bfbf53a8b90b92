import { dayNumber, dayRange, precisionOf } from '../../model/date.js';
import type { ChronologyEvent } from '../../model/stages.js';
import { EVENT_TYPES, typeGroup, type EventType } from '../../model/vocabulary.js';
import { axisEnd, axisStart, axisYears, PLOT_X, px, yearStep, type TimeAxis } from './axis.js';
import { anchorId, escapeHtml } from './escape.js';
import { eventTitle, severityLabel, typeLabel, whenLabel } from './event-text.js';
import { GRID, INK, MARKER_TEXT, MUTED, PANEL, SEVERITY_FILL, STRENGTH_FILL, STRENGTH_TINT, UNRATED_STROKE } from './palette.js';

export type LaneKey = 'type' | 'agency';

const { width: WIDTH, left: LEFT, right: RIGHT } = PLOT_X;
const TOP = 6;
const LANE = 30;
const AXIS = 26;

interface Lane {
  label: string;
  /** The vocabulary group a type lane opens, shown at its left. */
  group?: string;
  events: ChronologyEvent[];
}


function lanesOf(events: readonly ChronologyEvent[], key: LaneKey): Lane[] {
  const lanes = new Map<string, ChronologyEvent[]>();
  for (const e of events) {
    for (const name of key === 'type' ? [e.type] : e.agencies) {
      const lane = lanes.get(name);
      if (lane) lane.push(e);
      else lanes.set(name, [e]);
    }
  }
  const order = (name: string): number => (key === 'type' ? EVENT_TYPES.indexOf(name as (typeof EVENT_TYPES)[number]) : 0);
  const sorted = [...lanes.entries()].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map(([name, list], i) => {
    if (key === 'agency') return { label: name, events: list };
    const group = typeGroup(name as EventType);
    const opens = i === 0 || typeGroup(sorted[i - 1]![0] as EventType) !== group;
    return { label: typeLabel(name), events: list, ...(opens ? { group } : {}) };
  });
}

const radius = (e: ChronologyEvent): number => (e.severity === undefined ? 6 : 5 + e.severity);

/** A strength is a green diamond, a rated concern a filled circle, an unrated one a dashed outline. */
function pointMarker(e: ChronologyEvent, cx: number, y: number): string {
  if (e.type === 'strength') {
    const r = radius(e) + 1.5;
    const fill = e.severity === undefined ? STRENGTH_TINT : STRENGTH_FILL;
    return `<path d="M${px(cx)} ${px(y - r)}L${px(cx + r)} ${px(y)}L${px(cx)} ${px(y + r)}L${px(cx - r)} ${px(y)}Z" fill="${fill}" stroke="${STRENGTH_FILL}" stroke-width="1.5"/>`;
  }
  return e.severity === undefined
    ? `<circle cx="${px(cx)}" cy="${px(y)}" r="6" fill="#ffffff" stroke="${UNRATED_STROKE}" stroke-width="1.5" stroke-dasharray="2 1.5"/>`
    : `<circle cx="${px(cx)}" cy="${px(y)}" r="${radius(e)}" fill="${SEVERITY_FILL[e.severity]}" stroke="#ffffff" stroke-width="1"/>`;
}

/** The colour that draws an event: green for a strength, else its severity's colour, grey when unrated. */
function colourOf(e: ChronologyEvent): string {
  if (e.type === 'strength') return STRENGTH_FILL;
  return e.severity === undefined ? UNRATED_STROKE : SEVERITY_FILL[e.severity];
}

/** The drawing of one event in one lane: a point for a known day, a dashed span for a month or year. */
function mark(e: ChronologyEvent, y: number, x: (day: number) => number): string {
  const colour = colourOf(e);
  const [first, last] = dayRange(e.date);
  const parts: string[] = [];
  if (e.end_date) {
    const end = dayRange(e.end_date)[1] + 1;
    parts.push(
      `<rect class="period" x="${px(x(first))}" y="${px(y - 2)}" width="${px(Math.max(2, x(end) - x(first)))}" height="4" fill="${colour}" opacity="0.55"/>`,
    );
  }
  const digit = e.severity === undefined ? '' : String(e.severity);
  if (precisionOf(e.date) === 'month' || precisionOf(e.date) === 'year') {
    const x0 = x(first);
    const width = Math.max(10, x(last + 1) - x0);
    parts.push(
      `<rect class="span" x="${px(x0)}" y="${px(y - 8)}" width="${px(width)}" height="16" rx="3" fill="${colour}" fill-opacity="0.22" stroke="${colour}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
      digit ? `<text x="${px(x0 + width / 2)}" y="${px(y + 3.5)}" fill="${INK}" class="digit">${digit}</text>` : '',
    );
  } else {
    const cx = x(first + 0.5);
    parts.push(
      pointMarker(e, cx, y),
      digit ? `<text x="${px(cx)}" y="${px(y + 3.5)}" fill="${MARKER_TEXT}" class="digit">${digit}</text>` : '',
    );
  }
  const label = `${e.id}: ${whenLabel(e)}, ${typeLabel(e.type)}, severity ${severityLabel(e.severity)}, ${e.agencies.join(', ')}`;
  const id = anchorId(e.id);
  return (
    `<a class="mk" href="#${id}" data-event="${id}" tabindex="0" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(eventTitle(e))}</title>${parts.join('')}</a>`
  );
}

/** One person's events on the report's time axis, one lane per type or per agency. */
export function timelineChart(
  personLabel: string,
  events: readonly ChronologyEvent[],
  axis: TimeAxis,
  key: LaneKey,
): string {
  const lanes = lanesOf(events, key);
  const height = TOP + lanes.length * LANE + AXIS;
  const bottom = TOP + lanes.length * LANE;
  const start = axisStart(axis);
  const span = axisEnd(axis) - start;
  const x = (day: number): number => LEFT + ((day - start) / span) * (WIDTH - LEFT - RIGHT);
  const laneY = (index: number): number => TOP + index * LANE + LANE / 2;
  const step = yearStep(axis);

  const backgrounds = lanes.map(
    (lane, i) =>
      `<rect x="0" y="${TOP + i * LANE}" width="${WIDTH}" height="${LANE}" fill="${i % 2 === 0 ? PANEL : '#ffffff'}"/>` +
      `<text x="${LEFT - 10}" y="${px(laneY(i) + 4)}" class="lane-label" fill="${INK}">${escapeHtml(lane.label)}</text>` +
      (lane.group === undefined
        ? ''
        : `${i === 0 ? '' : `<line x1="0" x2="${WIDTH}" y1="${TOP + i * LANE}" y2="${TOP + i * LANE}" stroke="${MUTED}"/>`}` +
          // The group names the band at its top edge, above the lane's own label, so the two never overlap.
          `<text x="6" y="${TOP + i * LANE + 10}" class="group-label" fill="${MUTED}">${escapeHtml(lane.group)}</text>`),
  );
  // One year per step is labelled: in the middle of its year when every year is, else at its tick.
  const ticks = axisYears(axis)
    .filter((year) => (year - axis.firstYear) % step === 0)
    .map((year) => {
      const tx = x(dayNumber(year, 1, 1));
      const at = step === 1 ? (tx + x(dayNumber(year + 1, 1, 1))) / 2 : tx;
      return (
        `<line x1="${px(tx)}" x2="${px(tx)}" y1="${TOP}" y2="${bottom + 6}" stroke="${GRID}"/>` +
        `<text x="${px(Math.min(at, WIDTH - RIGHT - 14))}" y="${bottom + 17}" class="tick mid" fill="${MUTED}">${year}</text>`
      );
    });
  const endTick = `<line x1="${px(x(axisEnd(axis)))}" x2="${px(x(axisEnd(axis)))}" y1="${TOP}" y2="${bottom + 6}" stroke="${GRID}"/>`;
  const rowOf = new Map<ChronologyEvent, number[]>();
  lanes.forEach((lane, i) => lane.events.forEach((e) => (rowOf.get(e) ?? rowOf.set(e, []).get(e)!).push(i)));
  const links = [...rowOf.entries()]
    .filter(([, rows]) => rows.length > 1)
    .map(([e, rows]) => {
      const cx = px(x(dayRange(e.date)[0] + 0.5));
      return `<line class="known-to" x1="${cx}" x2="${cx}" y1="${px(laneY(Math.min(...rows)))}" y2="${px(laneY(Math.max(...rows)))}" stroke="${MUTED}" stroke-width="1.5"/>`;
    });
  const marks = lanes.flatMap((lane, i) => lane.events.map((e) => mark(e, laneY(i), x)));
  const description =
    key === 'type'
      ? `Timeline of ${personLabel}: ${events.length} events in ${lanes.length} lanes, one per type, from ${axis.firstYear} to ${axis.endYear - 1}.`
      : `Timeline of ${personLabel}: ${events.length} events in ${lanes.length} lanes, one per recording agency, from ${axis.firstYear} to ${axis.endYear - 1}. An event known to several agencies appears in each of their lanes, joined by a line.`;
  return (
    `<svg class="timeline-svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="group" aria-label="${escapeHtml(description)}">` +
    backgrounds.join('') +
    ticks.join('') +
    endTick +
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${bottom}" y2="${bottom}" stroke="${MUTED}"/>` +
    links.join('') +
    marks.join('') +
    '</svg>'
  );
}

/** The key to the markers, drawn with the same shapes as the chart. */
export function timelineLegend(): string {
  const items: string[] = [];
  let cx = 8;
  for (const s of [1, 2, 3, 4, 5] as const) {
    const r = 5 + s;
    cx += r;
    items.push(
      `<circle cx="${cx}" cy="12" r="${r}" fill="${SEVERITY_FILL[s]}"/><text x="${cx}" y="15.5" fill="${MARKER_TEXT}" class="digit">${s}</text>`,
    );
    cx += r + 4;
  }
  items.push(`<text x="${cx + 2}" y="16" class="legend-text" fill="${INK}">severity 1 (low) to 5 (critical)</text>`);
  cx += 230;
  items.push(
    `<circle cx="${cx}" cy="12" r="6" fill="#ffffff" stroke="${UNRATED_STROKE}" stroke-width="1.5" stroke-dasharray="2 1.5"/>`,
    `<text x="${cx + 10}" y="16" class="legend-text" fill="${INK}">not rated</text>`,
  );
  cx += 90;
  items.push(
    `<rect x="${cx}" y="4" width="26" height="16" rx="3" fill="${UNRATED_STROKE}" fill-opacity="0.22" stroke="${UNRATED_STROKE}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
    `<text x="${cx + 34}" y="16" class="legend-text" fill="${INK}">date known to the month or year only</text>`,
  );
  cx += 300;
  items.push(
    `<rect x="${cx}" y="10" width="30" height="4" fill="${UNRATED_STROKE}" opacity="0.55"/>`,
    `<text x="${cx + 38}" y="16" class="legend-text" fill="${INK}">period to its end date</text>`,
  );
  cx += 190;
  items.push(
    `<path d="M${cx} 4L${cx + 8} 12L${cx} 20L${cx - 8} 12Z" fill="${STRENGTH_TINT}" stroke="${STRENGTH_FILL}" stroke-width="1.5"/>`,
    `<text x="${cx + 14}" y="16" class="legend-text" fill="${INK}">strength</text>`,
  );
  cx += 80;
  return `<svg class="legend" viewBox="0 0 ${cx} 26" width="${cx}" height="26" role="img" aria-label="Key: marker size and colour show severity 1 to 5, and the number inside it; a dashed outline means not rated; a dashed box spans a date known only to the month or year; a bar shows a period to its end date; a green diamond is a strength.">${items.join('')}</svg>`;
}
