/**
 * Bar sizes a backfill can ask IB for, with the longest window one request may cover.
 *
 * The limits follow IB's "Historical Data Limitations" page (step sizes table):
 * https://interactivebrokers.github.io/tws-api/historical_limitations.html — 1 secs → 1800 S, 5 secs → 3600 S,
 * 10/15 secs → 14400 S, 30 secs → 28800 S, 1 min → 1 D, 2 mins → 2 D, 3–20 mins → 1 W, 30 mins and up → 1 M,
 * 1 day → 1 Y. The same page says bars of 30 seconds or less are only served for the last six months.
 */
import { BAR_SIZE_KEYS } from '../../../src-shared/contract/features/backfill';

export { BAR_SIZE_KEYS };
export type BarSizeKey = (typeof BAR_SIZE_KEYS)[number];

export interface BarSizeSpec {
  key: BarSizeKey;
  /** IB's barSizeSetting string. */
  ib: string;
  ms: number;
  /** Longest request window in seconds for sub-day requests (IB duration "N S"), else undefined. */
  maxSeconds?: number;
  /**
   * Longest request window in calendar days (IB duration "N D"). Counting calendar days, not sessions, keeps a
   * window that spans a weekend or a holiday inside IB's limit; the answer is trimmed to the sessions asked for.
   */
  maxDays?: number;
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;

function spec(key: BarSizeKey, ib: string, ms: number, limit: { maxSeconds?: number; maxDays?: number }): BarSizeSpec {
  return { key, ib, ms, ...limit };
}

export const BAR_SIZES: Record<BarSizeKey, BarSizeSpec> = {
  '1sec': spec('1sec', '1 secs', S, { maxSeconds: 1800 }),
  '5sec': spec('5sec', '5 secs', 5 * S, { maxSeconds: 3600 }),
  '10sec': spec('10sec', '10 secs', 10 * S, { maxSeconds: 14_400 }),
  '15sec': spec('15sec', '15 secs', 15 * S, { maxSeconds: 14_400 }),
  '30sec': spec('30sec', '30 secs', 30 * S, { maxSeconds: 28_800 }),
  '1min': spec('1min', '1 min', M, { maxDays: 1 }),
  '2min': spec('2min', '2 mins', 2 * M, { maxDays: 2 }),
  '3min': spec('3min', '3 mins', 3 * M, { maxDays: 7 }),
  '5min': spec('5min', '5 mins', 5 * M, { maxDays: 7 }),
  '10min': spec('10min', '10 mins', 10 * M, { maxDays: 7 }),
  '15min': spec('15min', '15 mins', 15 * M, { maxDays: 7 }),
  '20min': spec('20min', '20 mins', 20 * M, { maxDays: 7 }),
  '30min': spec('30min', '30 mins', 30 * M, { maxDays: 31 }),
  '1hour': spec('1hour', '1 hour', H, { maxDays: 31 }),
  '2hour': spec('2hour', '2 hours', 2 * H, { maxDays: 31 }),
  '3hour': spec('3hour', '3 hours', 3 * H, { maxDays: 31 }),
  '4hour': spec('4hour', '4 hours', 4 * H, { maxDays: 31 }),
  '8hour': spec('8hour', '8 hours', 8 * H, { maxDays: 31 }),
  '1day': spec('1day', '1 day', 24 * H, { maxDays: 365 }),
};

/** "1min", "1 min", "1m", "5 mins", "1d", "1 day" → the key; undefined when IB has no such size. */
export function parseBarSizeKey(text: string): BarSizeKey | undefined {
  const m = /^\s*(\d+)\s*(s|secs?|m|mins?|h|hours?|d|days?)\s*$/i.exec(text);
  if (!m) return undefined;
  const u = m[2].toLowerCase();
  const unit = u.startsWith('s') ? 'sec' : u.startsWith('m') ? 'min' : u.startsWith('h') ? 'hour' : 'day';
  const key = `${Number(m[1])}${unit}`;
  return (BAR_SIZE_KEYS as readonly string[]).includes(key) ? (key as BarSizeKey) : undefined;
}

/** True for the sizes IB serves only for the last six months. */
export const isSmallBar = (key: BarSizeKey): boolean => BAR_SIZES[key].ms <= 30 * S;
