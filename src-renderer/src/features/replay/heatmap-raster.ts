/**
 * Turns the visible part of the column cache into pixels: one pixel per (column, tick), scaled up by the
 * painter without smoothing. Unknown prices stay transparent so the painter's hatch shows through. Pure
 * (writes into a caller's RGBA buffer), so the per-frame cost is benchmarked without a browser.
 */
import { columnIndexAt, sizeAt, type ColumnCache } from './heatmap-columns';
import type { HeatViewport } from './heatmap-layout';
import { intensity, palette, scaleFor, sizeScale, type HeatScale } from './heat-scale';

const LUT = palette();
const SAMPLE = 20_000;

export interface HeatOptions {
  /** Cut-offs as percentiles of the visible sizes, or as exact sizes in shares. */
  mode: 'pct' | 'size';
  loPct: number;
  hiPct: number;
  loSize: number;
  hiSize: number;
  gamma: number;
}

export const DEFAULT_HEAT: HeatOptions = { mode: 'pct', loPct: 5, hiPct: 90, loSize: 100, hiSize: 5000, gamma: 1 };

/** The colour scale for a view: the typed sizes, or percentiles over the visible cells (strided sample, so a full day stays cheap). */
export function visibleScale(cache: ColumnCache, v: HeatViewport, o: HeatOptions): HeatScale {
  if (o.mode === 'size') return sizeScale(o.loSize, o.hiSize, o.gamma);
  const [i0, i1] = visibleColumns(cache, v);
  if (i0 < 0) return scaleFor([], o.loPct, o.hiPct, o.gamma);
  const cells = Math.max(1, (i1 - i0 + 1) * v.rows);
  const stride = Math.max(1, Math.floor(cells / SAMPLE));
  const values: number[] = [];
  let n = 0;
  for (let i = i0; i <= i1; i++) {
    const col = cache.columns[i];
    for (let r = 0; r < v.rows; r++, n++) {
      if (n % stride !== 0) continue;
      const s = sizeAt(col, v.topTick - r);
      if (s !== null) values.push(s);
    }
  }
  return scaleFor(values, o.loPct, o.hiPct, o.gamma);
}

export function visibleColumns(cache: ColumnCache, v: HeatViewport): [number, number] {
  return [columnIndexAt(cache, v.t0), columnIndexAt(cache, v.t1)];
}

/** Fills `out` (RGBA, (i1 − i0 + 1) × v.rows, row-major from the top tick) for columns i0..i1. */
export function rasterize(cache: ColumnCache, v: HeatViewport, scale: HeatScale, i0: number, i1: number, out: Uint8ClampedArray): void {
  const cols = i1 - i0 + 1;
  for (let c = 0; c < cols; c++) {
    const col = cache.columns[i0 + c];
    for (let r = 0; r < v.rows; r++) {
      const s = sizeAt(col, v.topTick - r);
      if (s === null) continue;
      const k = Math.round(intensity(s, scale) * 255) * 4;
      out.set(LUT.subarray(k, k + 4), (r * cols + c) * 4);
    }
  }
}
