/** Where things go on the heatmap canvas: time → x, tick → y, and back. Pure. */

export interface HeatViewport {
  /** Visible time span, epoch ms. */
  t0: number;
  t1: number;
  /** Tick at the top row (highest price) and rows shown. */
  topTick: number;
  rows: number;
  width: number;
  height: number;
}

export const xOf = (v: HeatViewport, ts: number): number => ((ts - v.t0) / Math.max(1, v.t1 - v.t0)) * v.width;
export const tsOfX = (v: HeatViewport, x: number): number => v.t0 + (x / Math.max(1, v.width)) * (v.t1 - v.t0);
export const rowHeight = (v: HeatViewport): number => v.height / Math.max(1, v.rows);
/** y of the top edge of a tick's row. */
export const yOf = (v: HeatViewport, tick: number): number => (v.topTick - tick) * rowHeight(v);

/** A viewport of `rows` ticks centred on `centreTick` over the whole span. */
export function viewportFor(t0: number, t1: number, centreTick: number, rows: number, width: number, height: number): HeatViewport {
  const r = Math.max(1, Math.round(rows));
  return { t0, t1: Math.max(t1, t0 + 1), topTick: centreTick + Math.floor(r / 2), rows: r, width, height };
}

/** Bubble radius in px for a print: area grows with volume, clamped so a block print stays on screen. */
export function bubbleRadius(size: number, maxSize: number, maxRadius = 14): number {
  if (!(size > 0) || !(maxSize > 0)) return 0;
  return Math.max(2, Math.sqrt(Math.min(1, size / maxSize)) * maxRadius);
}
