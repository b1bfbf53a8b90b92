import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawRow, Rejected } from '../../src/model/record.js';
import type { OpenedInput } from '../../src/read/types.js';

const dir = mkdtempSync(join(tmpdir(), 'chronology-read-'));

/** Writes a file into a fresh temporary directory and returns its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export const tempDir = dir;

export async function readAll(input: OpenedInput): Promise<(RawRow | Rejected)[]> {
  const rows: (RawRow | Rejected)[] = [];
  for await (const row of input.rows) rows.push(row);
  return rows;
}

export function isRejected(row: RawRow | Rejected): row is Rejected {
  return 'reason' in row;
}
