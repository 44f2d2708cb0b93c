import type { TapeSummary } from './tape';
import type { SimScanFilter, SimStock } from './types';
import type { StockModel } from './universe';

/** Scan codes the simulator ranks; anything else yields no rows. */
export const SIM_SCAN_CODES = [
  'TOP_PERC_GAIN', 'TOP_PERC_LOSE', 'MOST_ACTIVE', 'HOT_BY_VOLUME',
  'HIGH_OPEN_GAP', 'TOP_OPEN_PERC_GAIN', 'LOW_OPEN_GAP', 'TOP_OPEN_PERC_LOSE',
] as const;

/** IB sends at most 50 rows per scan. */
export const MAX_SCAN_ROWS = 50;

interface Candidate {
  stock: SimStock;
  price: number;
  volume: number;
  /** % change of the last print vs previous close. */
  change: number;
  /** % gap of the official open vs previous close (null before 09:30 ET). */
  openGap: number | null;
  /** Today's volume ÷ average daily volume (IB's "hot by volume" is not time-of-day RVOL). */
  relVolume: number;
}

type Ranker = { keep: (c: Candidate) => boolean; score: (c: Candidate) => number };

const RANKERS: Record<(typeof SIM_SCAN_CODES)[number], Ranker> = {
  TOP_PERC_GAIN: { keep: (c) => c.change > 0, score: (c) => c.change },
  TOP_PERC_LOSE: { keep: (c) => c.change < 0, score: (c) => -c.change },
  MOST_ACTIVE: { keep: (c) => c.volume > 0, score: (c) => c.volume },
  HOT_BY_VOLUME: { keep: (c) => c.volume > 0, score: (c) => c.relVolume },
  HIGH_OPEN_GAP: { keep: (c) => c.openGap !== null && c.openGap > 0, score: (c) => c.openGap ?? 0 },
  TOP_OPEN_PERC_GAIN: { keep: (c) => c.openGap !== null && c.openGap > 0, score: (c) => c.openGap ?? 0 },
  LOW_OPEN_GAP: { keep: (c) => c.openGap !== null && c.openGap < 0, score: (c) => -(c.openGap ?? 0) },
  TOP_OPEN_PERC_LOSE: { keep: (c) => c.openGap !== null && c.openGap < 0, score: (c) => -(c.openGap ?? 0) },
};

export function toCandidate(m: StockModel, s: TapeSummary): Candidate {
  const tick = m.stock.minTick;
  const prev = s.prevCloseTicks;
  return {
    stock: m.stock,
    price: s.lastTicks * tick,
    volume: s.volume,
    change: (100 * (s.lastTicks - prev)) / prev,
    openGap: s.openTicks === null ? null : (100 * (s.openTicks - prev)) / prev,
    relVolume: s.volume / m.stock.avgDailyVolume,
  };
}

/** Ranks candidates for one scan code, filters by price and volume, caps at `rows` (≤ 50). */
export function rankScan(candidates: readonly Candidate[], f: SimScanFilter): SimStock[] {
  const ranker = (RANKERS as Record<string, Ranker | undefined>)[f.scanCode];
  if (!ranker) return [];
  const rows = Math.max(0, Math.min(MAX_SCAN_ROWS, Math.floor(f.rows)));
  return candidates
    .filter((c) =>
      ranker.keep(c) &&
      (f.priceAbove === undefined || c.price > f.priceAbove) &&
      (f.priceBelow === undefined || c.price < f.priceBelow) &&
      (f.volumeAbove === undefined || c.volume > f.volumeAbove))
    .map((c) => ({ c, s: ranker.score(c) }))
    // Ties break on symbol so equal scores rank the same every time.
    .sort((a, b) => b.s - a.s || (a.c.stock.symbol < b.c.stock.symbol ? -1 : 1))
    .slice(0, rows)
    .map((x) => x.c.stock);
}
