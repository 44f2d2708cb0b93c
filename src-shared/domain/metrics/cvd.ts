/**
 * Cumulative volume delta with the aggressor side INFERRED: IB's tape carries no aggressor flag.
 * Lee & Ready (1991), "Inferring trade direction from intraday data", J. Finance 46(2):
 * - quote rule: a trade above the prevailing mid (last book state strictly before it) is buyer-initiated
 *   (+1), below it seller-initiated (−1);
 * - tick rule when the trade is at the mid or no two-sided book precedes it: above the last different
 *   trade price +1, below −1; no earlier different price: unclassified (0).
 * CVD = Σ sign·size (shares).
 */
import { type BookSeries, midAt, stateBefore, type TradeSeries } from './series';

export const CVD_METHOD = 'inferred: Lee-Ready quote rule vs prevailing mid, tick rule fallback (IB tape has no aggressor flag)';

export interface TradeSigns {
  sign: Int8Array;
  byQuote: number;
  byTick: number;
  unclassified: number;
}

export function classifyTrades(s: BookSeries, tr: TradeSeries): TradeSigns {
  const sign = new Int8Array(tr.n);
  let byQuote = 0;
  let byTick = 0;
  let unclassified = 0;
  let lastTickSign = 0;
  let j = 0;
  for (let i = 0; i < tr.n; i++) {
    const p = tr.price[i];
    if (i > 0 && p !== tr.price[i - 1]) lastTickSign = p > tr.price[i - 1] ? 1 : -1;
    j = stateBefore(s, tr.t[i], j);
    const m = j >= 0 ? midAt(s, j) : NaN;
    if (Number.isFinite(m) && p !== m) {
      sign[i] = p > m ? 1 : -1;
      byQuote++;
    } else if (lastTickSign !== 0) {
      sign[i] = lastTickSign;
      byTick++;
    } else {
      unclassified++;
    }
  }
  return { sign, byQuote, byTick, unclassified };
}

export interface Cvd {
  final: number;
  buyVolume: number;
  sellVolume: number;
  method: string;
  byQuote: number;
  byTick: number;
  unclassified: number;
  /** CVD after every trade. */
  path: Float64Array;
  /** Inferred sign of every trade (+1 buy, −1 sell, 0 unclassified). */
  sign: Int8Array;
}

export function cumulativeVolumeDelta(s: BookSeries, tr: TradeSeries): Cvd {
  const c = classifyTrades(s, tr);
  const path = new Float64Array(tr.n);
  let cvd = 0;
  let buy = 0;
  let sell = 0;
  for (let i = 0; i < tr.n; i++) {
    const v = c.sign[i] * tr.size[i];
    cvd += v;
    if (v > 0) buy += v;
    else sell -= v;
    path[i] = cvd;
  }
  return { final: cvd, buyVolume: buy, sellVolume: sell, method: CVD_METHOD, byQuote: c.byQuote, byTick: c.byTick, unclassified: c.unclassified, path, sign: c.sign };
}
