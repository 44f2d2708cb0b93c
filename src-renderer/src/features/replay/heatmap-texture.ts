/**
 * The column cache as the WebGL path's texture: one texel per (column, row) holding the resting size, over
 * every column of the cache and a band of rows around the view, so panning or zooming in time, and moving
 * the price window inside the band, is a uniform change. Prices the recorded depth did not cover get
 * UNKNOWN (negative) so the shader hatches them; an empty level stays 0. Pure (a Float32Array out).
 */
import type { ColumnCache } from './heatmap-columns';
import type { HeatViewport } from './heatmap-layout';

export const UNKNOWN = -1;

export interface TextureBand {
  /** The row held by texture row 0 (the band's lowest price row). */
  lowRow: number;
  rows: number;
  cols: number;
}

/** The visible rows plus one view-height above and below (at least `minRows`, at most `maxRows`). */
export function bandFor(v: HeatViewport, cols: number, maxRows: number, minRows = 256): TextureBand {
  const rows = Math.min(maxRows, Math.max(minRows, v.rows * 3));
  const bottom = v.topTick - v.rows + 1;
  return { lowRow: bottom - Math.floor((rows - v.rows) / 2), rows, cols };
}

/** True when every visible row lies inside the band (else the band is packed again around the view). */
export function bandCovers(b: TextureBand, v: HeatViewport, cols: number): boolean {
  return b.cols === cols && v.topTick - v.rows + 1 >= b.lowRow && v.topTick < b.lowRow + b.rows;
}

/** Texel (c, r) at r × cols + c; r = 0 is the band's lowest row. Reuses `out` when it is the right size. */
export function packBand(cache: ColumnCache, b: TextureBand, out?: Float32Array): Float32Array {
  const { cols, rows, lowRow } = b;
  const data = out && out.length === cols * rows ? out : new Float32Array(cols * rows);
  data.fill(UNKNOWN);
  for (let c = 0; c < Math.min(cols, cache.columns.length); c++) {
    const col = cache.columns[c];
    // The column's known rows clipped to the band; everything else stays UNKNOWN.
    const from = Math.max(col.lowTick, lowRow);
    const to = Math.min(col.lowTick + col.sizes.length, lowRow + rows);
    for (let row = from; row < to; row++) data[(row - lowRow) * cols + c] = col.sizes[row - col.lowTick];
  }
  return data;
}

/** The size the shader reads at a visible cell, for tests: null = unknown. */
export function texelAt(data: Float32Array, b: TextureBand, col: number, row: number): number | null {
  const r = row - b.lowRow;
  if (col < 0 || col >= b.cols || r < 0 || r >= b.rows) return null;
  const s = data[r * b.cols + col];
  return s < 0 ? null : s;
}
