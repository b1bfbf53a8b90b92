import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/chronology.js', import.meta.url));

export interface BinResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs the built bin from the repository root, as a user would, without colour and in UTC. */
export function runBin(args: readonly string[], env: Record<string, string> = {}): BinResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status ?? -1 };
}
