/**
 * Gap at the open and daily RVOL for one session from a history of daily bars (raw or split-adjusted).
 * With raw bars, pass the splits so yesterday's close and past volumes are put in today's share terms.
 */
import type { Bar } from './bar';
import { dailyRvol, gapPct, adjustedPrevClose, type RvolResult } from './gap-rvol';
import { etDate } from './market-time';
import { type Split, splitRatioBetween, splitRatioOn } from './splits';

export interface DailyMetrics {
  date: string;
  /** Gap at the official open vs the split-adjusted previous close. */
  gapPct: number | null;
  prevClose: number | null;
  dailyRvol: RvolResult;
}

/** `bars`: daily bars sorted by date (tsOpen = 00:00 ET of the session). Null when `date` has no bar. */
export function dailyMetrics(bars: Bar[], date: string, splits: Split[] = [], sessions = 20): DailyMetrics | null {
  const i = bars.findIndex((b) => etDate(b.tsOpen) === date);
  if (i < 0) return null;
  const today = bars[i];
  const prev = i > 0 ? bars[i - 1] : undefined;
  const prevClose = prev ? adjustedPrevClose(prev.close, splitRatioOn(splits, date)) : null;
  const past = bars.slice(Math.max(0, i - sessions), i).map((b) => b.volume * splitRatioBetween(splits, etDate(b.tsOpen), date));
  return {
    date,
    gapPct: gapPct(today.open, prevClose),
    prevClose,
    dailyRvol: dailyRvol(today.volume, past, sessions),
  };
}
