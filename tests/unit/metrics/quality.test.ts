import { describe, expect, it } from 'vitest';
import { bookAnomalies, stalePeriods, streamQuality } from '../../../src-shared/domain/metrics/quality';
import { topOf } from './book-rows';

describe('data quality per stream', () => {
  it('stale periods count only open time, from the open or the last update', () => {
    const times = [500, 1_000, 2_000, 30_000, 31_000, 80_000];
    // 31 000 → the close at 40 000 is 9 s: not stale; the event at 80 000 is outside the open time.
    expect(stalePeriods(times, [[0, 40_000]], 10_000)).toEqual([{ start: 2_000, end: 30_000 }]);
    expect(stalePeriods(times, [[0, 45_000]], 10_000)).toEqual([{ start: 2_000, end: 30_000 }, { start: 31_000, end: 45_000 }]);
    expect(stalePeriods([], [[0, 5_000], [10_000, 30_000]], 10_000)).toEqual([{ start: 10_000, end: 30_000 }]);
  });

  it('crossed, locked and outlying spreads', () => {
    const s = topOf([
      [0, 10, 1, 10.01, 1],
      [1000, 10.01, 1, 10.01, 1], // locked 1 s
      [2000, 10.02, 1, 10.01, 1], // crossed 2 s
      [4000, 10, 1, 10.01, 1],
      [5000, 10, 1, 10.5, 1], // outlier (50 × median)
      [6000, 10, 1, 10.01, 1],
    ]);
    const a = bookAnomalies(s);
    expect(a.lockedShare).toBeCloseTo(1 / 6, 12);
    expect(a.crossedShare).toBeCloseTo(2 / 6, 12);
    expect(a.spreadOutlierShare).toBeCloseTo(1 / 4, 12);
  });

  it('a clean stream scores 100; gaps, 1101 and 317 cost documented points with reasons', () => {
    const times = Array.from({ length: 100 }, (_, i) => i * 1000);
    const clean = streamQuality({ times, open: [[0, 99_500]], gaps: [], markers: [] });
    expect(clean.score).toBe(100);
    expect(clean.reasons).toEqual([]);
    const q = streamQuality({
      times,
      open: [[0, 99_500]],
      gaps: [{ start: 10_000, end: 12_000, reason: 'socket closed' }],
      markers: [{ ts: 10_000, code: 1100 }, { ts: 12_000, code: 1101 }, { ts: 50_000, code: 317 }],
    });
    expect(q.score).toBe(100 - (10 + 5 + 3));
    expect(q.reasons).toHaveLength(1);
    expect(q.reasons[0]).toMatch(/1 gap.*1 1101.*1 book reset/);
  });

  it('stale time is penalized one point per percent, capped at 30', () => {
    const q = streamQuality({ times: [0, 60_000], open: [[0, 100_000]], gaps: [], markers: [], staleMs: 10_000 });
    expect(q.stale).toEqual([{ start: 0, end: 60_000 }, { start: 60_000, end: 100_000 }]);
    expect(q.staleShare).toBe(1);
    expect(q.score).toBe(70);
  });
});
