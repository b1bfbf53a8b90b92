import type { ChronologyEvent } from '../../model/stages.js';
import { typeGroup } from '../../model/vocabulary.js';
import { axisYears, PLOT_X, px, yearStep, type TimeAxis } from './axis.js';
import { escapeHtml } from './escape.js';
import { GRID, GROUP_FILL, INK, MUTED, type ConcernGroup } from './palette.js';

const { width: WIDTH, left: LEFT, right: RIGHT } = PLOT_X;
const TOP = 22;
const PLOT = 150;
const BOTTOM = 44;
const GROUPS = Object.keys(GROUP_FILL) as ConcernGroup[];
const GROUP_LABEL: Record<ConcernGroup, string> = {
  harm: 'harm',
  household: 'household and parental factors',
  presentation: 'presentation',
};

/** Concerns (harm, household and presentation events) per calendar year and group, as the analysis counts them. */
export function concernsPerYear(events: readonly ChronologyEvent[], axis: TimeAxis): Map<number, Record<ConcernGroup, number>> {
  const counts = new Map(axisYears(axis).map((y) => [y, { harm: 0, household: 0, presentation: 0 }]));
  for (const e of events) {
    const group = typeGroup(e.type);
    if (group !== 'harm' && group !== 'household' && group !== 'presentation') continue;
    const year = counts.get(Number(e.date.slice(0, 4)));
    if (year) year[group] += 1;
  }
  return counts;
}

/** A tick every 1, 2, 5, 10... concerns, so that there are at most about five of them. */
function tickStep(max: number): number {
  for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500]) if (max / step <= 5) return step;
  return 10 ** Math.ceil(Math.log10(max / 5));
}

/** A stacked bar per year (a figure): how often concerns were recorded, by group, over the report's years. */
export function frequencyChart(personLabel: string, events: readonly ChronologyEvent[], axis: TimeAxis): string {
  const counts = concernsPerYear(events, axis);
  const totals = [...counts.entries()].map(([year, c]) => [year, c.harm + c.household + c.presentation] as const);
  if (totals.every(([, t]) => t === 0)) return `<p>No harm, household or presentation concern recorded for ${escapeHtml(personLabel)}.</p>`;
  const max = Math.max(...totals.map(([, t]) => t));
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (n: number): number => TOP + PLOT - (n / top) * PLOT;
  const slot = (WIDTH - LEFT - RIGHT) / counts.size;
  const barWidth = Math.min(60, slot * 0.6);
  const labelStep = yearStep(axis);

  const grid: string[] = [];
  for (let n = 0; n <= top; n += step) {
    grid.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(y(n))}" y2="${px(y(n))}" stroke="${GRID}"/>`,
      `<text x="${LEFT - 8}" y="${px(y(n) + 4)}" class="tick end" fill="${MUTED}">${n}</text>`,
    );
  }
  const bars = [...counts.entries()].map(([year, c], i) => {
    const x = LEFT + slot * i + (slot - barWidth) / 2;
    let base = 0;
    const segments = GROUPS.filter((g) => c[g] > 0).map((g) => {
      const segment = `<rect x="${px(x)}" y="${px(y(base + c[g]))}" width="${px(barWidth)}" height="${px(y(base) - y(base + c[g]))}" fill="${GROUP_FILL[g]}" stroke="#ffffff"><title>${year}: ${c[g]} ${escapeHtml(GROUP_LABEL[g])} concern${c[g] === 1 ? '' : 's'}</title></rect>`;
      base += c[g];
      return segment;
    });
    const total = base > 0 ? `<text x="${px(x + barWidth / 2)}" y="${px(y(base) - 5)}" class="tick mid" fill="${INK}">${base}</text>` : '';
    const label =
      (year - axis.firstYear) % labelStep === 0
        ? `<text x="${px(labelStep === 1 ? x + barWidth / 2 : LEFT + slot * i)}" y="${TOP + PLOT + 17}" class="tick mid" fill="${MUTED}">${year}</text>`
        : '';
    return `${segments.join('')}${total}${label}`;
  });
  const legend = GROUPS.map((g, i) => {
    const lx = LEFT + i * 240;
    return `<rect x="${lx}" y="${TOP + PLOT + 28}" width="12" height="12" fill="${GROUP_FILL[g]}"/><text x="${lx + 18}" y="${TOP + PLOT + 38}" class="legend-text" fill="${INK}">${escapeHtml(GROUP_LABEL[g])}</text>`;
  });
  const summary = totals.map(([year, t]) => `${year}: ${t}`).join(', ');
  const axisTitle = `<text x="${px(LEFT - 60)}" y="${px(TOP + PLOT / 2)}" class="axis-title end" fill="${INK}" transform="rotate(-90 ${px(LEFT - 60)} ${px(TOP + PLOT / 2)})">concerns per year</text>`;
  return (
    `<figure><svg class="frequency-svg" viewBox="0 0 ${WIDTH} ${TOP + PLOT + BOTTOM}" width="100%" role="img" aria-label="${escapeHtml(`Concerns recorded per year for ${personLabel}: ${summary}.`)}">` +
    grid.join('') +
    axisTitle +
    bars.join('') +
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(y(0))}" y2="${px(y(0))}" stroke="${MUTED}"/>` +
    legend.join('') +
    '</svg><figcaption>Harm, household and presentation concerns recorded each calendar year; the number above a bar is its total.</figcaption></figure>'
  );
}
