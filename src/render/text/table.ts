import { randomBytes } from 'node:crypto';
import Table from 'cli-table3';
import { oneLine, visible } from '../../errors.js';

/** The styles text views use, as SGR codes that open and close them. */
const STYLES = { bold: [1, 22], dim: [2, 22], italic: [3, 23], red: [31, 39], green: [32, 39], yellow: [33, 39] } as const;
type StyleName = keyof typeof STYLES;
export type Paint = ((text: string) => string) & { readonly [name in StyleName]: Paint };

/**
 * Painted text carries marks, not colour codes: a NUL and a nonce drawn for this run, then the
 * code. Data cannot forge a mark, so safeForTerminal can turn marks into colour and show every
 * control character of the data escaped, whatever text the paint was applied to (a person's name).
 */
const MARK = `\u0000${randomBytes(8).toString('hex')}`;
const MARKED = new RegExp(`${MARK}(\\d+)m`);

function paintWith(color: boolean, styles: readonly (readonly [number, number])[]): Paint {
  const paint = ((text: string) =>
    color ? styles.reduceRight((inner, [open, close]) => `${MARK}${open}m${inner}${MARK}${close}m`, text) : text) as Paint;
  for (const [name, codes] of Object.entries(STYLES)) {
    Object.defineProperty(paint, name, { get: () => paintWith(color, [...styles, codes]) });
  }
  return paint;
}

export function painter(color: boolean): Paint {
  return paintWith(color, []);
}

/**
 * A text view as written to the terminal: the painter's marks become colour codes (or nothing
 * without colour), and every control character from the data is shown escaped (ESC [2J, an OSC
 * title, backspace, CR), so data cannot act on the terminal. Line breaks stay.
 */
export function safeForTerminal(text: string, color: boolean): string {
  // split() with a capturing group puts the marks' codes at the odd indices.
  return text
    .split(MARKED)
    .map((part, index) => (index % 2 === 1 ? (color ? `\x1b[${part}m` : '') : part.split('\n').map(visible).join('\n')))
    .join('');
}

/**
 * A cell as cli-table3 must see it: the data escaped onto one line (a line break in a file name
 * would start a new row) and the marks as colour codes, which it measures around. The table's
 * text turns them back into marks, so that its data, already escaped, is not escaped twice.
 */
function cellText(cell: string): string {
  return cell
    .split(MARKED)
    .map((part, index) => (index % 2 === 1 ? `\x1b[${part}m` : oneLine(part)))
    .join('');
}

/** A plain, border-light table; colour only in the header when allowed. */
export function textTable(
  head: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  options: { color: boolean; widths?: readonly (number | null)[] },
): string {
  const paint = painter(options.color);
  const table = new Table({
    head: head.map((h) => cellText(paint.bold(h))),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '─', 'mid-mid': '─', right: '', 'right-mid': '', middle: '',
    },
    ...(options.widths ? { colWidths: [...options.widths], wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  for (const row of rows) table.push(row.map((cell) => cellText(String(cell))));
  return table
    .toString()
    .replace(/\x1b\[(\d+)m/g, (_code, code: string) => `${MARK}${code}m`)
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
