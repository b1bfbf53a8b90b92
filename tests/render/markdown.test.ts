import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/render/formats/markdown.js';

describe('escapeMarkdown', () => {
  it('keeps a pipe from ending a table cell and a line break from ending a row', () => {
    expect(escapeMarkdown('a | b\r\nc')).toBe('a \\| b c');
  });

  it('escapes emphasis, code, links, HTML, entities, maths and footnote syntax in user text', () => {
    expect(escapeMarkdown('*x* _y_ `z` [l](u) <b> &amp; $1 [^E1] ~~s~~ \\')).toBe(
      '\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\<b\\> \\&amp; \\$1 \\[^E1\\] \\~\\~s\\~\\~ \\\\',
    );
  });
});
