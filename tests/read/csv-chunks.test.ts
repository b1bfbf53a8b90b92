import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/model/record.js';
import { csvFormat } from '../../src/read/csv.js';
import { isRejected, readAll, writeTemp } from './helpers.js';

describe('CSV read over many chunks', () => {
  it('keeps every row, value and starting line when records span the 64 KiB reads', async () => {
    // Every third record holds a quoted line break, so records cross chunk boundaries at every offset.
    const rows = Array.from({ length: 6000 }, (_, index) => ({
      date: `0${(index % 9) + 1}/03/2021`,
      agency: index % 2 === 0 ? 'Police' : 'Health',
      description: index % 3 === 0 ? `line one ${index}\nline two` : `note ${index}`,
    }));
    const text = ['date,agency,description', ...rows.map((r) => `${r.date},${r.agency},"${r.description}"`)].join('\n');
    const path = writeTemp('chunks.csv', text);
    const read = await readAll(await csvFormat.open(path, { displayPath: 'chunks.csv' }));
    expect(read.some(isRejected)).toBe(false);
    expect(read.map((row) => (row as RawRow).values)).toEqual(rows);
    let line = 2;
    for (const [index, row] of read.entries()) {
      expect(row.line).toBe(line);
      line += index % 3 === 0 ? 2 : 1;
    }
  });

  it('rejects an unclosed quote on its line after the rows before it, far into the file', async () => {
    const good = Array.from({ length: 5000 }, (_, index) => `2021-03-01,Police,row ${index}`);
    const path = writeTemp('late-quote.csv', ['date,agency,description', ...good, '2021-03-02,Police,"never closed'].join('\n'));
    const read = await readAll(await csvFormat.open(path, { displayPath: 'late-quote.csv' }));
    expect(read).toHaveLength(5001);
    const last = read[5000];
    expect(last && isRejected(last) ? [last.line, last.reason] : undefined).toEqual([
      5002,
      'a quoted field is never closed; the rest of the file was not read',
    ]);
  });
});
