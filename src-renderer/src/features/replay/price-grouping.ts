/**
 * Price grouping for the heatmap: N ticks per row. Row g holds ticks gN … gN + N − 1 (floor), so grouping
 * never moves a price into a row above its own. Pure, and memoised per (cache, N) so a frame reuses it; the
 * cache worker builds every grouping once and seeds the memo (seedGrouped).
 */
import type { ColumnCache, HeatColumn } from './heatmap-columns';

export const GROUPS = [1, 2, 5, 10, 25] as const;
export type Grouping = (typeof GROUPS)[number];

/** The row of a tick at N ticks per row. */
export const groupOf = (tick: number, n: number): number => Math.floor(tick / n);

/** One column at N ticks per row: sizes summed; a row is unknown only when none of its ticks was recorded. */
export function groupColumn(col: HeatColumn, n: number): HeatColumn {
  if (n <= 1 || col.sizes.length === 0) return col;
  const low = groupOf(col.lowTick, n);
  const high = groupOf(col.lowTick + col.sizes.length - 1, n);
  const out = new Float32Array(high - low + 1);
  for (let i = 0; i < col.sizes.length; i++) out[groupOf(col.lowTick + i, n) - low] += col.sizes[i];
  return {
    t: col.t,
    lowTick: low,
    sizes: out,
    bestBid: col.bestBid === null ? null : groupOf(col.bestBid, n),
    bestAsk: col.bestAsk === null ? null : groupOf(col.bestAsk, n),
  };
}

/** The cache at N ticks per row (`group` says N; `minTick` stays the instrument's tick). */
export function groupCache(cache: ColumnCache, n: number): ColumnCache {
  if (n <= 1) return cache;
  return { ...cache, group: n, columns: cache.columns.map((c) => groupColumn(c, n)) };
}

const memo = new WeakMap<ColumnCache, Map<number, ColumnCache>>();

export function groupedCache(cache: ColumnCache, n: number): ColumnCache {
  if (n <= 1) return cache;
  let byN = memo.get(cache);
  if (!byN) memo.set(cache, (byN = new Map()));
  let g = byN.get(n);
  if (!g) byN.set(n, (g = groupCache(cache, n)));
  return g;
}

/** Stores grouped views built elsewhere (the cache worker builds every grouping once), so groupedCache finds them. */
export function seedGrouped(cache: ColumnCache, grouped: readonly ColumnCache[]): void {
  let byN = memo.get(cache);
  if (!byN) memo.set(cache, (byN = new Map()));
  for (const g of grouped) if ((g.group ?? 1) > 1) byN.set(g.group!, g);
}

/** A price's row in a (possibly grouped) cache. */
export const rowOfPrice = (cache: ColumnCache, price: number): number => groupOf(Math.round(price / cache.minTick), cache.group ?? 1);

/**
 * A price's position in rows as a real number (row r spans [r, r + 1)), for lines such as VWAP that sit
 * between ticks: ticks are centred in their cells, so tick k of a group of N sits at (k + ½) / N.
 */
export const rowPosOfPrice = (cache: ColumnCache, price: number): number => (price / cache.minTick + 0.5) / (cache.group ?? 1);

/** The lowest price of a row, for the axis. */
export const priceOfRow = (cache: ColumnCache, row: number): number => row * (cache.group ?? 1) * cache.minTick;

interface LadderLike {
  bids: Array<[number, number, number]>;
  asks: Array<[number, number, number]>;
  trades: Array<{ ts: number; price: number; size: number }>;
  last: number | null;
  minTick: number;
}

/**
 * The ladder's input at N ticks per row: bids snap down and asks up to their group's price (so a grouped
 * book never crosses; the ladder layout sums levels that share a row), prints and the last price down as on
 * the heatmap, and the row step becomes N ticks.
 */
export function groupLadderInput<T extends LadderLike>(f: T, n: number): T {
  if (n <= 1) return f;
  const tick = f.minTick;
  const step = tick * n;
  const down = (p: number) => groupOf(Math.round(p / tick), n) * step;
  const up = (p: number) => Math.ceil(Math.round(p / tick) / n) * step;
  return {
    ...f,
    minTick: step,
    bids: f.bids.map(([p, s, c]) => [down(p), s, c] as [number, number, number]),
    asks: f.asks.map(([p, s, c]) => [up(p), s, c] as [number, number, number]),
    trades: f.trades.map((t) => ({ ...t, price: down(t.price) })),
    last: f.last === null ? null : down(f.last),
  };
}
