import { describe, expect, it } from 'vitest';
import { csvFormat } from '../../src/read/csv.js';
import { hasFastProperties } from '../v8-natives.js';
import { isRejected, readAll, writeTemp } from './helpers.js';

const COLUMNS = 30;

function wideCsv(rows: number): string {
  const header = ['agency', 'date', 'type', ...Array.from({ length: COLUMNS - 3 }, (_, i) => `extra_${i}`)];
  const lines = [header.join(',')];
  for (let row = 0; row < rows; row++) {
    // Every row leaves a different cell blank, as exports do.
    lines.push(header.map((_, i) => (i === 3 + (row % (COLUMNS - 3)) ? '' : `v${row}-${i}`)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('rows of wide exports', () => {
  it('are fast objects: a 30-column row is not a dictionary', async () => {
    const path = writeTemp('wide.csv', wideCsv(200));
    const rows = await readAll(await csvFormat.open(path, { displayPath: 'wide.csv' }));
    expect(rows).toHaveLength(200);
    for (const row of rows) {
      if (isRejected(row)) throw new Error(row.reason);
      expect(Object.keys(row.values)).toHaveLength(COLUMNS - 1);
      expect(hasFastProperties(row.values)).toBe(true);
    }
  });
});
