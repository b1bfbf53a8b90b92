import { CAUTION } from '../../analyse/index.js';
import type { OutputFormat, RenderOptions, Report } from '../report.js';
import { painter, wrapText } from '../text/table.js';
import { analyseText } from '../text/analysis.js';
import { pairsText, personsText } from '../text/persons.js';
import { countsLine, fileTable, problemsBlock } from '../text/summary.js';
import { safeForTerminal } from '../text/table.js';
import { timelineText } from '../text/timeline.js';

const joinBlocks = (...blocks: string[]): string => `${blocks.filter((b) => b.length > 0).join('\n\n')}\n`;

function validateText(report: Report, options: RenderOptions): string {
  return joinBlocks(fileTable(report, options), countsLine(report), problemsBlock(report, options, true));
}

function timelineView(report: Report, options: RenderOptions): string {
  return joinBlocks(
    painter(options.color).italic(wrapText(CAUTION, options.width)),
    timelineText(report, options),
    countsLine(report, report.linkage?.persons.length, report.events?.length),
    problemsBlock(report, options, false),
  );
}

export const tableFormat: OutputFormat = {
  name: 'table',
  views: Object.fromEntries(
    Object.entries({ validate: validateText, timeline: timelineView, analyse: analyseText, persons: personsText, pairs: pairsText }).map(
      ([view, text]) => [view, (report: Report, options: RenderOptions) => safeForTerminal(text(report, options), options.color)],
    ),
  ),
};
