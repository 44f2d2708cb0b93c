import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampedShare, estimateMicroPrice, inferTickSize, microPriceAt, microState } from '../../../src-shared/domain/metrics/micro-price';
import { type BookSeries, emptyBookSeries } from '../../../src-shared/domain/metrics/series';

/**
 * A best-quote process: spread 1 or 2 ticks; a thin bid queue tends to be taken (mid down), a thin ask
 * queue lifted (mid up) — the imbalance signal the micro-price is built to price.
 */
function market(seed: number[], tick = 0.01): BookSeries {
  const s = emptyBookSeries(seed.length, 1);
  let bid = 100;
  let spread = 1;
  let qb = 50;
  let qa = 50;
  seed.forEach((u, i) => {
    const imb = qb / (qb + qa);
    if (u < 0.15 * (1 - imb)) {
      bid -= tick; // bid queue depleted
      if (spread === 2) bid += tick;
      spread = spread === 1 ? 1 + Math.round(u * 10) % 2 : 1;
      qb = 10 + Math.round(u * 1000) % 90;
      qa = 10 + Math.round(u * 7919) % 90;
    } else if (u > 1 - 0.15 * imb) {
      bid += tick;
      spread = 1;
      qb = 10 + Math.round(u * 104729) % 90;
      qa = 10 + Math.round(u * 31) % 90;
    } else {
      qb = Math.max(1, qb + Math.round((u - 0.5) * 40));
      qa = Math.max(1, qa - Math.round((u - 0.5) * 30));
    }
    s.t[i] = i * 100;
    s.bidPx[i] = Number(bid.toFixed(2));
    s.askPx[i] = Number((bid + spread * tick).toFixed(2));
    s.bidSz[i] = qb;
    s.askSz[i] = qa;
  });
  return s;
}

const sessions = fc.array(fc.integer({ min: 0, max: 999_999 }).map((x) => x / 1e6), { minLength: 300, maxLength: 1500 });

describe('Stoikov (2018) micro-price', () => {
  it('the estimator converges and the micro-price stays within [bid, ask]', () => {
    fc.assert(
      fc.property(sessions, (seed) => {
        const s = market(seed);
        const m = estimateMicroPrice(s, { tickSize: 0.01 });
        if (!m.converged) return false;
        for (let i = 0; i < s.n; i++) {
          const p = microPriceAt(m, s, i);
          if (!(p >= s.bidPx[i] && p <= s.askPx[i])) return false;
        }
        const c = clampedShare(m, s);
        return c >= 0 && c <= 1;
      }),
      // Seeded: the cases are the same on every run, so a failure can be replayed.
      { numRuns: 40, endOnFailure: true, seed: 2018 },
    );
  });

  it('symmetrization makes the adjustment antisymmetric in imbalance; more iterations, smaller steps', () => {
    fc.assert(
      fc.property(sessions, (seed) => {
        const s = market(seed);
        const m = estimateMicroPrice(s, { tickSize: 0.01 });
        const bins = m.imbBins;
        for (let x = 0; x < m.adjustment.length; x++) {
          const mirror = x - (x % bins) + (bins - 1 - (x % bins));
          expect(m.adjustment[x] + m.adjustment[mirror]).toBeCloseTo(0, 9);
        }
        // The partial sums are Cauchy: a tolerance 1000× finer moves the estimate by a sliver of a tick.
        const fine = estimateMicroPrice(s, { tickSize: 0.01, tol: 1e-12 });
        expect(fine.converged).toBe(true);
        expect(fine.iterations).toBeGreaterThanOrEqual(m.iterations);
        for (let x = 0; x < m.adjustment.length; x++) expect(Math.abs(fine.adjustment[x] - m.adjustment[x])).toBeLessThan(0.01 * 1e-4);
      }),
      { numRuns: 20, endOnFailure: true },
    );
  });

  it('a heavy bid (high imbalance) prices above the mid, a heavy ask below', () => {
    const seed = Array.from({ length: 20_000 }, (_, i) => ((Math.sin(i * 12.9898) * 43758.5453) % 1 + 1) % 1);
    const s = market(seed);
    const m = estimateMicroPrice(s, { tickSize: 0.01 });
    expect(m.converged).toBe(true);
    expect(m.adjustment[9]).toBeGreaterThan(0);
    expect(m.adjustment[0]).toBeLessThan(0);
    expect(m.adjustment[9]).toBeGreaterThan(m.adjustment[5]);
  });

  it('states and tick size', () => {
    const s = market([0.5, 0.5, 0.99, 0.5]);
    expect(microState(s, 0, 0.01, 10, 2)).toBe(Math.floor((s.bidSz[0] / (s.bidSz[0] + s.askSz[0])) * 10));
    expect(inferTickSize(s)).toBeCloseTo(0.01, 9);
  });
});
