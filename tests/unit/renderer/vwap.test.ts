import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src-shared/domain/bar';
import { lastVwap, mergeLiveBar, sessionVwap } from '../../../src-renderer/src/features/chart/vwap';

const at = (d: number, h: number, m: number) => Date.UTC(2025, 6, d, h + 4, m); // EDT → UTC
const bar = (ts: number, price: number, volume: number): Bar => ({ tsOpen: ts, open: price, high: price, low: price, close: price, volume });

describe('session VWAP', () => {
  const bars = [bar(at(14, 9, 29), 50, 1000), bar(at(14, 9, 30), 10, 100), bar(at(14, 9, 31), 20, 300), bar(at(15, 9, 30), 30, 10)];
  it('starts at the 09:30 anchor and resets each ET day', () => {
    const v = sessionVwap(bars, '09:30').map((p) => p.value);
    expect(v[0]).toBeNull();
    expect(v[1]).toBe(10);
    expect(v[2]).toBeCloseTo((10 * 100 + 20 * 300) / 400);
    expect(v[3]).toBe(30);
  });
  it('includes premarket with the 04:00 anchor', () => {
    expect(sessionVwap(bars, '04:00')[1].value).toBeCloseTo((50 * 1000 + 10 * 100) / 1100);
  });
  it('computes the last point the same way', () => {
    expect(lastVwap(bars.slice(0, 3), '09:30')?.value).toBeCloseTo(sessionVwap(bars, '09:30')[2].value!);
    expect(lastVwap([], '09:30')).toBeNull();
  });
  it('merges live bars in order only', () => {
    const list = bars.slice(0, 2);
    expect(mergeLiveBar(list, bar(at(14, 9, 30), 11, 120))).toBe(true);
    expect(list[1].close).toBe(11);
    expect(mergeLiveBar(list, bar(at(14, 9, 29), 1, 1))).toBe(false);
    expect(mergeLiveBar(list, bar(at(14, 9, 31), 1, 1))).toBe(true);
    expect(list).toHaveLength(3);
  });
});
