/**
 * The Replay panes' report: the metrics of analyze.ts that the panes show, for a time range, with their
 * per-bucket series on one bucket grid (OFI, inferred CVD, quoted spread, depth and depth imbalance within
 * k levels) and the volume profile's bins. It runs on two one-level series an open replay keeps (the best
 * quotes, and the best prices with the depth within k levels as their sizes), so a range is re-analysed in
 * passes over its own events only, never by reading the recording again. Every figure comes from the same
 * functions as the full report, so for the same range and bucket they are equal (a test says so).
 */
import { cumulativeVolumeDelta } from './cvd';
import { depthImbalanceAt, depthImbalanceMean, depthOverTime } from './depth';
import { kyleLambda } from './impact';
import { TEXT } from './metric-text';
import { bucketSums, ofiRegression } from './ofi';
import { streamQuality } from './quality';
import { type BookSeries, type Buckets, bucketOf, emptyBookSeries, sliceBook, sliceTrades, type TradeSeries } from './series';
import { spreadSummary } from './spread';
import { volumeProfile } from './volume-profile';

export interface PaneSource {
  /** Best bid and ask (price and size) after every depth event. */
  best: BookSeries;
  /** The same events with the best prices and, as sizes, the depth within `levels` levels per side. */
  depthK: BookSeries;
  levels: number;
  trades: TradeSeries;
}

export interface PaneQuery {
  /** Range, epoch ms: from inclusive, to exclusive (±Infinity for the whole replay). */
  from: number;
  to: number;
  bucketMs: number;
  /** Volume-profile bin (price units). */
  binSize: number;
  quality: { open: ReadonlyArray<readonly [number, number]>; gaps: ReadonlyArray<{ start: number; end: number | null; reason: string }>; markers: ReadonlyArray<{ ts: number; code: number }>; staleMs: number };
}

/** One pass over a full-depth series: the one-level series the panes keep (`levels` ≤ the series' levels). */
export function paneSource(book: BookSeries, trades: TradeSeries, levels: number): PaneSource {
  const L = book.levels;
  const k = Math.min(levels, L);
  const best = emptyBookSeries(book.n, 1);
  best.t.set(book.t);
  const bidK = new Float64Array(book.n);
  const askK = new Float64Array(book.n);
  for (let i = 0; i < book.n; i++) {
    const base = i * L;
    best.bidPx[i] = book.bidPx[base];
    best.askPx[i] = book.askPx[base];
    best.bidSz[i] = book.bidSz[base];
    best.askSz[i] = book.askSz[base];
    let b = 0;
    let a = 0;
    for (let l = 0; l < k; l++) {
      b += book.bidSz[base + l];
      a += book.askSz[base + l];
    }
    bidK[i] = b;
    askK[i] = a;
  }
  const depthK: BookSeries = { n: book.n, levels: 1, t: best.t, bidPx: best.bidPx, askPx: best.askPx, bidSz: bidK, askSz: askK };
  return { best, depthK, levels: k, trades };
}

/**
 * Time-weighted mean of f(i) per bucket: each state counts for the time it prevailed inside the bucket (a
 * state spanning buckets is split, as depthOverTime does); NaN where no finite value prevailed.
 */
export function timeWeightedBuckets(s: BookSeries, f: (i: number) => number, b: Buckets): Float64Array {
  const sum = new Float64Array(b.count);
  const w = new Float64Array(b.count);
  for (let i = 0; i + 1 < s.n; i++) {
    const v = f(i);
    if (!Number.isFinite(v)) continue;
    let a = s.t[i];
    const z = s.t[i + 1];
    while (a < z) {
      const j = bucketOf(b, a);
      const edge = Math.min(z, b.start + (j + 1) * b.bucketMs);
      if (j >= 0 && j < b.count) {
        sum[j] += v * (edge - a);
        w[j] += edge - a;
      }
      a = edge;
    }
  }
  for (let j = 0; j < b.count; j++) sum[j] = w[j] > 0 ? sum[j] / w[j] : NaN;
  return sum;
}

