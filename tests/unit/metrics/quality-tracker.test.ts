import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QualityTracker } from '../../../src-shared/domain/metrics/quality-tracker';
import { streamQuality } from '../../../src-shared/domain/metrics/quality';
import { topOf } from './book-rows';

type Row = [number, number, number, number, number];

/** Feeds the rows to a tracker and compares its report at `end` with the batch report over the same rows. */
function both(rows: Row[], open: [number, number], gaps: Array<{ start: number; end: number | null; reason: string }>, markers: Array<{ ts: number; code: number }>) {
  const tr = new QualityTracker(open, 10_000);
  for (const [t, b, , a] of rows) tr.depth(t, b, a);
  const live = tr.report(open[1], gaps, markers);
  const book = topOf(rows);
  const batch = streamQuality({ times: book.t, open: open[1] > open[0] ? [open] : [], gaps, markers, book, staleMs: 10_000 });
  return { live, batch };
}

describe('live quality tracker', () => {
  it('a quiet stretch, a locked and a crossed book and an outlying spread: the same report as the batch', () => {
    const rows: Row[] = [
      [1_000, 10, 1, 10.01, 1],
      [2_000, 10.01, 1, 10.01, 1], // locked 1 s
      [3_000, 10.02, 1, 10.01, 1], // crossed 17 s (and 17 s without an update: stale)
      [20_000, 10, 1, 10.5, 1], // outlier
      [21_000, 10, 1, 10.01, 1],
      [22_000, NaN, 0, 10.01, 1], // one side empty: no spread
      [23_000, 10, 1, 10.01, 1],
    ];
    const markers = [{ ts: 5_000, code: 1100 }, { ts: 6_000, code: 1101 }, { ts: 9_000, code: 317 }];
    const gaps = [{ start: 5_000, end: 6_000, reason: 'socket closed' }];
    const { live, batch } = both(rows, [0, 40_000], gaps, markers);
    expect(live.score).toBe(batch.score);
    expect(live.reasons).toEqual(batch.reasons);
    expect(live.stalePeriods).toBe(batch.stale.length);
    expect(live.stalePeriods).toBe(2); // 3 s → 20 s, and 23 s → the end at 40 s
    expect(live.crossedShare).toBeCloseTo(batch.crossedShare, 12);
    expect(live.lockedShare).toBeCloseTo(batch.lockedShare, 12);
    expect(live.spreadOutlierShare).toBeCloseTo(batch.spreadOutlierShare, 12);
    expect(live.score).toBeLessThan(80);
  });

  it('a stale stretch still running counts up to now, and only open time counts', () => {
    const tr = new QualityTracker([10_000, 100_000], 10_000);
    tr.depth(1_000, 10, 10.01); // before the open
    tr.depth(12_000, 10, 10.01);
    expect(tr.report(20_000, [], []).stalePeriods).toBe(0);
    const r = tr.report(52_000, [], []);
    expect(r.stalePeriods).toBe(1);
    expect(r.staleShare).toBeCloseTo(40_000 / 42_000, 12);
    // Outside regular hours nothing is stale.
    const after = new QualityTracker([5_000, 5_000]);
    after.depth(6_000, 10, 10.01);
    expect(after.report(90_000, [], []).score).toBe(100);
  });

  it('equals the batch score on random streams', () => {
    const row = fc.tuple(fc.integer({ min: 0, max: 15_000 }), fc.integer({ min: -3, max: 12 }), fc.integer({ min: 0, max: 40 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 3 }), (steps, openLen, nMarkers) => {
        let t = 0;
        const rows: Row[] = steps.map(([dt, spreadTicks, lvl, oneSided]) => {
          t += dt;
          const bid = 100 + lvl * 0.01;
          return [t, oneSided ? NaN : bid, 1, Math.round((bid + spreadTicks * 0.01) * 100) / 100, 1];
        });
        const open: [number, number] = [500, 500 + openLen + t / 2];
        const markers = Array.from({ length: nMarkers }, (_, i) => ({ ts: i * 1000, code: [1100, 1101, 317][i % 3] }));
        const { live, batch } = both(rows, open, [], markers);
        expect(live.score).toBe(batch.score);
        expect(live.reasons).toEqual(batch.reasons);
        expect(live.stalePeriods).toBe(batch.stale.length);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
