/**
 * Paints the liquidity heatmap from the column cache in two layers: the body (resting size as colour, prices
 * the recorded depth did not cover hatched as unknown) on canvas 2D when WebGL2 is not drawing it
 * (heatmap-body.ts), and over it best bid/ask lines, prints as bubbles sized by volume, the session VWAP,
 * the future dimmed and the playhead marked. Never reads raw depth messages.
 */
import type { ColumnCache } from './heatmap-columns';
import { rowHeight, xOf, yOf, type HeatViewport } from './heatmap-layout';
import { paintFills, paintTrades, paintVwap, paintVwapLabel } from './heatmap-overlays';
import { vwapLabel } from './vwap-label';
import { paintPlayhead } from './playhead-marks';
import { priceOfRow } from './price-grouping';
import type { TapeData } from './tape-series';
import { rasterize, visibleColumns } from './heatmap-raster';
import type { HeatScale } from './heat-scale';
import { fmtEtTime } from '../../lib/et-time';
import { fmtEtClockMs } from './replay-time';
import type { Trade } from './trades';
import type { TripFill } from './trip-fills';

let hatch: CanvasPattern | null = null;
function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  if (hatch || typeof document === 'undefined') return hatch;
  const c = document.createElement('canvas');
  c.width = c.height = 8;
  const g = c.getContext('2d')!;
  g.fillStyle = '#14181f';
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = '#303a48';
  g.beginPath();
  g.moveTo(0, 8);
  g.lineTo(8, 0);
  g.stroke();
  hatch = ctx.createPattern(c, 'repeat');
  return hatch;
}

const memo: { cache: ColumnCache | null; key: string } = { cache: null, key: '' };
const scratch = typeof document !== 'undefined' ? document.createElement('canvas') : null;

/** The body on canvas 2D (the fallback path): the hatch for unknown prices, then the raster of the visible columns. */
export function paintHeatBody2d(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport, scale: HeatScale): void {
  ctx.fillStyle = hatchPattern(ctx) ?? '#14181f';
  ctx.fillRect(0, 0, v.width, v.height);
  const [i0, i1] = visibleColumns(cache, v);
  if (i0 < 0 || !scratch) return;
  // The raster only changes with the cache, the price window or the colour scale; a frame that only moves
  // the playhead reuses it (the per-frame cost at 100× is then the overlays).
  const key = `${v.t0}|${v.t1}|${v.topTick}|${v.rows}|${scale.lo}|${scale.hi}|${scale.gamma}`;
  if (memo.cache !== cache || memo.key !== key) {
    const cols = i1 - i0 + 1;
    scratch.width = cols;
    scratch.height = v.rows;
    const g = scratch.getContext('2d')!;
    const img = g.createImageData(cols, v.rows);
    rasterize(cache, v, scale, i0, i1, img.data);
    g.putImageData(img, 0, 0);
    memo.cache = cache;
    memo.key = key;
  }
  ctx.imageSmoothingEnabled = false;
  const x0 = xOf(v, cache.columns[i0].t);
  const x1 = xOf(v, cache.columns[i1].t + cache.sliceMs);
  ctx.drawImage(scratch, x0, 0, x1 - x0, v.height);
}

/**
 * Everything over the body that does not move with the playhead, on the 2D canvas whichever path drew the
 * body: best bid/ask, prints, a trip's fills, the VWAP line. The dimmed future, the playhead and the VWAP
 * label at it go over this (playhead-marks.ts, paintHeatPlayhead), the axes over those (paintHeatAxes).
 */
export function paintHeatOverlays(
  ctx: CanvasRenderingContext2D,
  cache: ColumnCache,
  v: HeatViewport,
  trades: readonly Trade[],
  tape: TapeData | null = null,
  fills: readonly TripFill[] = [],
): void {
  const [i0, i1] = visibleColumns(cache, v);
  if (i0 >= 0) paintQuotes(ctx, cache, v, i0, i1);
  paintTrades(ctx, cache, v, tape, trades);
  paintFills(ctx, cache, v, fills);
  paintVwap(ctx, cache, v, tape);
}

/** What moves with the playhead, painted (the PNG export; on screen these are DOM marks): VWAP label, dim, line. */
export function paintHeatPlayhead(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport, tape: TapeData | null, playheadTs: number): void {
  const label = vwapLabel(cache, v, tape, playheadTs);
  if (label) paintVwapLabel(ctx, label);
  paintPlayhead(ctx, xOf(v, playheadTs), v.width, v.height);
}

/** The price and time axes, over the playhead marks (so the future's dimming leaves them readable). */
export function paintHeatAxes(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport): void {
  ctx.clearRect(0, 0, v.width, v.height);
  paintPriceAxis(ctx, cache, v);
  paintTimeAxis(ctx, v);
}

function paintQuotes(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport, i0: number, i1: number): void {
  const h = rowHeight(v);
  for (const [key, colour] of [['bestBid', '#22c55e'], ['bestAsk', '#ef4444']] as const) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let open = false;
    for (let i = i0; i <= i1; i++) {
      const col = cache.columns[i];
      const k = col[key];
      if (k === null) {
        open = false;
        continue;
      }
      const y = yOf(v, k) + h / 2;
      const xa = xOf(v, col.t);
      if (open) ctx.lineTo(xa, y);
      else ctx.moveTo(xa, y);
      ctx.lineTo(xOf(v, col.t + cache.sliceMs), y);
      open = true;
    }
    ctx.stroke();
  }
}

function paintPriceAxis(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport): void {
  const h = rowHeight(v);
  const every = Math.max(1, Math.ceil(16 / h));
  const decimals = cache.minTick < 0.01 ? 4 : 2;
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let r = 0; r < v.rows; r++) {
    const row = v.topTick - r;
    if (row % every !== 0) continue;
    const y = r * h + h / 2;
    ctx.fillStyle = 'rgba(14,17,22,0.75)';
    ctx.fillRect(v.width - 52, y - 6, 52, 12);
    ctx.fillStyle = '#aab4c0';
    ctx.fillText(priceOfRow(cache, row).toFixed(decimals), v.width - 3, y);
  }
}

function paintTimeAxis(ctx: CanvasRenderingContext2D, v: HeatViewport): void {
  const labels = Math.max(2, Math.floor(v.width / 140));
  const short = v.t1 - v.t0 < 120_000;
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'center';
  for (let i = 1; i < labels; i++) {
    const x = (i / labels) * v.width;
    ctx.fillStyle = 'rgba(14,17,22,0.75)';
    ctx.fillRect(x - 38, v.height - 13, 76, 13);
    ctx.fillStyle = '#aab4c0';
    const ts = v.t0 + (i / labels) * (v.t1 - v.t0);
    // Short spans need tenths of a second to tell the labels apart.
    ctx.fillText(short ? fmtEtClockMs(ts).slice(0, 10) : fmtEtTime(ts), x, v.height - 1);
  }
}
