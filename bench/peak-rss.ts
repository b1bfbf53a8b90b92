/**
 * Preloaded with `node --import` into a benchmarked child: at exit, writes the process's peak
 * resident set size in bytes to the file named by BENCH_PEAK_RSS_FILE. A run that starts node
 * again with a larger heap (src/launch.ts) has the preload in both processes; the larger peak is kept.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    // maxRSS is in kibibytes.
    const own = process.resourceUsage().maxRSS * 1024;
    let earlier = 0;
    try {
      earlier = Number(readFileSync(target, 'utf8')) || 0;
    } catch {
      // No relaunched run wrote first.
    }
    writeFileSync(target, String(Math.max(own, earlier)));
  });
}
