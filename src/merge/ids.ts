/**
 * Stable ids: derived from what an event or person is, never from its position, so that
 * adding, removing or reordering exports leaves the id of anything whose sources did not
 * change. Pure: a hash, no clock or randomness. See docs/merge.md.
 */
import { createHash } from 'node:crypto';
import type { ChronologyRecord } from '../model/record.js';

/** Crockford base32: no I, L, O or U, so ids read aloud and copied by hand survive. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;

/** Six base32 characters (30 bits) of the SHA-256 of the key. */
export function shortHash(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  let bits = digest.readUInt32BE(0);
  let out = '';
  for (let i = 0; i < LENGTH; i++) {
    out += ALPHABET[bits & 31];
    bits >>>= 5;
  }
  return out;
}

function normalisedText(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * What a record is, independent of the file and line it came from: its agency and record id,
 * or, without a record id, its agency, the person as that agency recorded them, date, type,
 * original type text and description (the same content an export duplicate shares).
 */
export function recordKey(record: ChronologyRecord): string {
  if (record.record_id !== undefined) return JSON.stringify(['r', record.agency, record.record_id]);
  return JSON.stringify([
    'c',
    record.agency,
    record.person_id ?? '',
    record.nhs_number ?? '',
    normalisedText(record.name.family),
    normalisedText(record.name.given),
    record.dob ?? '',
    record.date,
    record.type,
    normalisedText(record.original['type']),
    normalisedText(record.description),
  ]);
}

/** What identifies a person in one record: the agency's own person id if it gave one, else the record. */
export function personKey(record: ChronologyRecord): string {
  if (record.person_id !== undefined) return JSON.stringify(['p', record.agency, record.person_id]);
  return recordKey(record);
}

function lexical(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ids for items each described by its keys: the prefix and the short hash of the item's
 * smallest key (its anchor), so an item keeps its id while its anchor stays among its keys.
 * Items whose ids coincide are ordered by all their keys, then by `tiebreak`; the first keeps
 * the id and the others get `-2`, `-3`... in that order.
 */
export function stableIds(
  prefix: string,
  keysOf: readonly (readonly string[])[],
  tiebreak: (a: number, b: number) => number = () => 0,
): string[] {
  const sortedKeys = keysOf.map((keys) => [...new Set(keys)].sort(lexical));
  const base = sortedKeys.map((keys) => `${prefix}-${shortHash(keys[0] ?? '')}`);
  const byId = new Map<string, number[]>();
  base.forEach((id, i) => {
    const list = byId.get(id);
    if (list) list.push(i);
    else byId.set(id, [i]);
  });
  const ids = [...base];
  for (const [id, items] of byId) {
    if (items.length < 2) continue;
    items.sort((a, b) => lexical(sortedKeys[a]!.join('\n'), sortedKeys[b]!.join('\n')) || tiebreak(a, b) || a - b);
    items.forEach((item, rank) => {
      if (rank > 0) ids[item] = `${id}-${rank + 1}`;
    });
  }
  return ids;
}
