import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Check } from '../../src/read/encoding.js';

/** Whether a fatal decoder takes the whole of `bytes`: what the check must agree with. */
function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function checkInChunks(bytes: Uint8Array, cuts: number[]): boolean {
  const check = new Utf8Check();
  let from = 0;
  for (const cut of cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)) {
    check.push(bytes.subarray(from, cut));
    from = cut;
  }
  check.push(bytes.subarray(from));
  return check.end();
}

/** Text with characters of one to four bytes, some bytes changed or dropped: valid and invalid UTF-8 alike. */
const bytesLikeText = fc
  .tuple(
    fc.array(fc.constantFrom('a', ',', '\n', 'é', '£', '€', '中', '😀', '\u00a0'), { maxLength: 30 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 255 })), { maxLength: 3 }),
  )
  .map(([characters, edits]) => {
    const bytes = [...Buffer.from(characters.join(''))];
    for (const [at, byte] of edits) {
      if (bytes.length === 0) break;
      if (byte < 0) bytes.splice(at % bytes.length, 1);
      else bytes[at % bytes.length] = byte;
    }
    return Uint8Array.from(bytes);
  });

describe('Utf8Check', () => {
  it('agrees with a fatal decoder however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(bytesLikeText, fc.array(fc.nat(), { maxLength: 8 }), (bytes, cuts) => {
        expect(checkInChunks(bytes, cuts)).toBe(decodes(bytes));
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 2000) },
    );
  });

  it('completes a four-byte character split over three chunks', () => {
    const emoji = Buffer.from('a😀b');
    const check = new Utf8Check();
    for (const piece of [emoji.subarray(0, 2), emoji.subarray(2, 3), emoji.subarray(3, 3), emoji.subarray(3, 4), emoji.subarray(4)]) {
      expect(check.push(piece)).toBe(true);
    }
    expect(check.end()).toBe(true);
  });

  it('holds a character split between chunks, and refuses one cut off at the end', () => {
    const euro = Buffer.from('€');
    const split = new Utf8Check();
    expect(split.push(euro.subarray(0, 1))).toBe(true);
    expect(split.push(euro.subarray(1))).toBe(true);
    expect(split.end()).toBe(true);
    const cut = new Utf8Check();
    expect(cut.push(euro.subarray(0, 2))).toBe(true);
    expect(cut.end()).toBe(false);
  });

  it('stays invalid after an invalid byte', () => {
    const check = new Utf8Check();
    expect(check.push(Uint8Array.of(0x41, 0xff))).toBe(false);
    expect(check.push(Buffer.from('fine'))).toBe(false);
    expect(check.end()).toBe(false);
  });
});
