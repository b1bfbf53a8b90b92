/**
 * Preloaded with `node --import` into a benchmarked child: at exit, writes the process's peak
 * resident set size in bytes to the file named by BENCH_PEAK_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target !== undefined && target !== '') {
  // maxRSS is in kibibytes.
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
}
