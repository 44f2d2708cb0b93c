import { describe, expect, it } from 'vitest';
import { bucketsFor, sliceBook, sliceTrades, stateBefore, timeWeightedMean, topOfBook } from '../../../src-shared/domain/metrics/series';
import { bookOf, tradesOf } from './book-rows';

describe('book series helpers', () => {
  const s = bookOf([
    { t: 0, bids: [[10, 1], [9.99, 2]], asks: [[10.01, 3], [10.02, 4]] },
    { t: 10, bids: [[10, 5], [9.99, 6]], asks: [[10.01, 7], [10.02, 8]] },
    { t: 20, bids: [[10.01, 9]], asks: [[10.02, 10]] },
  ]);

  it('topOfBook copies level 0 contiguously and prefers a producer-made copy', () => {
    const top = topOfBook(s);
    expect(top.levels).toBe(1);
    expect(Array.from(top.bidSz)).toEqual([1, 5, 9]);
    expect(Array.from(top.askPx)).toEqual([10.01, 10.01, 10.02]);
    const withBest = { ...s, best: top };
    expect(topOfBook(withBest)).toBe(top);
    const sliced = sliceBook(withBest, 5, 25);
    expect(sliced.n).toBe(2);
    expect(Array.from(sliced.bidSz)).toEqual([5, 6, 9, 0]);
    expect(Array.from(sliced.best!.bidSz)).toEqual([5, 9]);
  });

  it('slices trades by [from, to), finds the state before a time, buckets align to their size', () => {
    const tr = tradesOf([[1, 10, 1], [10, 10, 2], [15, 10, 3]]);
    expect(Array.from(sliceTrades(tr, 10, 15).size)).toEqual([2]);
    expect(stateBefore(s, 10)).toBe(0);
    expect(stateBefore(s, 10.5)).toBe(1);
    expect(stateBefore(s, 0)).toBe(-1);
    expect(stateBefore(s, 25, 2)).toBe(2);
    expect(bucketsFor(1500, 3200, 1000)).toEqual({ bucketMs: 1000, start: 1000, count: 3 });
    expect(timeWeightedMean(s, (i) => s.bidSz[i * 2], 40)).toBeCloseTo((1 * 10 + 5 * 10 + 9 * 20) / 40, 12);
  });
});
