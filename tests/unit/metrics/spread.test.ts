import { describe, expect, it } from 'vitest';
import { effectiveSpreads, spreadSummary } from '../../../src-shared/domain/metrics/spread';
import { topOf, tradesOf } from './book-rows';

describe('spreads', () => {
  const book = topOf([
    [0, 10.0, 100, 10.02, 100], // 0.02 for 3 s
    [3000, 10.0, 100, 10.01, 100], // 0.01 for 1 s
    [4000, 10.0, 100, 10.04, 100],
  ]);

  it('quoted and relative spreads are time-weighted', () => {
    const s = spreadSummary(book, tradesOf([]));
    expect(s.quotedMean).toBeCloseTo((0.02 * 3 + 0.01 * 1) / 4, 12);
    expect(s.relativeMeanBps).toBeCloseTo(((0.02 / 10.01) * 3 + (0.01 / 10.005) * 1) / 4 * 1e4, 9);
  });

  it('effective spread uses the mid prevailing strictly before the trade', () => {
    const tr = tradesOf([
      [1000, 10.02, 100], // mid 10.01 → 0.02
      [3000, 10.01, 300], // a book row at the same ms: still mid 10.01 → 0
      [3500, 10.0, 100], // mid 10.005 → 0.01
      [-5, 10, 100], // before any book: left out
    ].sort((a, b) => a[0] - b[0]) as Array<[number, number, number]>);
    const e = Array.from(effectiveSpreads(book, tr));
    expect(e[0]).toBeNaN();
    expect(e.slice(1).map((x) => Number(x.toFixed(9)))).toEqual([0.02, 0, 0.01]);
    const s = spreadSummary(book, tr);
    expect(s.effectiveMean).toBeCloseTo(0.01, 12);
    expect(s.effectiveVwMean).toBeCloseTo((0.02 * 100 + 0.01 * 100) / 500, 12);
    expect(s.trades).toBe(3);
  });

  it('crossed books are left out of the quoted spread', () => {
    const s = spreadSummary(topOf([[0, 10.02, 1, 10.0, 1], [1000, 10, 1, 10.01, 1], [2000, 10, 1, 10.01, 1]]), tradesOf([]));
    expect(s.quotedMean).toBeCloseTo(0.01, 12);
  });
});
