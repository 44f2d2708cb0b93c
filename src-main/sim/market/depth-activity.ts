import { PREMARKET_SHARE_RANGE, type StockModel } from './universe';
import { volumeProfile } from './volume-profile';

/** Depth activity bounds, as multiples of the tuning's depthRate (50/s by default: 1.5 to 225 actions/s). */
export const MIN_ACTIVITY = 0.03;
export const MAX_ACTIVITY = 4.5;
/** Prints per average minute at which a name counts as normally liquid. */
const LIQUID_PRINTS_PER_MINUTE = 60;

/** An ordinary day's expected volume in each session minute ÷ the average regular-session minute. */
const ORDINARY = volumeProfile({
  gap: 0, volumeMult: 1, newsMinute: -1, premarketShare: (PREMARKET_SHARE_RANGE[0] + PREMARKET_SHARE_RANGE[1]) / 2,
}).map((w) => w * 390);

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * How busy a symbol's market makers are in session minute `idx`, as a multiple of the average rate.
 * Heat is today's expected minute volume (volume profile × RVOL) over the average minute, judged
 * half against what is normal at that hour, so a premarket gapper trading 20× its usual premarket
 * runs hot while a quiet name at 07:00 barely moves. Liquidity (prints per average minute) separates
 * a thin name from a busy one at the same RVOL; the realized minute adds its bursts and lulls.
 */
export function depthActivity(m: StockModel, idx: number, expected: number, realized: number): number {
  const avgMinute = Math.max(1, m.stock.avgDailyVolume / 390);
  const heat = expected / avgMinute / Math.sqrt(ORDINARY[idx]);
  const liquidity = clamp(Math.sqrt(avgMinute / Math.max(1, m.tradeSize) / LIQUID_PRINTS_PER_MINUTE), 0.1, 1.5);
  const burst = clamp(Math.sqrt(realized / Math.max(1, expected)), 0.6, 1.6);
  return clamp(heat * liquidity * burst, MIN_ACTIVITY, MAX_ACTIVITY);
}
