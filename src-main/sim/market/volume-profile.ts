import { RTH_CLOSE_IDX, RTH_OPEN_IDX, SESSION_MINUTES } from './et-time';
import type { TodayScenario } from './universe';

/** Share of a full day's volume traded 16:00-20:00 ET. */
const AFTER_HOURS_SHARE = 0.03;

function rthShape(t: number, gapper: boolean): number {
  // U shape: heavy open, quiet lunch, a second hump into the close.
  return gapper
    ? 1 + 9 * Math.exp(-t / 30) + 1.5 * Math.exp(-(389 - t) / 20)
    : 1 + 3.5 * Math.exp(-t / 25) + 1.8 * Math.exp(-(389 - t) / 20);
}

function premarketShape(i: number, newsMinute: number): number {
  const intoOpen = Math.exp(-(RTH_OPEN_IDX - 1 - i) / 40);
  if (newsMinute < 0) return 0.2 + 2 * intoOpen;
  if (i < newsMinute) return 0.03;
  return 1 + 4 * Math.exp(-(i - newsMinute) / 45) + 3 * intoOpen;
}

function normaliseInto(w: Float64Array, from: number, to: number, share: number): void {
  let sum = 0;
  for (let i = from; i < to; i++) sum += w[i];
  for (let i = from; i < to; i++) w[i] = (w[i] / sum) * share;
}

/**
 * Expected share of the day's volume in each session minute (04:00-20:00 ET, 960 minutes, sums to 1):
 * rising premarket (or a burst after news), a U-shaped regular session, a fading after-hours.
 */
export function volumeProfile(s: TodayScenario): Float64Array {
  const w = new Float64Array(SESSION_MINUTES);
  const gapper = s.newsMinute >= 0;
  for (let i = 0; i < RTH_OPEN_IDX; i++) w[i] = premarketShape(i, s.newsMinute);
  for (let i = RTH_OPEN_IDX; i < RTH_CLOSE_IDX; i++) w[i] = rthShape(i - RTH_OPEN_IDX, gapper);
  for (let i = RTH_CLOSE_IDX; i < SESSION_MINUTES; i++) w[i] = 0.05 + Math.exp(-(i - RTH_CLOSE_IDX) / 20);
  normaliseInto(w, 0, RTH_OPEN_IDX, s.premarketShare);
  normaliseInto(w, RTH_OPEN_IDX, RTH_CLOSE_IDX, 1 - s.premarketShare - AFTER_HOURS_SHARE);
  normaliseInto(w, RTH_CLOSE_IDX, SESSION_MINUTES, AFTER_HOURS_SHARE);
  return w;
}
