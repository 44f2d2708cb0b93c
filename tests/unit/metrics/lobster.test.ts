/**
 * The metrics against values computed here, independently and naively, from LOBSTER's AAPL message and
 * orderbook files (../shared/fixtures/depth; format in LOBSTER_SampleFiles_ReadMe.txt): every expected
 * number below comes from the CSV rows with plain loops, not from the metric code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ofiRegression } from '../../../src-shared/domain/metrics/ofi';
import { emptyBookSeries, tradeSeries } from '../../../src-shared/domain/metrics/series';
import { spreadSummary } from '../../../src-shared/domain/metrics/spread';
import { volumeProfile } from '../../../src-shared/domain/metrics/volume-profile';
import { fixture, hasFixtures } from '../../support/fixtures';

const BASE = 'depth/AAPL_2012-06-21_34200000_57600000';
const DUMMY = 9999999999;

interface Quote { t: number; bid: number; bidSz: number; ask: number; askSz: number }

function load() {
  const msg = readFileSync(fixture(`${BASE}_message_10.csv`), 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
  const ob = readFileSync(fixture(`${BASE}_orderbook_10.csv`), 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
  const px = (v: number) => (Math.abs(v) === DUMMY ? NaN : v / 10_000);
  const quotes: Quote[] = ob.map((r, i) => ({ t: msg[i][0] * 1000, ask: px(r[0]), askSz: r[1], bid: px(r[2]), bidSz: r[3] }));
  const trades = msg.filter((m) => m[1] === 4 || m[1] === 5).map((m) => ({ t: m[0] * 1000, price: m[4] / 10_000, size: m[3] }));
  // The series the metrics take: 10 levels from the orderbook rows (prices in dollars, dummies absent).
  const book = emptyBookSeries(ob.length, 10);
  ob.forEach((r, i) => {
    book.t[i] = quotes[i].t;
    for (let l = 0; l < 10; l++) {
      book.askPx[i * 10 + l] = px(r[4 * l]);
      book.askSz[i * 10 + l] = r[4 * l + 1];
      book.bidPx[i * 10 + l] = px(r[4 * l + 2]);
      book.bidSz[i * 10 + l] = r[4 * l + 3];
    }
  });
  return { quotes, trades, book, tradeSeries: tradeSeries(trades) };
}

/** Textbook OLS: β = cov(x, y) / var(x), R² = corr². */
function naiveOls(x: number[], y: number[]) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  const cov = x.reduce((a, xi, i) => a + (xi - mx) * (y[i] - my), 0) / n;
  const vx = x.reduce((a, xi) => a + (xi - mx) ** 2, 0) / n;
  const vy = y.reduce((a, yi) => a + (yi - my) ** 2, 0) / n;
  return { beta: cov / vx, r2: (cov * cov) / (vx * vy) };
}

describe.skipIf(!hasFixtures)('metrics vs LOBSTER AAPL 2012-06-21 (independent computation)', () => {
  const data = hasFixtures ? load() : null!;

  it('OFI per 1 s bucket and its regression on the mid change', () => {
    const q = data.quotes;
    const e = (n: number) => {
      const [a, b] = [q[n - 1], q[n]];
      return (b.bid >= a.bid ? b.bidSz : 0) - (b.bid <= a.bid ? a.bidSz : 0) - (b.ask <= a.ask ? b.askSz : 0) + (b.ask >= a.ask ? a.askSz : 0);
    };
    const first = Math.floor(q[0].t / 1000);
    const count = Math.floor(q.at(-1)!.t / 1000) - first + 1;
    const ofi = new Array<number>(count).fill(0);
    for (let n = 1; n < q.length; n++) ofi[Math.floor(q[n].t / 1000) - first] += e(n);
    const mid = (x: Quote) => (x.bid + x.ask) / 2;
    const endMid: number[] = [];
    for (let k = 0; k < count; k++) {
      const inOrBefore = q.filter((x) => Math.floor(x.t / 1000) - first <= k);
      endMid.push(mid(inOrBefore.at(-1)!));
    }
    const dMid = endMid.map((m, k) => m - (k === 0 ? mid(q[0]) : endMid[k - 1]));
    const expected = naiveOls(ofi, dMid);

    const r = ofiRegression(data.book, 1000);
    expect(r.buckets.count).toBe(count);
    expect(Array.from(r.ofi)).toEqual(ofi);
    Array.from(r.dMid).forEach((d, k) => expect(d).toBeCloseTo(dMid[k], 9));
    expect(r.fit.beta).toBeCloseTo(expected.beta, 12);
    expect(r.fit.r2).toBeCloseTo(expected.r2, 9);
    expect(r.fit.beta).toBeGreaterThan(0); // CKS: prices move with order-flow imbalance
    expect(ofi.some((v) => v !== 0)).toBe(true);
  });

  it('quoted, relative and effective spreads', () => {
    const q = data.quotes;
    let w = 0;
    let quoted = 0;
    let rel = 0;
    for (let i = 0; i + 1 < q.length; i++) {
      const dt = q[i + 1].t - q[i].t;
      w += dt;
      quoted += (q[i].ask - q[i].bid) * dt;
      rel += ((q[i].ask - q[i].bid) / ((q[i].ask + q[i].bid) / 2)) * 1e4 * dt;
    }
    const eff: number[] = [];
    for (const tr of data.trades) {
      const before = q.filter((x) => x.t < tr.t).at(-1);
      if (before) eff.push(2 * Math.abs(tr.price - (before.bid + before.ask) / 2));
    }
    const s = spreadSummary(data.book, data.tradeSeries);
    expect(s.quotedMean).toBeCloseTo(quoted / w, 10);
    expect(s.relativeMeanBps).toBeCloseTo(rel / w, 8);
    expect(s.trades).toBe(eff.length);
    expect(s.effectiveMean).toBeCloseTo(eff.reduce((a, b) => a + b, 0) / eff.length, 10);
    expect(eff.length).toBeGreaterThan(10);
  });

  it('volume profile: POC and the 70 % value area, one-cent bins', () => {
    const byCent = new Map<number, number>();
    for (const t of data.trades) byCent.set(Math.round(t.price * 100), (byCent.get(Math.round(t.price * 100)) ?? 0) + t.size);
    const lo = Math.min(...byCent.keys());
    const hi = Math.max(...byCent.keys());
    const vol = (c: number) => byCent.get(c) ?? 0;
    let poc = lo;
    for (let c = lo; c <= hi; c++) if (vol(c) > vol(poc)) poc = c;
    const total = [...byCent.values()].reduce((a, b) => a + b, 0);
    let [top, bottom, inside] = [poc, poc, vol(poc)];
    while (inside < 0.7 * total) {
      const up = top < hi ? vol(top + 1) + (top + 2 <= hi ? vol(top + 2) : 0) : -1;
      const down = bottom > lo ? vol(bottom - 1) + (bottom - 2 >= lo ? vol(bottom - 2) : 0) : -1;
      if (up >= down) {
        inside += up;
        top = Math.min(hi, top + 2);
      } else {
        inside += down;
        bottom = Math.max(lo, bottom - 2);
      }
    }
    const p = volumeProfile(data.tradeSeries.price, data.tradeSeries.size, 0.01);
    expect(p.total).toBe(total);
    expect(p.poc).toBeCloseTo(poc / 100, 9);
    expect(p.vah).toBeCloseTo(top / 100, 9);
    expect(p.val).toBeCloseTo(bottom / 100, 9);
    expect(p.valueAreaShare).toBeGreaterThanOrEqual(0.7);
  });
});
