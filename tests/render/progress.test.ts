import { describe, expect, it } from 'vitest';
import { createProgress, progressBar } from '../../src/progress.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, columns: 60, write: (s: string) => (written.push(s), true) }, written };
}

describe('progress', () => {
  it('draws nothing when stderr is not a terminal, or with --quiet', () => {
    for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
      const { stream, written } = terminal(isTTY);
      let time = 0;
      const progress = createProgress({ stream, quiet, now: () => (time += 1000) });
      progress.stage('reading a.csv', 1, 2);
      progress.clear();
      expect(written).toEqual([]);
    }
  });

  it('on a terminal, redraws one line at most ten times a second and clears it at the end', () => {
    const { stream, written } = terminal(true);
    let time = 0;
    const progress = createProgress({ stream, now: () => time });
    time = 1000;
    progress.stage('reading a.csv', 0, 2);
    time = 1050;
    progress.stage('reading b.csv', 1, 2);
    time = 1200;
    progress.stage('linking');
    progress.clear();
    expect(written).toEqual([
      `\r\x1b[2Kchronology: ${progressBar(0, 2)} 0/2 reading a.csv`,
      '\r\x1b[2Kchronology: linking',
      '\r\x1b[2K',
    ]);
  });

  it('shows nothing for a run that ends before it would be noticed', () => {
    const { stream, written } = terminal(true);
    const progress = createProgress({ stream, now: () => 0 });
    progress.stage('reading a.csv', 0, 1);
    progress.clear();
    expect(written).toEqual([]);
  });
});
