import { describe, expect, it } from 'vitest';
import { depthImbalanceAt, depthImbalanceMean, depthOverTime, weightedMidAt, weightedMidOffsetMean } from '../../../src-shared/domain/metrics/depth';
import { bookOf } from './book-rows';

describe('depth within k levels', () => {
  const s = bookOf([
    { t: 0, bids: [[10, 100], [9.99, 300]], asks: [[10.01, 100], [10.02, 100]] },
    { t: 1000, bids: [[10, 300], [9.99, 300]], asks: [[10.01, 100], [10.02, 100]] },
    { t: 3000, bids: [[10, 300]], asks: [[10.01, 100]] },
  ]);

  it('depth imbalance per state and time-weighted', () => {
    expect(depthImbalanceAt(s, 0, 1)).toBe(0);
    expect(depthImbalanceAt(s, 0, 2)).toBeCloseTo((400 - 200) / 600, 12);
    expect(depthImbalanceAt(s, 1, 1)).toBeCloseTo(0.5, 12);
    expect(depthImbalanceMean(s, 1)).toBeCloseTo((0 * 1 + 0.5 * 2) / 3, 12);
  });

  it('weighted mid leans towards the thinner side', () => {
    expect(weightedMidAt(s, 0)).toBeCloseTo(10.005, 12);
    expect(weightedMidAt(s, 1)).toBeCloseTo((10 * 100 + 10.01 * 300) / 400, 12);
    expect(weightedMidOffsetMean(s)).toBeCloseTo(((0.0075 - 0.005) * 2) / 3, 12);
  });

  it('depth over time splits a state across the buckets it spans', () => {
    const d = depthOverTime(s, 2, 2000);
    expect(Array.from(d.t)).toEqual([0, 2000]);
    expect(d.bid[0]).toBeCloseTo((400 + 600) / 2, 12);
    expect(d.ask[0]).toBeCloseTo(200, 12);
    expect(d.bid[1]).toBeCloseTo(600, 12);
  });
});