/** The last value at or before each bucket's end (`before` until the first sample). */
export function valueAtBucketEnds(t: ArrayLike<number>, v: ArrayLike<number>, b: Buckets, before = 0): Float64Array {
  const out = new Float64Array(b.count);
  let i = 0;
  let last = before;
  for (let k = 0; k < b.count; k++) {
    const end = b.start + (k + 1) * b.bucketMs;
    while (i < t.length && t[i] < end) last = v[i++];
    out[k] = last;
  }
  return out;
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
const round = (x: number, d = 10): number | null => (Number.isFinite(x) ? Number(x.toPrecision(d)) : null);
const column = (a: ArrayLike<number>): Array<number | null> => Array.from(a, (x) => round(x));

export function paneReport(src: PaneSource, q: PaneQuery) {
  const book = sliceBook(src.best, q.from, q.to);
  const depthK = sliceBook(src.depthK, q.from, q.to);
  const trades = sliceTrades(src.trades, q.from, q.to);
  const { bucketMs } = q;
  const reg = ofiRegression(book, bucketMs);
  const grid = reg.buckets;
  const cvd = cumulativeVolumeDelta(book, trades);
  const signed = Float64Array.from(cvd.sign, (s, i) => s * trades.size[i]);
  const depth = depthOverTime(depthK, 1, bucketMs);
  const spread = spreadSummary(book, trades);
  const profile = volumeProfile(trades.price, trades.size, q.binSize);
  const impact = kyleLambda(book, trades, cvd.sign, bucketMs);
  const quality = streamQuality({ times: book.t, book, ...q.quality });
  const quotedAt = (i: number) => (book.askPx[i] - book.bidPx[i] >= 0 ? book.askPx[i] - book.bidPx[i] : NaN);
  return {
    range: { from: book.n ? book.t[0] : null, to: book.n ? book.t[book.n - 1] : null, events: book.n, trades: trades.n },
    ofi: {
      bucketMs, beta: fin(reg.fit.beta), alpha: fin(reg.fit.alpha), r2: fin(reg.fit.r2), n: reg.fit.n,
      buckets: Array.from(reg.t, (t, k) => ({ t, ofi: reg.ofi[k], dMid: round(reg.dMid[k]) })), ...TEXT.ofi,
    },
    spread: {
      quotedMean: fin(spread.quotedMean), relativeMeanBps: fin(spread.relativeMeanBps), effectiveMean: fin(spread.effectiveMean),
      effectiveMeanBps: fin(spread.effectiveMeanBps), trades: spread.trades, ...TEXT.spread,
    },
    depthImbalance: { levels: src.levels, mean: fin(depthImbalanceMean(depthK, 1)), ...TEXT.depthImbalance },
    depth: { levels: src.levels, bucketMs, ...TEXT.depth },
    profile: {
      binSize: q.binSize, poc: round(profile.poc), vah: round(profile.vah), val: round(profile.val), valueAreaShare: round(profile.valueAreaShare, 6),
      totalVolume: profile.total, bins: profile.prices.map((p, i) => ({ price: round(p) ?? 0, volume: profile.volumes[i] })), ...TEXT.profile,
    },
    cvd: { final: cvd.final, buyVolume: cvd.buyVolume, sellVolume: cvd.sellVolume, method: cvd.method, inferred: true, ...TEXT.cvd },
    impact: { kyleLambda: fin(impact.kyleLambda), r2: fin(impact.r2), bucketMs, ...TEXT.impact },
    quality: { score: quality.score, reasons: quality.reasons, stalePeriods: quality.stale.length, gaps: quality.gaps, ...TEXT.quality },
    panes: {
      bucketMs, levels: src.levels, start: grid.start, t: Array.from(reg.t),
      ofi: column(reg.ofi),
      /** CVD at each bucket's end, cumulated from the range's first trade. */
      cvd: column(valueAtBucketEnds(trades.t, cvd.path, grid)),
      delta: column(bucketSums(trades.t, signed, grid)),
      spread: column(timeWeightedBuckets(book, quotedAt, grid)),
      imbalance: column(timeWeightedBuckets(depthK, (i) => depthImbalanceAt(depthK, i, 1), grid)),
      depthBid: column(depth.bid),
      depthAsk: column(depth.ask),
    },
  };
}

export type PaneReport = ReturnType<typeof paneReport>;
