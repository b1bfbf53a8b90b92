import { visible } from '../../errors.js';
import type { OutputFormat, RenderOptions, Report } from '../report.js';
import { analyseText } from '../text/analysis.js';
import { pairsText, personsText } from '../text/persons.js';
import { countsLine, fileTable, problemsBlock } from '../text/summary.js';
import { timelineText } from '../text/timeline.js';

/** The escape codes the painter writes (bold, italic, red, green, yellow and their ends): the only ones a coloured table keeps. */
const PAINTED = /(\x1b\[(?:1|22|3|23|31|32|33|39)m)/;

/**
 * Terminal text with every control character from the data shown escaped (ESC [2J, an OSC title,
 * backspace, CR), so data cannot act on the terminal; line breaks stay, and colour codes when colouring.
 */
export function safeForTerminal(text: string, color: boolean): string {
  const parts = color ? text.split(PAINTED) : [text];
  // split() with a capturing group puts the kept codes at the odd indices.
  return parts.map((part, index) => (index % 2 === 1 ? part : part.split('\n').map(visible).join('\n'))).join('');
}

const joinBlocks = (...blocks: string[]): string => `${blocks.filter((b) => b.length > 0).join('\n\n')}\n`;

function validateText(report: Report, options: RenderOptions): string {
  return joinBlocks(fileTable(report, options), countsLine(report), problemsBlock(report, options, true));
}

function timelineView(report: Report, options: RenderOptions): string {
  return joinBlocks(
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
