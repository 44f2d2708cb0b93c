import { RTH_CLOSE_IDX, RTH_OPEN_IDX, SESSION_MINUTES } from './et-time';
import type { TodayScenario } from './universe';

// Local copies: under tsx every read of an imported binding is a getter call.
const N = SESSION_MINUTES;
const OPEN = RTH_OPEN_IDX;
const CLOSE = RTH_CLOSE_IDX;

/** Share of a full day's volume traded 16:00-20:00 ET. */
const AFTER_HOURS_SHARE = 0.03;

function rthShape(t: number, gapper: boolean): number {
  // U shape: heavy open, quiet lunch, a second hump into the close.
  return gapper
    ? 1 + 9 * Math.exp(-t / 30) + 1.5 * Math.exp(-(389 - t) / 20)
    : 1 + 3.5 * Math.exp(-t / 25) + 1.8 * Math.exp(-(389 - t) / 20);
}

function premarketShape(i: number, newsMinute: number): number {
  const intoOpen = Math.exp(-(OPEN - 1 - i) / 40);
  if (newsMinute < 0) return 0.2 + 2 * intoOpen;
  if (i < newsMinute) return 0.03;
  return 1 + 4 * Math.exp(-(i - newsMinute) / 45) + 3 * intoOpen;
}

/** A shape over minutes [from, to) scaled to sum to 1. */
function unitShape(from: number, to: number, shape: (i: number) => number): Float64Array {
  const w = new Float64Array(to - from);
  let sum = 0;
  for (let i = from; i < to; i++) sum += w[i - from] = shape(i);
  for (let k = 0; k < w.length; k++) w[k] /= sum;
  return w;
}

// Shapes depend only on the news minute and the gapper flag, so each is computed once per process.
const premarketUnits = new Map<number, Float64Array>();
const rthUnits = [false, true].map((g) => unitShape(OPEN, CLOSE, (i) => rthShape(i - OPEN, g)));
const afterHoursUnit = unitShape(CLOSE, N, (i) => 0.05 + Math.exp(-(i - CLOSE) / 20));

function premarketUnit(newsMinute: number): Float64Array {
  let w = premarketUnits.get(newsMinute);
  if (!w) premarketUnits.set(newsMinute, (w = unitShape(0, OPEN, (i) => premarketShape(i, newsMinute))));
  return w;
}

/**
 * Expected share of the day's volume in each session minute (04:00-20:00 ET, 960 minutes, sums to 1):
 * rising premarket (or a burst after news), a U-shaped regular session, a fading after-hours.
 */
export function volumeProfile(s: TodayScenario): Float64Array {
  const w = new Float64Array(N);
  const pre = premarketUnit(s.newsMinute);
  const rth = rthUnits[s.newsMinute >= 0 ? 1 : 0];
  const rthShare = 1 - s.premarketShare - AFTER_HOURS_SHARE;
  for (let i = 0; i < OPEN; i++) w[i] = pre[i] * s.premarketShare;
  for (let i = OPEN; i < CLOSE; i++) w[i] = rth[i - OPEN] * rthShare;
  for (let i = CLOSE; i < N; i++) w[i] = afterHoursUnit[i - CLOSE] * AFTER_HOURS_SHARE;
  return w;
}
