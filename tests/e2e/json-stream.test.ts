import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/output.js';
import { LazyList } from '../../src/render/documents.js';
import { jsonChunks } from '../../src/render/formats/json.js';

const stringify = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

describe('JSON written in chunks', () => {
  it('is byte for byte JSON.stringify(value, null, 2) for any document', () => {
    const document = fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined)));
    fc.assert(
      fc.property(document, (value) => {
        expect([...jsonChunks(value)].join('')).toBe(stringify(value));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('writes a list too long for one string item by item, in bounded chunks', () => {
    const events = Array.from({ length: 3000 }, (_, index) => ({ id: `E${index}`, lines: ['a\nb', 'tab\t"quoted"'], nested: { empty: [], none: {} } }));
    const chunks = [...jsonChunks({ summary: { events: events.length }, events, missing: undefined })];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(70_000);
    expect(chunks.join('')).toBe(stringify({ summary: { events: events.length }, events }));
  });

  it('writes a list made item by item (LazyList) exactly as the array it stands for', () => {
    const ids = Array.from({ length: 50 }, (_, index) => index);
    const make = (id: number) => ({ id: `P${id}`, sources: [{ line: id }] });
    expect([...jsonChunks({ persons: new LazyList(ids, make), none: new LazyList([], make) })].join('')).toBe(
      stringify({ persons: ids.map(make), none: [] }),
    );
  });

  it('writeOutput writes the chunks to the file in order', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chronology-json-')), 'out.json');
    const value = { persons: Array.from({ length: 5000 }, (_, index) => ({ id: `P${index}`, name: 'Zoë Ng' })) };
    await writeOutput(jsonChunks(value), file);
    expect(readFileSync(file, 'utf8')).toBe(stringify(value));
  });
});
