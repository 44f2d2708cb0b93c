import { RTH_CLOSE_IDX, RTH_OPEN_IDX, SESSION_MINUTES } from './et-time';
import { Rng } from './rng';
import type { DayFacts } from './daily-chain';
import type { StockModel } from './universe';
import { volumeProfile } from './volume-profile';

// Local copies: under tsx every read of an imported binding is a getter call, which costs more than
// the arithmetic in these per-minute loops.
const N = SESSION_MINUTES;
const OPEN = RTH_OPEN_IDX;
const CLOSE = RTH_CLOSE_IDX;

/** One session's minute records (04:00-20:00 ET), prices in ticks. Minutes without trades have volume 0. */
export interface DayPath {
  day: number;
  open: Int32Array;
  high: Int32Array;
  low: Int32Array;
  close: Int32Array;
  volume: Int32Array;
  count: Int32Array;
  /** cumVolume[i] = volume of minutes 0..i-1. */
  cumVolume: Float64Array;
}

/** Most trades one minute may hold: bounds the work of regenerating a minute's tape. */
export const MAX_TRADES_PER_MINUTE = 1200;
const MAX_TRADES = MAX_TRADES_PER_MINUTE;

function minuteVolumes(rng: Rng, m: StockModel, f: DayFacts, out: DayPath, weights: Float64Array): void {
  const half = m.tradeSize / 2;
  for (let i = 0; i < N; i++) {
    let v = f.volumeTarget * weights[i] * rng.logNormal(0.88, 0.5);
    // Thin minutes trade now and then rather than in slivers.
    if (v < half) v = rng.chance(v / half) ? half * rng.uniform(0.5, 1.5) : 0;
    if (i === OPEN || i === CLOSE - 1) v = Math.max(v * 3, m.tradeSize * 4); // opening and closing prints
    const vol = Math.round(v);
    out.volume[i] = vol;
    const n = vol === 0 ? 0 : Math.round((vol / m.tradeSize) * rng.logNormal(1, 0.3));
    const minCount = i === OPEN || i === CLOSE - 1 ? 2 : 1;
    out.count[i] = vol === 0 ? 0 : Math.min(vol, MAX_TRADES, Math.max(minCount, n));
  }
}

/** Fills x[from..to] (log ticks, minute closes) with a bridge from `a` (before `from`) to `b` (at `to`). */
function bridge(rng: Rng, x: Float64Array, sd: Float64Array, from: number, to: number, a: number, b: number): void {
  let w = 0;
  let varSum = 0;
  for (let i = from; i <= to; i++) {
    w += sd[i] * rng.normal();
    varSum += sd[i] * sd[i];
    x[i] = w;
    sd[i] = varSum; // reuse as cumulative variance
  }
  const total = varSum || 1;
  const miss = w - (b - a);
  for (let i = from; i <= to; i++) x[i] = a + x[i] - (sd[i] / total) * miss;
  x[to] = b;
}

function logPath(rng: Rng, m: StockModel, f: DayFacts, weights: Float64Array): Float64Array {
  const sd = new Float64Array(N);
  const meanRth = 1 / 390;
  const perMinute = f.sigma / Math.sqrt(390);
  for (let i = 0; i < N; i++) sd[i] = perMinute * Math.sqrt(Math.min(4, Math.max(0.15, weights[i] / meanRth)));
  const x = new Float64Array(N);
  const a0 = Math.log(f.prevCloseTicks);
  const aOpen = Math.log(f.openTicks);
  const news = f.scenario.newsMinute;
  if (news > 0 && news < OPEN - 1) {
    const jump = a0 + (aOpen - a0) * rng.uniform(0.6, 1.3);
    bridge(rng, x, sd, 0, news - 1, a0, a0);
    bridge(rng, x, sd, news, OPEN - 1, jump, aOpen);
  } else {
    bridge(rng, x, sd, 0, OPEN - 1, a0, aOpen);
  }
  bridge(rng, x, sd, OPEN, CLOSE - 1, aOpen, Math.log(f.closeTicks));
  let v = Math.log(f.closeTicks);
  for (let i = CLOSE; i < N; i++) x[i] = v += sd[i] * 0.6 * rng.normal();
  return x;
}

/** Generates the session's minutes: deterministic in (seed, stock, day), consistent with the day's facts. */
export function generateDayPath(seed: number, m: StockModel, f: DayFacts): DayPath {
  const rng = Rng.of(seed, m.stock.conId, f.day, 0x50415448);
  const p: DayPath = {
    day: f.day,
    open: new Int32Array(N), high: new Int32Array(N), low: new Int32Array(N), close: new Int32Array(N),
    volume: new Int32Array(N), count: new Int32Array(N), cumVolume: new Float64Array(N + 1),
  };
  const weights = volumeProfile(f.scenario);
  minuteVolumes(rng, m, f, p, weights);
  const x = logPath(rng, m, f, weights);
  let prevPath = f.prevCloseTicks;
  let lastTrade = f.prevCloseTicks;
  const perMinute = f.sigma / Math.sqrt(390);
  for (let i = 0; i < N; i++) {
    const c = Math.max(1, Math.round(Math.exp(x[i])));
    const o = i === OPEN ? f.openTicks : prevPath;
    prevPath = c;
    const k = p.count[i];
    let hi = Math.max(o, c);
    let lo = Math.min(o, c);
    if (k === 0) {
      hi = lo = lastTrade;
    } else if (k === 1) {
      hi = lo = c;
    } else if (k >= 3) {
      const exc = c * perMinute * Math.sqrt(Math.min(4, weights[i] * 390)) * 0.5;
      const up = Math.round(Math.abs(rng.normal()) * exc);
      const down = Math.round(Math.abs(rng.normal()) * exc);
      // Three trades leave room for one excursion only (open, extreme, close).
      if (k >= 4 || rng.chance(0.5)) hi += up;
      if (k >= 4 || hi === Math.max(o, c)) lo = Math.max(1, lo - down);
    }
    p.open[i] = k === 0 ? lastTrade : k === 1 ? c : o;
    p.close[i] = k === 0 ? lastTrade : c;
    p.high[i] = hi;
    p.low[i] = lo;
    if (k > 0) lastTrade = c;
    p.cumVolume[i + 1] = p.cumVolume[i] + p.volume[i];
  }
  return p;
}
