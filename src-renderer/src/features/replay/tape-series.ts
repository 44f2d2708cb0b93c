/**
 * Series built from the recorded prints: session VWAP and 1-minute OHLC candles. Pure, over the columns
 * `replay:trades` answers (time-sorted).
 */

export interface Tape {
  ts: ArrayLike<number>;
  price: ArrayLike<number>;
  size: ArrayLike<number>;
}

/** The whole recorded tape of an open replay with its VWAP and candles, built once when it arrives. */
export interface TapeData {
  ts: Float64Array;
  price: Float64Array;
  size: Float64Array;
  vwap: Float64Array;
  candles: Candle[];
}

export interface Candle {
  /** Minute start, epoch ms. */
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Session VWAP after each print: Σ pᵢqᵢ / Σ qᵢ over the prints so far (from the replay's start; a day's
 * replay runs it across its sessions). Prints of size 0 do not move it; before any volume it is NaN.
 */
export function vwapSeries(t: Tape): Float64Array {
  const out = new Float64Array(t.ts.length);
  let pq = 0;
  let q = 0;
  for (let i = 0; i < out.length; i++) {
    const s = t.size[i] > 0 ? t.size[i] : 0;
    pq += t.price[i] * s;
    q += s;
    out[i] = q > 0 ? pq / q : NaN;
  }
  return out;
}

export const BAR_MS = 60_000;

/** OHLC and volume per `barMs` (epoch-aligned; ET minutes are UTC minutes), only for bars with prints. */
export function candles(t: Tape, barMs = BAR_MS): Candle[] {
  const out: Candle[] = [];
  let c: Candle | null = null;
  for (let i = 0; i < t.ts.length; i++) {
    const bar = Math.floor(t.ts[i] / barMs) * barMs;
    const p = t.price[i];
    if (!c || c.t !== bar) {
      c = { t: bar, open: p, high: p, low: p, close: p, volume: 0 };
      out.push(c);
    }
    c.high = Math.max(c.high, p);
    c.low = Math.min(c.low, p);
    c.close = p;
    c.volume += t.size[i];
  }
  return out;
}

/** Index of the first element of the sorted `ts` at or after v. */
export function firstAtOrAfter(ts: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Points of a step series (value at each print) thinned to at most one per pixel column over [t0, t1]: the
 * first is the value in force at t0, then each column keeps its last print, so the line ends on the
 * window's last value.
 */
export function thinToPixels(ts: ArrayLike<number>, values: ArrayLike<number>, t0: number, t1: number, width: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const i0 = firstAtOrAfter(ts, t0 + 1e-9) - 1;
  if (i0 >= 0 && Number.isFinite(values[i0])) out.push([t0, values[i0]]);
  const i1 = firstAtOrAfter(ts, t1 + 1e-9);
  const cols = Math.max(1, Math.floor(width));
  const span = Math.max(1, t1 - t0);
  // One binary search per pixel column, so a full day's tape costs the width, not the prints.
  let prev = i0;
  for (let c = 0; c <= cols && prev < i1 - 1; c++) {
    const end = c === cols ? i1 : Math.min(i1, firstAtOrAfter(ts, t0 + ((c + 1) / cols) * span));
    const j = end - 1;
    if (j > prev && Number.isFinite(values[j])) out.push([ts[j], values[j]]);
    if (j > prev) prev = j;
  }
  return out;
}

/** Most bubbles drawn in one window. */
export const MAX_BUBBLES = 1500;

const orders = new WeakMap<ArrayLike<number>, Uint32Array>();

/** Print indexes by size, largest first (ties by time), sorted once per tape. */
function bySize(size: ArrayLike<number>): Uint32Array {
  let o = orders.get(size);
  if (!o) {
    o = Uint32Array.from({ length: size.length }, (_, i) => i).sort((a, b) => size[b] - size[a] || a - b);
    orders.set(size, o);
  }
  return o;
}

/**
 * Indexes of the prints in [t0, t1], the largest `max` when there are more (time order kept). A wide window
 * walks the tape's size order once (no sort per window), so zooming a full day stays cheap.
 */
export function bubbleIndexes(tape: Pick<TapeData, 'ts' | 'size'>, t0: number, t1: number, max = MAX_BUBBLES): number[] {
  const i0 = firstAtOrAfter(tape.ts, t0);
  const i1 = firstAtOrAfter(tape.ts, t1 + 1e-9);
  if (i1 - i0 <= max) return Array.from({ length: Math.max(0, i1 - i0) }, (_, k) => i0 + k);
  const out: number[] = [];
  for (const i of bySize(tape.size)) {
    if (i >= i0 && i < i1 && out.push(i) >= max) break;
  }
  return out.sort((a, b) => a - b);
}

/** Candles overlapping [t0, t1] and their low/high. */
export function visibleCandles(candles: readonly Candle[], w: { t0: number; t1: number }, barMs = BAR_MS): { from: number; to: number; low: number; high: number } {
  const from = firstAtOrAfter(candles.map((c) => c.t + barMs), w.t0 + 1e-9);
  let to = from;
  let low = Infinity;
  let high = -Infinity;
  while (to < candles.length && candles[to].t <= w.t1) {
    low = Math.min(low, candles[to].low);
    high = Math.max(high, candles[to].high);
    to++;
  }
  return { from, to, low, high };
}
