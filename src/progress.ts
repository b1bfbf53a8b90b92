import { oneLine } from './errors.js';

/** Progress on stderr for long runs: one redrawn line on a terminal, nothing otherwise, never on stdout. */

export interface Progress {
  /** The stage under way, with how far through it when that is known (file 2 of 5). */
  stage(label: string, done?: number, total?: number): void;
  /** Removes the line, so that whatever is written next starts clean; a later stage draws it again. */
  clear(): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  stream?: Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'>;
  now?: () => number;
}

/** At most ten redraws a second. */
const REDRAW_MS = 100;
/** A run that ends sooner shows no progress at all, so quick runs never flicker. */
const DELAY_MS = 300;
const BAR_WIDTH = 20;

const silent: Progress = { stage: () => undefined, clear: () => undefined };

export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const filled = total <= 0 ? width : Math.min(width, Math.round((done / total) * width));
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || stream.isTTY !== true) return silent;
  const now = options.now ?? Date.now;
  const started = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    stage(label, done, total) {
      const time = now();
      if (time - started < DELAY_MS || time - lastDraw < REDRAW_MS) return;
      lastDraw = time;
      const counts = done !== undefined && total !== undefined ? `${progressBar(done, total)} ${done}/${total} ` : '';
      const line = `chronology: ${counts}${oneLine(label)}`;
      const width = Math.max(10, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      stream.write('\r\x1b[2K');
      shown = false;
      lastDraw = Number.NEGATIVE_INFINITY;
    },
  };
}
