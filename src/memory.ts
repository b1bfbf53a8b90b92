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
