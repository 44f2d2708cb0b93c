/**
 * Order-flow imbalance.
 *
 * Cont, Kukanov & Stoikov (2014), "The price impact of order book events", J. Financial Econometrics
 * 12(1): for consecutive best quotes (Pb, qb, Pa, qa) at events n−1 and n,
 *   e_n = I{Pb_n ≥ Pb_{n−1}} qb_n − I{Pb_n ≤ Pb_{n−1}} qb_{n−1} − I{Pa_n ≤ Pa_{n−1}} qa_n + I{Pa_n ≥ Pa_{n−1}} qa_{n−1},
 * OFI_k = Σ e_n over the events of bucket k, and ΔP_k = α + β·OFI_k + ε (OLS), ΔP_k the mid change over
 * the bucket (prevailing mid at its end minus at the previous bucket's end).
 *
 * Xu, Gould & Howison (2018), "Multi-level order-flow imbalance in a limit order book" (arXiv:1907.06230):
 * the same e_n from the m-th level's price and size, for m = 1..M, and ΔP_k regressed on all M at once.
 *
 * A side absent in either state (price NaN) contributes 0 to e_n: an empty side carries no queue to compare.
 */
import { type BookSeries, type Buckets, bucketOf, bucketsFor, midAt, type Ols, ols } from './series';

/** e_n at `level` (0 = best) for events 1..n−1; e_0 = 0 (no previous state). */
export function ofiEvents(s: BookSeries, level = 0): Float64Array {
  const L = s.levels;
  const e = new Float64Array(s.n);
  for (let i = 1; i < s.n; i++) {
    const k = i * L + level;
    const p = k - L;
    const pb = s.bidPx[k];
    const pb0 = s.bidPx[p];
    const pa = s.askPx[k];
    const pa0 = s.askPx[p];
    let v = 0;
    if (pb >= pb0) v += s.bidSz[k];
    if (pb <= pb0) v -= s.bidSz[p];
    if (pa <= pa0) v -= s.askSz[k];
    if (pa >= pa0) v += s.askSz[p];
    e[i] = v;
  }
  return e;
}

/** OFI and mid change per bucket over every bucket from the first event's to the last's. */
export interface OfiBuckets {
  buckets: Buckets;
  /** Bucket start times (ms). */
  t: Float64Array;
  ofi: Float64Array;
  /** Prevailing mid at the bucket's end minus at the previous bucket's end; NaN when either is unknown. */
  dMid: Float64Array;
}

/** Prevailing mid at the end of every bucket (carried forward; NaN before any two-sided book). */
export function midAtBucketEnds(s: BookSeries, b: Buckets): Float64Array {
  const out = new Float64Array(b.count).fill(NaN);
  let last = NaN;
  let k = 0;
  for (let i = 0; i < s.n; i++) {
    const j = bucketOf(b, s.t[i]);
    for (; k < j; k++) out[k] = last;
    const m = midAt(s, i);
    if (Number.isFinite(m)) last = m;
  }
  for (; k < b.count; k++) out[k] = last;
  return out;
}

/** Mid changes between consecutive bucket ends; the first bucket's is from the first state's mid. */
export function bucketMidChanges(s: BookSeries, b: Buckets): Float64Array {
  const ends = midAtBucketEnds(s, b);
  const d = new Float64Array(b.count);
  const first = s.n ? midAt(s, 0) : NaN;
  for (let k = 0; k < b.count; k++) d[k] = ends[k] - (k === 0 ? first : ends[k - 1]);
  return d;
}

export function bucketSums(t: Float64Array, v: Float64Array, b: Buckets): Float64Array {
  const out = new Float64Array(b.count);
  for (let i = 0; i < t.length; i++) {
    const j = bucketOf(b, t[i]);
    if (j >= 0 && j < b.count) out[j] += v[i];
  }
  return out;
}

/** `e` may be passed when several bucket sizes share one pass of `ofiEvents`. */
export function ofiBuckets(s: BookSeries, bucketMs: number, level = 0, e = ofiEvents(s, level)): OfiBuckets {
  const buckets = bucketsFor(s.n ? s.t[0] : 0, s.n ? s.t[s.n - 1] : -1, bucketMs);
  const t = new Float64Array(buckets.count);
  for (let k = 0; k < buckets.count; k++) t[k] = buckets.start + k * bucketMs;
  return { buckets, t, ofi: bucketSums(s.t, e, buckets), dMid: bucketMidChanges(s, buckets) };
}

