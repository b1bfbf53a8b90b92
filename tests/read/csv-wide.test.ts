import { describe, expect, it } from 'vitest';
import { csvFormat } from '../../src/read/csv.js';
import { hasFastProperties, sameCopy } from '../v8-natives.js';
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

  it('keep one copy of each value of an unknown column whose values repeat', async () => {
    const lines = ['agency,date,type,case_ref,contact_method'];
    for (let row = 0; row < 3000; row++) lines.push(`police,2021-03-04,missing,CR-${row},${['phone', 'visit', 'letter'][row % 3]} contact`);
    const path = writeTemp('unknown-columns.csv', `${lines.join('\n')}\n`);
    const rows = await readAll(await csvFormat.open(path, { displayPath: 'unknown-columns.csv' }));
    const values = rows.map((row) => {
      if (isRejected(row)) throw new Error(row.reason);
      return row.values;
    });
    // Values made from different parts of the file's text are the same copy only when interned.
    expect(values[0]?.contact_method).toBe('phone contact');
    expect(sameCopy(values[0]?.contact_method, values[2997]?.contact_method)).toBe(true);
    expect(values.map((v) => v.case_ref)).toEqual(Array.from({ length: 3000 }, (_, row) => `CR-${row}`));
  });

  it('stop keeping one copy of each value of a column whose first window was mostly new values', async () => {
    const lines = ['agency,date,type,case_ref'];
    // 1,024 new values, then the same few over and over: judged on the first window, so not kept once.
    for (let row = 0; row < 3000; row++) lines.push(`police,2021-03-04,missing,case reference ${row < 1024 ? row : row % 3}`);
    const path = writeTemp('unique-first.csv', `${lines.join('\n')}\n`);
    const rows = await readAll(await csvFormat.open(path, { displayPath: 'unique-first.csv' }));
    const refs = rows.map((row) => (isRejected(row) ? '' : (row.values.case_ref ?? '')));
    expect(refs[2000]).toBe(refs[2003]);
    expect(sameCopy(refs[2000], refs[2003])).toBe(false);
  });

  it('stop keeping one copy of each value of a column whose values turn mostly new later in the file', async () => {
    const lines = ['agency,date,type,note'];
    // Repeating for 3,000 rows (kept once), unique for 3,000 (as in a file sorted by it), then repeating again.
    for (let row = 0; row < 7000; row++) lines.push(`police,2021-03-04,missing,note ${row < 3000 || row >= 6000 ? row % 3 : row}`);
    const path = writeTemp('unique-later.csv', `${lines.join('\n')}\n`);
    const rows = await readAll(await csvFormat.open(path, { displayPath: 'unique-later.csv' }));
    const notes = rows.map((row) => (isRejected(row) ? '' : (row.values.note ?? '')));
    expect(sameCopy(notes[0], notes[2997])).toBe(true);
    expect(notes[6000]).toBe(notes[6003]);
    expect(sameCopy(notes[6000], notes[6003])).toBe(false);
  });
});
