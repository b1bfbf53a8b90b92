import { describe, expect, it } from 'vitest';
import { releaseGarbage } from '../src/memory.js';

describe('releaseGarbage', () => {
  it('collects what is no longer referenced', async () => {
    let garbage: { index: number; text: string }[] | undefined = Array.from({ length: 500_000 }, (_, index) => ({ index, text: `row ${index}` }));
    const withGarbage = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(500_000);
    garbage = undefined;
    await releaseGarbage(0);
    // Half a million small objects and strings are some 30 MB; most of it must be gone.
    expect(withGarbage - process.memoryUsage().heapUsed).toBeGreaterThan(20 * 2 ** 20);
  });
});
