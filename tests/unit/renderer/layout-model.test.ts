import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, dragColumn, dragRow, gridTracks, readLayout } from '../../../src-renderer/src/app/layout-model';

describe('workspace layout', () => {
  it('moves width between neighbours and keeps the total', () => {
    const l = dragColumn(DEFAULT_LAYOUT, 'scanner|chart', 100, 1010);
    expect(l.scanner).toBeCloseTo(0.54, 5);
    expect(l.chart).toBeCloseTo(0.28, 5);
    expect(l.ladder).toBe(DEFAULT_LAYOUT.ladder);
    expect(l.scanner + l.chart + l.ladder).toBeCloseTo(1, 9);
  });

  it('never shrinks a panel below its minimum', () => {
    const l = dragColumn(DEFAULT_LAYOUT, 'chart|ladder', 5000, 1010);
    expect(l.ladder).toBeCloseTo(0.1, 9);
    expect(l.chart).toBeCloseTo(0.46, 9);
    const r = dragRow(DEFAULT_LAYOUT, -5000, 800);
    expect(r.recorder).toBeCloseTo(0.7, 9);
    expect(dragRow(DEFAULT_LAYOUT, 5000, 800).recorder).toBeCloseTo(0.12, 9);
  });

  it('accepts only sane saved layouts', () => {
    expect(readLayout(undefined)).toBe(DEFAULT_LAYOUT);
    expect(readLayout({ scanner: 0.9, chart: 0.05, ladder: 0.05, recorder: 0.3 })).toBe(DEFAULT_LAYOUT);
    expect(readLayout({ scanner: 'x' })).toBe(DEFAULT_LAYOUT);
    const ok = { scanner: 0.5, chart: 0.3, ladder: 0.2, recorder: 0.25 };
    expect(readLayout(ok)).toEqual(ok);
  });

  it('turns a layout into grid tracks with gutters', () => {
    const t = gridTracks(DEFAULT_LAYOUT);
    expect(t.columns).toBe('minmax(0, 0.44fr) 5px minmax(0, 0.38fr) 5px minmax(0, 0.18fr)');
    expect(t.rows).toBe('minmax(0, 0.7fr) 5px minmax(0, 0.3fr)');
  });
});
