/** Prints the replay has shown, kept for the heatmap's bubbles. Pure. */

export interface Trade {
  ts: number;
  price: number;
  size: number;
}

const key = (t: Trade) => `${t.ts}|${t.price}|${t.size}`;

/** Index of the first trade with ts ≥ v in a time-sorted array. */
function firstAtOrAfter(trades: readonly Trade[], v: number): number {
  let lo = 0;
  let hi = trades.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trades[mid].ts < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges a frame's prints (its last 30, oldest first) into the known ones, sorted by time. Seeking back
 * revisits prints already known, so duplicates (same time, price and size) are dropped; only the known
 * prints inside the fresh ones' time span are compared, so a long session stays cheap per frame.
 */
export function mergeTrades(known: Trade[], fresh: readonly Trade[]): Trade[] {
  if (fresh.length === 0) return known;
  const from = Math.min(...fresh.map((t) => t.ts));
  const at = firstAtOrAfter(known, from);
  const seen = new Set(known.slice(at).map(key));
  const add = fresh.filter((t) => !seen.has(key(t)));
  if (add.length === 0) return known;
  const merged = [...known.slice(at), ...add].sort((a, b) => a.ts - b.ts);
  return known.slice(0, at).concat(merged);
}
