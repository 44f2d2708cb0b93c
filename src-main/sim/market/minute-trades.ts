import { Rng } from './rng';

/** One print, price in ticks. */
export interface TickTrade {
  time: number;
  ticks: number;
  size: number;
  exchange: string;
}

/** What a minute must add up to. */
export interface MinuteRecord {
  start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  count: number;
}

const VENUES = ['NASDAQ', 'NASDAQ', 'ARCA', 'BATS', 'EDGX', 'IEX', 'NYSE', 'MEMX', 'FINRA', 'FINRA', 'FINRA'];

function tradeTimes(rng: Rng, start: number, n: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = start + Math.floor(rng.next() * 60_000);
  return t.sort(); // typed arrays sort numerically, natively
}

function tradePrices(rng: Rng, r: MinuteRecord): number[] {
  const n = r.count;
  const p: number[] = new Array(n);
  p[0] = r.open;
  p[n - 1] = r.close;
  if (n < 3) return p;
  // A wandering path between open and close, kept inside the minute's range.
  const step = Math.max(0.5, (r.high - r.low) / Math.sqrt(n));
  let w = 0;
  const walk: number[] = [0];
  for (let i = 1; i < n; i++) walk.push((w += rng.normal() * step));
  const miss = w - (r.close - r.open);
  for (let i = 1; i < n - 1; i++) {
    const v = Math.round(r.open + walk[i] - (i / (n - 1)) * miss);
    p[i] = Math.min(r.high, Math.max(r.low, v));
  }
  const iHigh = r.high > Math.max(r.open, r.close) ? rng.int(1, n - 2) : -1;
  if (iHigh >= 0) p[iHigh] = r.high;
  if (r.low < Math.min(r.open, r.close)) {
    let iLow = rng.int(1, n - 2);
    if (iLow === iHigh) iLow = iLow + 1 < n - 1 ? iLow + 1 : iLow - 1;
    p[iLow] = r.low;
  }
  return p;
}

function tradeSizes(rng: Rng, volume: number, n: number): number[] {
  const w: number[] = new Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i] = rng.logNormal(1, 0.9);
  const s: number[] = new Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const raw = (volume * w[i]) / sum;
    // Round lots where the size allows it, odd lots below.
    s[i] = Math.max(1, raw >= 100 ? Math.round(raw / 100) * 100 : Math.round(raw));
    total += s[i];
  }
  let diff = volume - total;
  // Settle rounding on the largest print; it nearly always absorbs it all, so the sort below is rare.
  let big = 0;
  for (let i = 1; i < n; i++) if (s[i] > s[big]) big = i;
  const first = diff > 0 ? diff : Math.max(diff, 1 - s[big]);
  s[big] += first;
  diff -= first;
  if (diff === 0) return s;
  // Then on the next largest prints in turn, so every size stays ≥ 1 and the sum is exact.
  const order = [...s.keys()].sort((a, b) => s[b] - s[a]);
  for (let k = 0; diff !== 0; k = (k + 1) % n) {
    const i = order[k];
    const change = diff > 0 ? diff : Math.max(diff, 1 - s[i]);
    s[i] += change;
    diff -= change;
  }
  return s;
}

/**
 * The prints of one minute, regenerated on demand from (seed, stock, day, minute): first at the open,
 * last at the close, touching the high and low, sizes summing to the volume. Streaming and bars both
 * use this, which is what keeps them consistent.
 */
export function minuteTrades(seed: number, conId: number, day: number, idx: number, r: MinuteRecord): TickTrade[] {
  if (r.count <= 0) return [];
  const rng = Rng.of(seed, conId, day, idx, 0x545244);
  const times = tradeTimes(rng, r.start, r.count);
  const prices = tradePrices(rng, r);
  const sizes = tradeSizes(rng, r.volume, r.count);
  const out: TickTrade[] = new Array(r.count);
  for (let i = 0; i < r.count; i++) out[i] = { time: times[i], ticks: prices[i], size: sizes[i], exchange: rng.pick(VENUES) };
  return out;
}
