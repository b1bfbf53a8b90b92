import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';

export function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

/** A plain, border-light table; colour only in the header when allowed. */
export function textTable(
  head: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  options: { color: boolean; widths?: readonly (number | null)[] },
): string {
  const paint = painter(options.color);
  const table = new Table({
    head: head.map((h) => paint.bold(h)),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '─', 'mid-mid': '─', right: '', 'right-mid': '', middle: '',
    },
    ...(options.widths ? { colWidths: [...options.widths], wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  for (const row of rows) table.push(row.map(String));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Text wrapped at word boundaries to a width; lines after the first start with `indent`. A word longer than the width stands alone. */
export function wrapText(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const prefix = lines.length === 0 ? '' : indent;
    if (line !== '' && prefix.length + line.length + 1 + word.length > width) {
      lines.push(`${prefix}${line}`);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '' || lines.length === 0) lines.push(`${lines.length === 0 ? '' : indent}${line}`);
  return lines.join('\n');
}
