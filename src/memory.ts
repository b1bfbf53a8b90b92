import { getHeapStatistics } from 'node:v8';

/**
 * Hands a finished stage's garbage back before the next stage starts. V8 sizes its heap from
 * what was live at its last full collection, and the linking stage's working set (prepared
 * identities, the blocking index) is still live at that point; without a collection here a
 * million-record run carries that peak, as uncollected garbage, through merging and rendering
 * (measured in docs/performance.md). The in-process inspector's `HeapProfiler.collectGarbage`
 * is the supported way to ask for a full collection without starting node with --expose-gc;
 * it opens no port. Below MIN_HEAP_BYTES a collection is not worth its time and is skipped.
 */
const MIN_HEAP_BYTES = 256 * 1024 * 1024;

export async function releaseGarbage(minHeapBytes = MIN_HEAP_BYTES): Promise<void> {
  if (process.memoryUsage().heapUsed < minHeapBytes) return;
  let inspector: typeof import('node:inspector/promises');
  try {
    inspector = await import('node:inspector/promises');
  } catch {
    // A node built without the inspector: the run goes on, only with a larger heap.
    return;
  }
  const session = new inspector.Session();
  session.connect();
  try {
    await session.post('HeapProfiler.collectGarbage');
  } finally {
    session.disconnect();
  }
}

/** The inputs do not fit in this run's heap: reported as one line (exit 3), before node would stop with a fatal error. */
export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

/**
 * Shares of the heap limit the records may fill while they are read. Linking and merging need
 * about three times the heap reading leaves (3.2x in the million-row benchmark, 2.4x for rows of
 * one date), so a command that links stops at 0.3; validate, which only reads, at 0.75.
 */
export const HEAP_SHARE = { linking: 0.3, reading: 0.75 } as const;
/** Growth after a collection before the heap is looked at again: a live set near the share is not collected at every check. */
const RECHECK_SHARE = 0.1;
const MIB = 1024 * 1024;

/**
 * Watches the heap while rows are read: when what is in use passes `share` of the limit, collects
 * garbage, and if what is live still does, stops the run with a TooLargeError naming where reading
 * got to. Called every few thousand rows.
 */
export function heapWatch(share: number): (file: string, line: number) => Promise<void> {
  let next = 0;
  return async (file, line) => {
    const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
    if (used < Math.max(next, share * limit)) return;
    await releaseGarbage(0);
    const live = getHeapStatistics().used_heap_size;
    next = live + RECHECK_SHARE * limit;
    if (live <= share * limit) return;
    throw new TooLargeError(
      `${file}:${line}: the inputs are too large for this run's memory: by this line the records fill ${Math.round(live / MIB)} MiB, ` +
        `more than the ${Math.round((share * limit) / MIB)} MiB of its ${Math.round(limit / MIB)} MiB heap that reading may take; ` +
        'split the inputs, or give node more memory (docs/limits.md)',
    );
  };
}
