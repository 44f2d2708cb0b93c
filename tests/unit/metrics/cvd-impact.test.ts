import { describe, expect, it } from 'vitest';
import { classifyTrades, cumulativeVolumeDelta, CVD_METHOD } from '../../../src-shared/domain/metrics/cvd';
import { kyleLambda } from '../../../src-shared/domain/metrics/impact';
import { topOf, tradesOf } from './book-rows';

describe('cumulative volume delta (aggressor inferred)', () => {
  const book = topOf([
    [0, 10.0, 100, 10.02, 100],
    [5000, 10.01, 100, 10.03, 100],
  ]);

  it('quote rule against the prevailing mid, tick rule at the mid or without a book', () => {
    const tr = tradesOf([
      [-10, 9.99, 10], // no book, no previous price: unclassified
      [-5, 10.0, 10], // no book, uptick: +1 by tick
      [100, 10.02, 100], // above mid 10.01: buy
      [200, 10.0, 50], // below: sell
      [300, 10.01, 30], // at mid: tick rule, uptick from 10.00: buy
      [5000, 10.01, 40], // book row at the same ms does not count yet: at mid 10.01, zero tick → last tick sign (+1)
      [5001, 10.01, 60], // new mid 10.02: sell
    ]);
    const c = classifyTrades(book, tr);
    expect(Array.from(c.sign)).toEqual([0, 1, 1, -1, 1, 1, -1]);
    expect([c.byQuote, c.byTick, c.unclassified]).toEqual([3, 3, 1]);
    const cvd = cumulativeVolumeDelta(book, tr);
    expect(cvd.final).toBe(10 + 100 - 50 + 30 + 40 - 60);
    expect(cvd.method).toBe(CVD_METHOD);
    expect(cvd.method).toMatch(/inferred/);
  });
});

describe("Kyle's lambda", () => {
  it('recovers λ when each bucket’s mid change is λ × its signed volume', () => {
    const lambda = 0.0001;
    const bookRows: Array<[number, number, number, number, number]> = [];
    const tradeRows: Array<[number, number, number]> = [];
    let mid = 10;
    for (let k = 0; k < 30; k++) {
      const t = k * 1000;
      bookRows.push([t, mid - 0.01, 100, mid + 0.01, 100]);
      const v = ((k * 37) % 11) * 10 - 50; // signed volume of the bucket
      if (v !== 0) tradeRows.push([t + 100, v > 0 ? mid + 0.01 : mid - 0.01, Math.abs(v)]);
      mid += lambda * v;
      bookRows.push([t + 200, mid - 0.01, 100, mid + 0.01, 100]);
    }
    const book = topOf(bookRows);
    const tr = tradesOf(tradeRows);
    const r = kyleLambda(book, tr, classifyTrades(book, tr).sign, 1000);
    expect(r.kyleLambda).toBeCloseTo(lambda, 10);
    expect(r.r2).toBeCloseTo(1, 9);
  });
});
