import { quote } from '../errors.js';

/** Edit distance (insert, delete, substitute, swap two neighbours), case ignored. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i += 1) {
    for (let j = 1; j <= t.length; j += 1) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[s.length] as number[])[t.length] as number;
}

/**
 * Candidates nearest to a value: the ones containing it first, then by edit distance; `limit` of them,
 * distinct. When some are near (a typo's distance), only those: "Polce" offers Police, not Health.
 */
export function closest(value: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = value.toLowerCase();
  const scored = [...new Set(candidates)].map((candidate) => ({
    candidate,
    score: candidate.toLowerCase().includes(wanted) || wanted.includes(candidate.toLowerCase()) ? 0 : editDistance(value, candidate),
  }));
  scored.sort((a, b) => a.score - b.score || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
  const best = scored[0]?.score ?? 0;
  const near = Math.max(2, Math.floor(value.length / 3));
  const typos = best <= near ? scored.filter((s) => s.score <= best + 1) : [];
  return (typos.length > 0 ? typos : scored).slice(0, limit).map((s) => s.candidate);
}

/** `; closest: "a", "b"` for a message about a value that matched nothing, or '' when there is nothing to offer. */
export function closestNote(value: string, candidates: Iterable<string>, limit = 3): string {
  const near = closest(value, candidates, limit);
  return near.length === 0 ? '' : `; closest: ${near.map((c) => quote(c)).join(', ')}`;
}
