/**
 * Plain columnar inputs of the analysis metrics: the book's top levels after every event and the trade
 * tape, as typed arrays so a full day (1 M+ events) is analysed in single passes without allocation per row.
 * Times are epoch ms (fractions allowed); an absent level has price NaN and size 0.
 */

/** The book's top `levels` price levels (aggregated by price) after each event, row-major: `i * levels + l`. */
export interface BookSeries {
  readonly n: number;
  readonly levels: number;
  readonly t: Float64Array;
  readonly bidPx: Float64Array;
  readonly bidSz: Float64Array;
  readonly askPx: Float64Array;
  readonly askSz: Float64Array;
  /** Optional contiguous copy of level 0 (a one-level series) a producer fills in its own pass; see `topOfBook`. */
  readonly best?: BookSeries;
}

/** Trade prints in time order. */
export interface TradeSeries {
  readonly n: number;
  readonly t: Float64Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
}

export function emptyBookSeries(n: number, levels: number): BookSeries {
  return {
    n,
    levels,
    t: new Float64Array(n),
    bidPx: new Float64Array(n * levels).fill(NaN),
    bidSz: new Float64Array(n * levels),
    askPx: new Float64Array(n * levels).fill(NaN),
    askSz: new Float64Array(n * levels),
  };
}

export function tradeSeries(rows: ReadonlyArray<{ t: number; price: number; size: number }>): TradeSeries {
  const n = rows.length;
  const out = { n, t: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n) };
  rows.forEach((r, i) => {
    out.t[i] = r.t;
    out.price[i] = r.price;
    out.size[i] = r.size;
  });
  return out;
}

/** Mid of the best quotes after event i; NaN when a side is empty. */
export function midAt(s: BookSeries, i: number): number {
  const k = i * s.levels;
  return (s.bidPx[k] + s.askPx[k]) / 2;
}

/**
 * Index of the last book state strictly before time `t` (the quote prevailing when a trade at `t`
 * happened; a depth row in the same instant may already be that trade's consequence), or -1.
 * `from` is a hint for monotone callers: the search starts there.
 */
export function stateBefore(s: BookSeries, t: number, from = 0): number {
  let i = Math.max(0, from);
  if (i < s.n && s.t[i] >= t) i = 0;
  while (i < s.n && s.t[i] < t) i++;
  return i - 1;
}

/** Fixed buckets [start + k·bucketMs, start + (k+1)·bucketMs) aligned to multiples of bucketMs. */
export interface Buckets {
  readonly bucketMs: number;
  readonly start: number;
  readonly count: number;
}

export function bucketsFor(from: number, to: number, bucketMs: number): Buckets {
  if (!(bucketMs > 0)) throw new Error('bucketMs must be positive');
  if (!(to >= from)) return { bucketMs, start: from, count: 0 };
  const start = Math.floor(from / bucketMs) * bucketMs;
  return { bucketMs, start, count: Math.floor((to - start) / bucketMs) + 1 };
}

export const bucketOf = (b: Buckets, t: number): number => Math.floor((t - b.start) / b.bucketMs);

/** Ordinary least squares of y on x with an intercept (the regressions of Cont et al. and Kyle). */
export interface Ols {
  alpha: number;
  beta: number;
  r2: number;
  n: number;
}

/** OLS over pairs where both are finite; NaN coefficients with fewer than 3 pairs or no variance in x. */
export function ols(x: ArrayLike<number>, y: ArrayLike<number>): Ols {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    n++;
    sx += x[i];
    sy += y[i];
  }
  if (n < 3) return { alpha: NaN, beta: NaN, r2: NaN, n };
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { alpha: NaN, beta: NaN, r2: NaN, n };
  const beta = sxy / sxx;
  return { alpha: my - beta * mx, beta, r2: syy === 0 ? NaN : (sxy * sxy) / (sxx * syy), n };
}

/** Time-weighted mean of f(i) over states, each weighted by how long it prevailed (until the next event or `end`). */
export function timeWeightedMean(s: BookSeries, f: (i: number) => number, end = s.n ? s.t[s.n - 1] : 0): number {
  let sum = 0;
  let w = 0;
  for (let i = 0; i < s.n; i++) {
    const dt = (i + 1 < s.n ? s.t[i + 1] : Math.max(end, s.t[i])) - s.t[i];
    const v = f(i);
    if (dt <= 0 || !Number.isFinite(v)) continue;
    sum += v * dt;
    w += dt;
  }
  return w > 0 ? sum / w : NaN;
}

/** Events with from ≤ t < to, as views on the same buffers (no copy). */
export function sliceBook(s: BookSeries, from: number, to: number): BookSeries {
  const a = lowerBound(s.t, s.n, from);
  const z = lowerBound(s.t, s.n, to);
  const L = s.levels;
  return {
    n: z - a,
    levels: L,
    t: s.t.subarray(a, z),
    bidPx: s.bidPx.subarray(a * L, z * L),
    bidSz: s.bidSz.subarray(a * L, z * L),
    askPx: s.askPx.subarray(a * L, z * L),
    askSz: s.askSz.subarray(a * L, z * L),
    best: s.best && sliceBook(s.best, from, to),
  };
}

export function sliceTrades(tr: TradeSeries, from: number, to: number): TradeSeries {
  const a = lowerBound(tr.t, tr.n, from);
  const z = lowerBound(tr.t, tr.n, to);
  return { n: z - a, t: tr.t.subarray(a, z), price: tr.price.subarray(a, z), size: tr.size.subarray(a, z) };
}

function lowerBound(t: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (t[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/**
 * The best level alone as a contiguous one-level series. Level-0 metrics read 4 values an event; on a
 * 10-level row-major series those sit a cache line apart, so one copy makes every later pass ~10× cheaper.
 */
export function topOfBook(s: BookSeries): BookSeries {
  if (s.levels === 1) return s;
  if (s.best) return s.best;
  const L = s.levels;
  const out = emptyBookSeries(s.n, 1);
  out.t.set(s.t);
  for (let i = 0; i < s.n; i++) {
    const k = i * L;
    out.bidPx[i] = s.bidPx[k];
    out.bidSz[i] = s.bidSz[k];
    out.askPx[i] = s.askPx[k];
    out.askSz[i] = s.askSz[k];
  }
  return out;
}
