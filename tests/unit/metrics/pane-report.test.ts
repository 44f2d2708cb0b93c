import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src-shared/domain/metrics/analyze';
import { paneReport, paneSource, timeWeightedBuckets, valueAtBucketEnds } from '../../../src-shared/domain/metrics/pane-report';
import { bucketsFor, emptyBookSeries, sliceBook, sliceTrades, type BookSeries, type TradeSeries } from '../../../src-shared/domain/metrics/series';
import { topOf } from './book-rows';

/** A seeded random walk of a 3-level book with trades around the mid (a Park–Miller generator). */
function market(n: number, seed = 7): { book: BookSeries; trades: TradeSeries } {
  let x = seed;
  const rnd = () => (x = (x * 16807) % 2147483647) / 2147483647;
  const L = 3;
  const book = emptyBookSeries(n, L);
  let mid = 10_000; // in ticks of 0.01
  let t = 1_700_000_000_000;
  const tr: Array<{ t: number; price: number; size: number }> = [];
  for (let i = 0; i < n; i++) {
    t += Math.floor(rnd() * 400);
    if (rnd() < 0.2) mid += rnd() < 0.5 ? -1 : 1;
    const spread = rnd() < 0.8 ? 1 : 2;
    for (let l = 0; l < L; l++) {
      book.bidPx[i * L + l] = (mid - l) / 100;
      book.askPx[i * L + l] = (mid + spread + l) / 100;
      book.bidSz[i * L + l] = 100 + Math.floor(rnd() * 900);
      book.askSz[i * L + l] = 100 + Math.floor(rnd() * 900);
    }
    book.t[i] = t;
    if (rnd() < 0.15) tr.push({ t: t + 1, price: (rnd() < 0.5 ? mid : mid + spread) / 100, size: 100 * (1 + Math.floor(rnd() * 5)) });
  }
  const trades = { n: tr.length, t: Float64Array.from(tr, (r) => r.t), price: Float64Array.from(tr, (r) => r.price), size: Float64Array.from(tr, (r) => r.size) };
  return { book, trades };
}

const quality = { open: [] as Array<[number, number]>, gaps: [], markers: [], staleMs: 10_000 };

describe('the Replay panes report', () => {
  it('time-weights per bucket, splitting a state that spans buckets', () => {
    const s = topOf([
      [0, 10, 1, 10.02, 1],
      [500, 10, 1, 10.01, 1],
      [1_500, 10, 1, 10.03, 1],
      [2_000, 10, 1, 10.01, 1],
    ]);
    const b = bucketsFor(0, 2_000, 1_000);
    const q = timeWeightedBuckets(s, (i) => s.askPx[i] - s.bidPx[i], b);
    expect(q[0]).toBeCloseTo((0.02 * 500 + 0.01 * 500) / 1_000, 12);
    expect(q[1]).toBeCloseTo((0.01 * 500 + 0.03 * 500) / 1_000, 12);
    expect(Number.isNaN(q[2])).toBe(true); // the last state has no duration
    expect(Array.from(valueAtBucketEnds([100, 900, 1_200], [1, 2, 3], b, -1))).toEqual([2, 3, 3]);
    expect(Array.from(valueAtBucketEnds([1_200], [3], b, -1))).toEqual([-1, 3, 3]);
  });

  it('gives the full report’s figures for the whole series and for a range, and its series on one grid', () => {
    const { book, trades } = market(6_000);
    const src = paneSource(book, trades, 2);
    for (const [from, to] of [[-Infinity, Infinity], [book.t[1_000], book.t[4_000]]]) {
      const full = analyze({ book: sliceBook(book, from, to), trades: sliceTrades(trades, from, to), bucketMs: 10_000, depthLevels: 2, tickSize: 0.01, quality });
      const p = paneReport(src, { from, to, bucketMs: 10_000, binSize: 0.01, quality });
      expect(p.ofi.beta).toBe(full.ofi.beta);
      expect(p.ofi.r2).toBe(full.ofi.r2);
      expect(p.ofi.buckets).toEqual(full.ofi.buckets);
      expect(p.spread.quotedMean).toBeCloseTo(full.spread.quotedMean!, 12);
      expect(p.spread.effectiveMean).toBe(full.spread.effectiveMean);
      expect(p.cvd.final).toBe(full.cvd.final);
      expect(p.impact.kyleLambda).toBe(full.impact.kyleLambda);
      expect(p.depthImbalance.mean).toBeCloseTo(full.depthImbalance.mean!, 12);
      expect([p.profile.poc, p.profile.vah, p.profile.val]).toEqual([full.profile.poc, full.profile.vah, full.profile.val]);
      expect(p.quality.score).toBe(full.quality.score);
      const s = p.panes;
      expect(s.t).toEqual(full.ofi.buckets.map((b) => b.t));
      for (const c of [s.ofi, s.cvd, s.delta, s.spread, s.imbalance, s.depthBid, s.depthAsk]) expect(c).toHaveLength(s.t.length);
      expect(s.depthBid).toEqual(full.depth.buckets.map((b) => b.bid));
      expect(s.ofi).toEqual(full.ofi.buckets.map((b) => b.ofi));
      // CVD at the last bucket's end is the range's final CVD, and the deltas add up to it.
      expect(s.cvd.at(-1)).toBe(full.cvd.final);
      expect(s.delta.reduce((a, d) => a! + d!, 0)).toBe(full.cvd.final);
      expect(s.imbalance.every((v) => v === null || (v >= -1 && v <= 1))).toBe(true);
    }
  });
});
