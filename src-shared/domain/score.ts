/**
 * A 0–100 momentum-candidate score for the scanner grid. Each part earns points up to its weight:
 *   price  (15) full in the $2–$20 sweet spot, fading to 0 at $1 and at $40
 *   spread (15) full at ≤ 0.1 % of mid, 0 at ≥ 2 %
 *   gap    (30) √-shaped: 0 at ≤ 0 %, full at ≥ 30 % (a 5 % gap already earns 40 % of the points)
 *   rvol   (30) log-shaped: 0 at ≤ 1×, full at ≥ 10×
 *   rank   (10) exp(−rank/10): IB's own ordering, decaying down the list
 * An unknown input earns no points, so a row never looks better for missing data.
 */
import type { ScoreParts } from '../contract/features/scanner';

export const SCORE_WEIGHTS: Readonly<ScoreParts> = { price: 15, spread: 15, gap: 30, rvol: 30, rank: 10 };

export interface ScoreInput {
  price: number | null;
  spreadPct: number | null;
  gapPct: number | null;
  rvol: number | null;
  /** 0 = first row of the scan. */
  rank: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const known = (x: number | null): x is number => x !== null && Number.isFinite(x);

export function priceQuality(price: number | null): number {
  if (!known(price) || price <= 0) return 0;
  if (price < 2) return clamp01(price - 1);
  if (price <= 20) return 1;
  return clamp01((40 - price) / 20);
}

export function spreadQuality(spreadPct: number | null): number {
  if (!known(spreadPct) || spreadPct < 0) return 0;
  return clamp01((2 - spreadPct) / 1.9);
}

export function gapQuality(gapPct: number | null): number {
  if (!known(gapPct) || gapPct <= 0) return 0;
  return clamp01(Math.sqrt(gapPct / 30));
}

export function rvolQuality(rvol: number | null): number {
  if (!known(rvol) || rvol <= 1) return 0;
  return clamp01(Math.log(rvol) / Math.log(10));
}

export function rankQuality(rank: number): number {
  return Number.isFinite(rank) && rank >= 0 ? Math.exp(-rank / 10) : 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function scoreCandidate(input: ScoreInput): { score: number; parts: ScoreParts } {
  const parts: ScoreParts = {
    price: round1(SCORE_WEIGHTS.price * priceQuality(input.price)),
    spread: round1(SCORE_WEIGHTS.spread * spreadQuality(input.spreadPct)),
    gap: round1(SCORE_WEIGHTS.gap * gapQuality(input.gapPct)),
    rvol: round1(SCORE_WEIGHTS.rvol * rvolQuality(input.rvol)),
    rank: round1(SCORE_WEIGHTS.rank * rankQuality(input.rank)),
  };
  const total = parts.price + parts.spread + parts.gap + parts.rvol + parts.rank;
  return { score: Math.round(Math.min(100, Math.max(0, total))), parts };
}