/** Cont–Kukanov–Stoikov regression ΔMid_k = α + β·OFI_k per bucket (mid in price units, OFI in shares). */
export function ofiRegression(s: BookSeries, bucketMs: number, e = ofiEvents(s)): OfiBuckets & { fit: Ols } {
  const b = ofiBuckets(s, bucketMs, 0, e);
  return { ...b, fit: ols(b.ofi, b.dMid) };
}

/** Multi-level OFI: per-level OFI per bucket, and the multivariate OLS of ΔMid on all levels. */
export interface MultiLevelOfi {
  levels: number;
  /** OFI per level per bucket, `ofi[m][k]`. */
  ofi: Float64Array[];
  /** Coefficients β_1..β_M (intercept left out), NaN when the system is singular. */
  beta: number[];
  r2: number;
  /** Per-level single-regressor fits, for comparison with the best level alone. */
  perLevel: Ols[];
}

export function multiLevelOfi(s: BookSeries, bucketMs: number, levels = s.levels): MultiLevelOfi {
  const M = Math.min(levels, s.levels);
  const b = bucketsFor(s.n ? s.t[0] : 0, s.n ? s.t[s.n - 1] : -1, bucketMs);
  const ofi = multiLevelBucketSums(s, b, M);
  const dMid = bucketMidChanges(s, b);
  const { beta, r2 } = multiOls(ofi, dMid);
  return { levels: M, ofi, beta, r2, perLevel: ofi.map((x) => ols(x, dMid)) };
}

/** Per-level bucket sums of e_n in one pass over the rows (all levels of a row share a cache line or two). */
function multiLevelBucketSums(s: BookSeries, b: Buckets, M: number): Float64Array[] {
  const L = s.levels;
  const out = Array.from({ length: M }, () => new Float64Array(b.count));
  const { bidPx, bidSz, askPx, askSz } = s;
  for (let i = 1; i < s.n; i++) {
    const j = bucketOf(b, s.t[i]);
    for (let m = 0; m < M; m++) {
      const k = i * L + m;
      const p = k - L;
      let v = 0;
      if (bidPx[k] >= bidPx[p]) v += bidSz[k];
      if (bidPx[k] <= bidPx[p]) v -= bidSz[p];
      if (askPx[k] <= askPx[p]) v -= askSz[k];
      if (askPx[k] >= askPx[p]) v += askSz[p];
      out[m][j] += v;
    }
  }
  return out;
}

/** OLS of y on columns xs with an intercept, via the normal equations on centred data (Gaussian elimination). */
export function multiOls(xs: ArrayLike<number>[], y: ArrayLike<number>): { beta: number[]; r2: number } {
  const M = xs.length;
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i]) && xs.every((x) => Number.isFinite(x[i]))) rows.push(i);
  const nan = { beta: new Array<number>(M).fill(NaN), r2: NaN };
  if (rows.length <= M + 1) return nan;
  const mean = (v: ArrayLike<number>) => rows.reduce((a, i) => a + v[i], 0) / rows.length;
  const mx = xs.map(mean);
  const my = mean(y);
  const A = Array.from({ length: M }, () => new Array<number>(M + 1).fill(0));
  let syy = 0;
  for (const i of rows) {
    const dy = y[i] - my;
    syy += dy * dy;
    for (let a = 0; a < M; a++) {
      const da = xs[a][i] - mx[a];
      A[a][M] += da * dy;
      for (let c = 0; c < M; c++) A[a][c] += da * (xs[c][i] - mx[c]);
    }
  }
  const beta = solve(A);
  if (!beta || syy === 0) return { beta: beta ?? nan.beta, r2: NaN };
  let ssr = 0;
  for (const i of rows) {
    let f = my;
    for (let a = 0; a < M; a++) f += beta[a] * (xs[a][i] - mx[a]);
    ssr += (y[i] - f) ** 2;
  }
  return { beta, r2: 1 - ssr / syy };
}

/** Solves an augmented M×(M+1) system in place with partial pivoting; null when singular. */
function solve(A: number[][]): number[] | null {
  const M = A.length;
  for (let c = 0; c < M; c++) {
    let piv = c;
    for (let r = c + 1; r < M; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (Math.abs(A[piv][c]) < 1e-12 * Math.max(1, Math.abs(A[c][c]))) return null;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < M; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= M; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[M] / row[i]);
}
