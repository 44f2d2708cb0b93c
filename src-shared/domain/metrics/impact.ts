/**
 * Price impact, Kyle's λ (Kyle 1985, "Continuous auctions and insider trading", Econometrica 53(6);
 * estimated as in Hasbrouck 2009 / Goyenko, Holden & Trzcinka 2009): per bucket k,
 * ΔMid_k = α + λ·SV_k + ε, SV_k = Σ sign·size of the bucket's trades (signs inferred, see cvd.ts).
 * λ is in price units per share.
 */
import { bucketMidChanges, bucketSums } from './ofi';
import { type BookSeries, bucketsFor, type Ols, ols, type TradeSeries } from './series';

export interface KyleLambda {
  bucketMs: number;
  kyleLambda: number;
  r2: number;
  buckets: number;
}

export function kyleLambda(s: BookSeries, tr: TradeSeries, sign: Int8Array, bucketMs: number): KyleLambda & { fit: Ols } {
  const b = bucketsFor(s.n ? s.t[0] : 0, s.n ? s.t[s.n - 1] : -1, bucketMs);
  const signed = new Float64Array(tr.n);
  for (let i = 0; i < tr.n; i++) signed[i] = sign[i] * tr.size[i];
  const fit = ols(bucketSums(tr.t, signed, b), bucketMidChanges(s, b));
  return { bucketMs, kyleLambda: fit.beta, r2: fit.r2, buckets: b.count, fit };
}
