/**
 * Spreads (Bessembinder 2003, "Issues in assessing trade execution costs", J. Financial Markets 6(3);
 * Hasbrouck 2009 for the effective spread):
 * - quoted spread  = ask − bid (price units), time-weighted over the period;
 * - relative spread = (ask − bid) / mid × 10 000 (bps), time-weighted;
 * - effective spread = 2·|p − m| for each trade at price p, m the mid prevailing just before it
 *   (the last book state strictly earlier than the trade), mean over trades and volume-weighted.
 * Crossed or one-sided books are left out (a negative or undefined spread is no cost).
 */
import { type BookSeries, midAt, stateBefore, timeWeightedMean, type TradeSeries } from './series';

export interface SpreadSummary {
  quotedMean: number;
  relativeMeanBps: number;
  effectiveMean: number;
  effectiveVwMean: number;
  effectiveMeanBps: number;
  trades: number;
}

const quoted = (s: BookSeries, i: number): number => {
  const k = i * s.levels;
  const q = s.askPx[k] - s.bidPx[k];
  return q >= 0 ? q : NaN;
};

/** Effective spread per trade (NaN where no two-sided book precedes it). */
export function effectiveSpreads(s: BookSeries, tr: TradeSeries): Float64Array {
  const out = new Float64Array(tr.n).fill(NaN);
  let j = 0;
  for (let i = 0; i < tr.n; i++) {
    j = stateBefore(s, tr.t[i], j);
    if (j < 0) continue;
    const m = midAt(s, j);
    if (Number.isFinite(m) && quoted(s, j) >= 0) out[i] = 2 * Math.abs(tr.price[i] - m);
  }
  return out;
}

export function spreadSummary(s: BookSeries, tr: TradeSeries, end?: number): SpreadSummary {
  const quotedMean = timeWeightedMean(s, (i) => quoted(s, i), end);
  const relativeMeanBps = timeWeightedMean(s, (i) => (quoted(s, i) / midAt(s, i)) * 1e4, end);
  const eff = effectiveSpreads(s, tr);
  let sum = 0;
  let n = 0;
  let vw = 0;
  let vol = 0;
  let bps = 0;
  for (let i = 0; i < tr.n; i++) {
    if (!Number.isFinite(eff[i])) continue;
    sum += eff[i];
    n++;
    vw += eff[i] * tr.size[i];
    vol += tr.size[i];
    bps += (eff[i] / tr.price[i]) * 1e4;
  }
  return {
    quotedMean,
    relativeMeanBps,
    effectiveMean: n ? sum / n : NaN,
    effectiveVwMean: vol ? vw / vol : NaN,
    effectiveMeanBps: n ? bps / n : NaN,
    trades: n,
  };
}
