import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/render/formats/csv.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+44 1234', "'+44 1234"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises %j so Excel shows it as text', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('treats text that merely looks negative the same way, by its first character alone', () => {
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('- mould in bedroom')).toBe("'- mould in bedroom");
  });

  it('leaves ordinary text, numbers and inner signs alone', () => {
    expect(csvCell('Was not brought')).toBe('Was not brought');
    expect(csvCell(5)).toBe('5');
    expect(csvCell('a=b, c')).toBe('"a=b, c"');
    expect(csvCell(undefined)).toBe('');
  });

  it('never yields a cell that a spreadsheet could run as a formula', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = csvCell(value);
        const content = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        return !/^[=+\-@\t\r]/.test(content);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});
