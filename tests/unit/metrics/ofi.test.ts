import { describe, expect, it } from 'vitest';
import { multiLevelOfi, multiOls, ofiBuckets, ofiEvents, ofiRegression } from '../../../src-shared/domain/metrics/ofi';
import { ols } from '../../../src-shared/domain/metrics/series';
import { bookOf, topOf } from './book-rows';

describe('order-flow imbalance (Cont, Kukanov & Stoikov 2014)', () => {
  it('e_n for each kind of best-quote change', () => {
    const s = topOf([
      [0, 10.0, 100, 10.02, 100],
      [1, 10.0, 150, 10.02, 100], // bid queue +50 → +50
      [2, 10.01, 30, 10.02, 100], // bid price up → +30 (new queue)
      [3, 10.0, 80, 10.02, 100], // bid price down → −30 (old queue left)
      [4, 10.0, 80, 10.02, 60], // ask queue −40 → +40
      [5, 10.0, 80, 10.01, 20], // ask price down → −20
      [6, 10.0, 80, 10.02, 70], // ask price up → +20
    ]);
    expect(Array.from(ofiEvents(s))).toEqual([0, 50, 30, -30, 40, -20, 20]);
  });

  it('an empty side contributes nothing', () => {
    const s = bookOf([
      { t: 0, bids: [[10, 100]], asks: [] },
      { t: 1, bids: [[10, 120]], asks: [[10.01, 5]] },
    ]);
    expect(Array.from(ofiEvents(s))).toEqual([0, 20]);
  });

  it('buckets OFI and the mid change between bucket ends, empty buckets included', () => {
    const s = topOf([
      [1000, 10.0, 100, 10.02, 100],
      [1500, 10.0, 150, 10.02, 100],
      [3200, 10.01, 30, 10.03, 100],
    ]);
    const b = ofiBuckets(s, 1000);
    expect(Array.from(b.t)).toEqual([1000, 2000, 3000]);
    expect(Array.from(b.ofi)).toEqual([50, 0, 30 + 100]);
    expect(Array.from(b.dMid).map((x) => Number(x.toFixed(6)))).toEqual([0, 0, 0.01]);
  });

  it('OLS recovers an exact line and reports R² = 1', () => {
    const x = [1, 2, 3, 4, 5];
    const fit = ols(x, x.map((v) => 0.5 + 2 * v));
    expect(fit.beta).toBeCloseTo(2, 12);
    expect(fit.alpha).toBeCloseTo(0.5, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(ols([1, 1, 1], [1, 2, 3]).beta).toBeNaN();
  });

  it('regression of mid change on OFI: queues that build before a price move give a positive β', () => {
    const rows: Array<[number, number, number, number, number]> = [];
    let bid = 10;
    for (let k = 0; k < 50; k++) {
      const up = k % 3 === 0;
      rows.push([k * 1000, bid, 100, bid + 0.01, 100]);
      if (!up) continue;
      rows.push([k * 1000 + 300, bid, 400, bid + 0.01, 20]); // +300 bid, +80 ask
      bid += 0.01;
      rows.push([k * 1000 + 600, bid, 100, bid + 0.01, 100]); // bid up +100, ask up +20
    }
    const r = ofiRegression(topOf(rows), 1000);
    expect(r.fit.beta).toBeCloseTo(0.01 / 500, 12);
    expect(r.fit.r2).toBeCloseTo(1, 9);
  });
});

describe('multi-level OFI (Xu, Gould & Howison 2018)', () => {
  it('multivariate OLS recovers known coefficients', () => {
    const a = Array.from({ length: 40 }, (_, i) => Math.sin(i));
    const b = Array.from({ length: 40 }, (_, i) => Math.cos(i * 1.7));
    const y = a.map((v, i) => 1 + 3 * v - 2 * b[i]);
    const r = multiOls([a, b], y);
    expect(r.beta[0]).toBeCloseTo(3, 9);
    expect(r.beta[1]).toBeCloseTo(-2, 9);
    expect(r.r2).toBeCloseTo(1, 9);
  });

  it('level 1 equals the best-level OFI; deeper levels use their own price and size', () => {
    const s = bookOf([
      { t: 0, bids: [[10, 100], [9.99, 200]], asks: [[10.01, 100], [10.02, 300]] },
      { t: 10, bids: [[10, 100], [9.99, 260]], asks: [[10.01, 90], [10.02, 300]] },
    ]);
    const m = multiLevelOfi(s, 1000);
    expect(m.levels).toBe(2);
    expect(Array.from(m.ofi[0])).toEqual(Array.from(ofiBuckets(s, 1000).ofi));
    expect(Array.from(m.ofi[0])).toEqual([10]);
    expect(Array.from(m.ofi[1])).toEqual([60]);
  });
});
