import { describe, expect, it } from 'vitest';
import {
  bucketAtX, bucketPx, PANE_BUCKETS, paneAt, paneBucketMs, paneLayout, paneRequest, profileRows, requestKey, valueRange, visibleBuckets, yIn,
} from '../../../../src-renderer/src/features/replay/analysis-panes';

describe('analysis panes: scales and buckets to pixels', () => {
  it('asks in the smallest bucket giving ≥ 3 px each, within what the contract accepts', () => {
    expect(paneBucketMs(6.5 * 3_600_000, 1_200)).toBe(60_000); // 23.4 M ms over 400 buckets → 58.5 s → 1 min
    expect(paneBucketMs(60_000, 1_200)).toBe(250);
    expect(paneBucketMs(1_000, 1_200)).toBe(100);
    expect(paneBucketMs(1e12, 100)).toBe(3_600_000);
    expect(PANE_BUCKETS.every((b) => b >= 100 && b <= 3_600_000)).toBe(true); // what replay:analysis accepts
  });

  it('snaps the visible range to whole buckets, so a small pan asks the same; whole session omits the range', () => {
    const replay = { start: 1_000_000, end: 1_000_000 + 3_600_000 };
    const a = paneRequest('visible', replay, { t0: 1_100_100, t1: 1_700_100 }, 1_200);
    const b = paneRequest('visible', replay, { t0: 1_100_900, t1: 1_700_900 }, 1_200);
    expect(a).toEqual({ bucketMs: 2_000, from: 1_100_000, to: 1_702_000 });
    expect(requestKey('r', a)).toBe(requestKey('r', b));
    expect(paneRequest('session', replay, { t0: 1_100_100, t1: 1_700_100 }, 1_200)).toEqual({ bucketMs: 10_000 });
    expect(paneRequest('visible', replay, null, 1_200)).toEqual({ bucketMs: 10_000 });
    expect(paneRequest('visible', replay, { t0: replay.start, t1: replay.end }, 1_200)).toEqual({ bucketMs: 10_000 });
  });

  it('maps buckets to pixels on the shared time axis and finds the bucket under the pointer', () => {
    const w = { t0: 10_000, t1: 20_000 };
    expect(bucketPx(12_000, 1_000, w, 1_000)).toEqual([200, 300]);
    const t = [9_000, 10_000, 11_000, 12_000, 19_000, 20_000];
    expect(visibleBuckets(t, 1_000, w)).toEqual([1, 5]); // 9 000–10 000 ends at the window's start; 20 000 starts at its end
    expect(bucketAtX(t, 1_000, w, 1_000, 250)).toBe(3);
    expect(bucketAtX(t, 1_000, w, 1_000, 500)).toBe(-1); // 15 000: no bucket
    expect(bucketAtX(t, 1_000, w, 1_000, 0)).toBe(1);
  });

  it('value scales skip nulls, hold zero for bars, are symmetric for OFI, and never collapse', () => {
    expect(valueRange([[null, 5, 2, null]], 0, 4)).toEqual([2, 5]);
    expect(valueRange([[null, 5, 2]], 0, 3, { zero: true })).toEqual([0, 5]);
    expect(valueRange([[-3, 7]], 0, 2, { symmetric: true })).toEqual([-7, 7]);
    expect(valueRange([[1, 2], [4, -1]], 0, 2)).toEqual([-1, 4]);
    expect(valueRange([[null]], 0, 1)).toEqual([-1, 1]);
    const [lo, hi] = valueRange([[3, 3]], 0, 2);
    expect(hi).toBeGreaterThan(lo);
    const row = paneLayout(500)[0];
    expect(yIn(row, 0, 10, 0)).toBe(row.y1 - 2);
    expect(yIn(row, 0, 10, 10)).toBe(row.y0 + 2);
  });

  it('stacks the five panes and finds the one under y', () => {
    const rows = paneLayout(250);
    expect(rows.map((r) => r.kind)).toEqual(['ofi', 'cvd', 'imbalance', 'spread', 'depth']);
    expect(rows[0]).toMatchObject({ y0: 0, y1: 49 });
    expect(rows[4]).toMatchObject({ y0: 200, y1: 249 });
    expect(paneAt(rows, 120)?.kind).toBe('imbalance');
  });

  it('sums the volume profile into the heatmap’s rows and places POC and value area', () => {
    const bins = [100, 100.01, 100.02, 100.03, 100.04].map((price, i) => ({ price, volume: [10, 20, 50, 20, 5][i] }));
    // Two ticks per row: rows 5000 (100.00–100.01), 5001 (100.02–100.03), 5002 (100.04); top row 5002, 4 rows shown.
    const p = profileRows(bins, 0.01, 2, 5002, 4, 100.02, 100.01, 100.03);
    expect(Array.from(p.volume)).toEqual([5, 70, 30, 0]);
    expect([p.pocRow, p.vahRow, p.valRow]).toEqual([1, 1, 2]);
  });
});
