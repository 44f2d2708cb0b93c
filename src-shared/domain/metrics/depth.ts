/**
 * Book shape within k levels:
 * - depth imbalance DI_k = (Σ_{l<k} qb_l − Σ_{l<k} qa_l) / (Σ qb_l + Σ qa_l) ∈ [−1, 1] (Cao, Hansch & Wang
 *   2009, "The information content of an open limit-order book", J. Futures Markets 29(1)); time-weighted mean;
 * - depth within k levels, bid and ask (shares), time-weighted per bucket;
 * - weighted mid (imbalance-weighted mid) = (Pb·qa + Pa·qb) / (qa + qb) at the best level (Stoikov 2018 §2).
 */
import { type BookSeries, bucketOf, bucketsFor, midAt, timeWeightedMean } from './series';

export function depthWithin(s: BookSeries, i: number, k: number): { bid: number; ask: number } {
  const base = i * s.levels;
  const m = Math.min(k, s.levels);
  let bid = 0;
  let ask = 0;
  for (let l = 0; l < m; l++) {
    bid += s.bidSz[base + l];
    ask += s.askSz[base + l];
  }
  return { bid, ask };
}

export function depthImbalanceAt(s: BookSeries, i: number, k: number): number {
  const { bid, ask } = depthWithin(s, i, k);
  return bid + ask > 0 ? (bid - ask) / (bid + ask) : NaN;
}

export function depthImbalanceMean(s: BookSeries, k: number, end?: number): number {
  return timeWeightedMean(s, (i) => depthImbalanceAt(s, i, k), end);
}

export function weightedMidAt(s: BookSeries, i: number): number {
  const k = i * s.levels;
  const qb = s.bidSz[k];
  const qa = s.askSz[k];
  if (!(qb + qa > 0)) return NaN;
  return (s.bidPx[k] * qa + s.askPx[k] * qb) / (qa + qb);
}

/** Time-weighted mean of weighted mid − mid (price units): how far the size-weighted fair price leans. */
export function weightedMidOffsetMean(s: BookSeries, end?: number): number {
  return timeWeightedMean(s, (i) => weightedMidAt(s, i) - midAt(s, i), end);
}

export interface DepthOverTime {
  bucketMs: number;
  t: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
}

/** Time-weighted bid and ask depth within k levels per bucket (a state spanning buckets is split). */
export function depthOverTime(s: BookSeries, k: number, bucketMs: number): DepthOverTime {
  const b = bucketsFor(s.n ? s.t[0] : 0, s.n ? s.t[s.n - 1] : -1, bucketMs);
  const bid = new Float64Array(b.count);
  const ask = new Float64Array(b.count);
  const w = new Float64Array(b.count);
  for (let i = 0; i + 1 < s.n; i++) {
    const d = depthWithin(s, i, k);
    let a = s.t[i];
    const z = s.t[i + 1];
    while (a < z) {
      const j = bucketOf(b, a);
      const edge = Math.min(z, b.start + (j + 1) * bucketMs);
      const dt = edge - a;
      bid[j] += d.bid * dt;
      ask[j] += d.ask * dt;
      w[j] += dt;
      a = edge;
    }
  }
  const t = new Float64Array(b.count);
  for (let j = 0; j < b.count; j++) {
    t[j] = b.start + j * bucketMs;
    bid[j] = w[j] > 0 ? bid[j] / w[j] : NaN;
    ask[j] = w[j] > 0 ? ask[j] / w[j] : NaN;
  }
  return { bucketMs, t, bid, ask };
}
