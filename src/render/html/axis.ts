import { dayNumber, dayRange } from '../../model/date.js';
import type { ChronologyEvent } from '../../model/stages.js';

/** Both charts share this horizontal geometry, so a year sits at the same place in each. */
export const PLOT_X = { width: 1000, left: 250, right: 14 } as const;

/** Whole calendar years that hold every event of the report, so that people's charts line up. */
export interface TimeAxis {
  firstYear: number;
  /** Exclusive: the axis ends on 1 January of this year. */
  endYear: number;
}

export function axisFor(events: readonly ChronologyEvent[]): TimeAxis | undefined {
  if (events.length === 0) return undefined;
  let first = Infinity;
  let last = -Infinity;
  for (const e of events) {
    first = Math.min(first, dayRange(e.date)[0]);
    last = Math.max(last, dayRange(e.end_date ?? e.date)[1]);
  }
  const yearOf = (day: number): number => new Date(day * 86_400_000).getUTCFullYear();
  return { firstYear: yearOf(first), endYear: yearOf(last) + 1 };
}

export const axisStart = (axis: TimeAxis): number => dayNumber(axis.firstYear, 1, 1);
export const axisEnd = (axis: TimeAxis): number => dayNumber(axis.endYear, 1, 1);

export function axisYears(axis: TimeAxis): number[] {
  return Array.from({ length: axis.endYear - axis.firstYear }, (_, i) => axis.firstYear + i);
}

/** A label every `step` years keeps at most about twelve labels on the axis. */
export const yearStep = (axis: TimeAxis): number => Math.max(1, Math.ceil((axis.endYear - axis.firstYear) / 12));

/** Rounds drawing coordinates so the output is short and byte-stable. */
export const px = (value: number): string => String(Math.round(value * 10) / 10);
