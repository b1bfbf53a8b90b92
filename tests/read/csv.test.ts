import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { csvFormat, MAX_COLUMNS, sniffDelimiter } from '../../src/read/csv.js';
import type { ReadOptions } from '../../src/read/types.js';
import { isRejected, readAll, writeTemp } from './helpers.js';

const options: ReadOptions = { displayPath: 'police.csv' };

async function readCsv(content: string | Buffer, extra: Partial<ReadOptions> = {}) {
  const path = writeTemp(`input-${Math.random().toString(36).slice(2)}.csv`, content);
  const input = await csvFormat.open(path, { ...options, ...extra });
  return { input, rows: await readAll(input) };
}

async function openError(content: string | Buffer, extra: Partial<ReadOptions> = {}): Promise<InputError> {
  const error = await readCsv(content, extra).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('CSV rows and line numbers', () => {
  it('gives each record the line it starts on, past quoted newlines, CRLF and blank lines', async () => {
    const csv =
      'Record ID,Date,Description\r\n' +
      'R1,2021-03-04,"Seen at home,\r\nmother present"\r\n' +
      'R2,2021-03-05,"said ""no""\r\n\r\nthen left"\r\n' +
      '\r\n' +
      'R3,2021-03-06,plain\r\n';
    const { input, rows } = await readCsv(csv);
    expect(input.columns).toEqual(['Record ID', 'Date', 'Description']);
    expect(rows).toEqual([
      { file: 'police.csv', line: 2, values: { record_id: 'R1', date: '2021-03-04', description: 'Seen at home,\r\nmother present' } },
      { file: 'police.csv', line: 4, values: { record_id: 'R2', date: '2021-03-05', description: 'said "no"\r\n\r\nthen left' } },
      { file: 'police.csv', line: 8, values: { record_id: 'R3', date: '2021-03-06', description: 'plain' } },
    ]);
  });

  it('trims cells, omits empty ones and skips rows of empty cells', async () => {
    const { rows } = await readCsv('date,type,outcome\n 2021-01-01 , neglect ,\n,,\n2021-01-02,contact,  \n');
    expect(rows).toEqual([
      { file: 'police.csv', line: 2, values: { date: '2021-01-01', type: 'neglect' } },
      { file: 'police.csv', line: 4, values: { date: '2021-01-02', type: 'contact' } },
    ]);
  });

  it('rejects a row with too many or too few fields and reads on', async () => {
    const { rows } = await readCsv('a,b,c\n1,2,3\n1,2\n1,2,3,4,5\n7,8,9');
    expect(rows).toEqual([
      { file: 'police.csv', line: 2, values: { a: '1', b: '2', c: '3' } },
      { file: 'police.csv', line: 3, reason: 'row has 2 fields, the header has 3' },
      { file: 'police.csv', line: 4, reason: 'row has 5 fields, the header has 3' },
      { file: 'police.csv', line: 5, values: { a: '7', b: '8', c: '9' } },
    ]);
  });

  it('skips title lines above the header but still counts them', async () => {
    const { input, rows } = await readCsv('Chronology export, "Smith family"\nPrinted 2021\nDate,Type\n2021-01-01,contact\n', {
      skipLines: 2,
    });
    expect(input.columns).toEqual(['Date', 'Type']);
    expect(rows).toEqual([{ file: 'police.csv', line: 4, values: { date: '2021-01-01', type: 'contact' } }]);
  });

  it('rejects a row containing a NUL byte', async () => {
    const { rows } = await readCsv('a,b\nx\0y,z\n1,2\n');
    expect(rows).toEqual([
      { file: 'police.csv', line: 2, reason: 'contains a NUL byte' },
      { file: 'police.csv', line: 3, values: { a: '1', b: '2' } },
    ]);
  });

  it('rejects the record with an unclosed quote and stops there', async () => {
    const { rows } = await readCsv('a,b\n1,2\n3,"never closed\n4,5\n6,7\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ file: 'police.csv', line: 3 });
    expect(isRejected(rows[1]!) && rows[1].reason).toMatch(/^a quoted field is never closed/);
  });

  it('rejects a record longer than the limit instead of buffering it', async () => {
    const { rows } = await readCsv(`a,b\n1,2\n3,"${'x'.repeat(1_100_000)}"\n4,5\n`);
    expect(rows[0]).toEqual({ file: 'police.csv', line: 2, values: { a: '1', b: '2' } });
    expect(rows[1]).toMatchObject({ file: 'police.csv', line: 3 });
    expect(isRejected(rows[1]!) && rows[1].reason).toMatch(/^record longer than 1 MiB/);
  });
});

describe('CSV headers', () => {
  it('normalises header names for the keys and keeps them as written in columns', async () => {
    const { input, rows } = await readCsv('Record ID,Threshold-Met,NHS  Number\nR1,yes,123\n');
    expect(input.columns).toEqual(['Record ID', 'Threshold-Met', 'NHS  Number']);
    expect(rows[0]).toMatchObject({ values: { record_id: 'R1', threshold_met: 'yes', nhs_number: '123' } });
  });

  it('refuses duplicate header names, naming the column and the header line', async () => {
    const error = await openError('Date,Type,Date\n');
    expect(error.problem).toBe('duplicate column "Date"');
    expect(error.line).toBe(1);
    const normalised = await openError('title\nRecord ID,record-id\n', { skipLines: 1 });
    expect(normalised.problem).toBe('duplicate column "record-id" (same as "Record ID")');
    expect(normalised.line).toBe(2);
  });

  it('refuses an empty file and a file with only title lines', async () => {
    expect((await openError('')).problem).toBe('is empty: no header line');
    expect((await openError('\n\n')).problem).toBe('is empty: no header line');
    expect((await openError('Title\n', { skipLines: 1 })).problem).toBe('is empty: no header line after the 1 skipped title line');
  });

  it('refuses a __proto__ column, which would corrupt every row', async () => {
    expect((await openError('date,__proto__\n')).problem).toBe('column name "__proto__" is not allowed');
  });

  it('keys unnamed columns by position so their values are kept', async () => {
    const { input, rows } = await readCsv('date,,\n2021-01-01,x,\n');
    expect(input.columns).toEqual(['date', '', '']);
    expect(rows).toEqual([{ file: 'police.csv', line: 2, values: { date: '2021-01-01', column_2: 'x' } }]);
  });

  it('refuses a header with more columns than the limit', async () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    expect((await openError(`${header}\n`)).problem).toBe(`too many columns (${MAX_COLUMNS + 1}; limit ${MAX_COLUMNS})`);
  });
});

describe('CSV delimiters', () => {
  it('sniffs the delimiter from the header, ignoring quoted ones', () => {
    expect(sniffDelimiter('Date;Type;"Notes, free text"')).toBe(';');
    expect(sniffDelimiter('Date\tType\t"a;b"')).toBe('\t');
    expect(sniffDelimiter('"a;b;c",d')).toBe(',');
    expect(sniffDelimiter('Date')).toBe(',');
  });

  it('reads semicolon and tab separated files', async () => {
    const semicolon = await readCsv('Date;Description\n04/03/2021;"Mum said; fine"\n');
    expect(semicolon.rows).toEqual([{ file: 'police.csv', line: 2, values: { date: '04/03/2021', description: 'Mum said; fine' } }]);
    const tab = await readCsv('Date\tDescription\n04/03/2021\tone, two\n');
    expect(tab.rows).toEqual([{ file: 'police.csv', line: 2, values: { date: '04/03/2021', description: 'one, two' } }]);
  });

  it('lets the delimiter option override sniffing', async () => {
    const { rows } = await readCsv('a;b|c\n1;2|3\n', { delimiter: '|' });
    expect(rows).toEqual([{ file: 'police.csv', line: 2, values: { 'a;b': '1;2', c: '3' } }]);
    const named = await readCsv('a,b\tc\n1,2\t3\n', { delimiter: 'tab' });
    expect(named.rows).toEqual([{ file: 'police.csv', line: 2, values: { 'a,b': '1,2', c: '3' } }]);
    expect((await openError('a,b\n', { delimiter: '"' })).problem).toBe('cannot use "\\"" as the CSV delimiter');
  });
});

describe('CSV encodings', () => {
  const text = 'Name,Place\nSiân,Zoë £5\n';

  it('strips a UTF-8 byte-order mark', async () => {
    const { input, rows } = await readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(input.encoding).toBe('utf8');
    expect(input.columns).toEqual(['Name', 'Place']);
    expect(rows).toEqual([{ file: 'police.csv', line: 2, values: { name: 'Siân', place: 'Zoë £5' } }]);
  });

  it('reads UTF-16LE and UTF-16BE with a byte-order mark', async () => {
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const le = await readCsv(little);
    expect(le.input.encoding).toBe('utf16le');
    expect(le.rows).toEqual([{ file: 'police.csv', line: 2, values: { name: 'Siân', place: 'Zoë £5' } }]);
    const big = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const be = await readCsv(big);
    expect(be.input.encoding).toBe('utf16be');
    expect(be.rows).toEqual(le.rows);
  });

  it('falls back to Windows-1252 when an invalid UTF-8 byte comes after 100 KB of ASCII', async () => {
    const ascii = 'Name,Place\n' + 'Tom,Leeds\n'.repeat(10_500);
    const cp1252 = Buffer.from('Siân,Zoë £5\n', 'latin1');
    const { input, rows } = await readCsv(Buffer.concat([Buffer.from(ascii), cp1252]));
    expect(Buffer.byteLength(ascii)).toBeGreaterThan(100_000);
    expect(input.encoding).toBe('windows-1252');
    expect(rows).toHaveLength(10_501);
    expect(rows.at(-1)).toEqual({ file: 'police.csv', line: 10_502, values: { name: 'Siân', place: 'Zoë £5' } });
  });

  it('reads Windows-1252 punctuation that Latin-1 lacks', async () => {
    const { rows } = await readCsv(Buffer.from([...Buffer.from('a\n'), 0x93, ...Buffer.from('quoted'), 0x94, 0x0a]));
    expect(rows).toEqual([{ file: 'police.csv', line: 2, values: { a: '\u201cquoted\u201d' } }]);
  });

  it('lets the encoding option override sniffing', async () => {
    const { input, rows } = await readCsv(text, { encoding: 'windows-1252' });
    expect(input.encoding).toBe('windows-1252');
    expect(rows[0]).toMatchObject({ values: { name: 'SiÃ¢n' } });
    expect((await openError(text, { encoding: 'ebcdic' })).problem).toMatch(/^unknown encoding "ebcdic"/);
    expect((await openError(text, { encoding: 'constructor' })).problem).toMatch(/^unknown encoding "constructor"/);
  });
});

describe('CSV round trip', () => {
  const cell = fc
    .array(fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\n', '\r\n', '\t', 'é', '0'), { maxLength: 8 })
    .map((parts) => parts.join(''));

  function encodeField(value: string): string {
    return /[",;\r\n\t]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }

  function newlines(text: string): number {
    return text.split('\n').length - 1;
  }

  it('reads back any table written as RFC 4180 CSV, with the line each record starts on', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.record({
            width: fc.constant(width),
            table: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
            eol: fc.constantFrom('\n', '\r\n'),
          }),
        ),
        async ({ width, table, eol }) => {
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const records = table.map((row) => row.map(encodeField).join(','));
          const csv = [header.join(','), ...records].join(eol) + eol;
          const expected = [];
          let line = 2;
          for (const [index, row] of table.entries()) {
            const values = Object.fromEntries(
              row.map((value, i) => [`c${i}`, value.trim()] as const).filter(([, value]) => value !== ''),
            );
            if (Object.keys(values).length > 0) expected.push({ file: 'police.csv', line, values });
            line += newlines(records[index]!) + 1;
          }
          const { rows } = await readCsv(csv);
          expect(rows).toEqual(expected);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('keeps line numbers right when quoted newlines straddle read chunks', async () => {
    const record = (i: number) => `R${i},"line one\r\nline two\r\nline three",${'x'.repeat(i % 97)}\r\n`;
    const count = 3000;
    const csv = 'id,notes,padding\r\n' + Array.from({ length: count }, (_, i) => record(i)).join('');
    expect(csv.length).toBeGreaterThan(4 * 65_536);
    const { rows } = await readCsv(csv);
    expect(rows.map((row) => row.line)).toEqual(Array.from({ length: count }, (_, i) => 2 + 3 * i));
    expect(rows.every((row) => !isRejected(row))).toBe(true);
  });
});
