/**
 * What the heatmap draws over its raster from the tape: prints as bubbles (area ∝ volume) and the session
 * VWAP line. Both read the whole recorded tape when it has arrived (`replay:trades`), else the prints seen
 * in frames. A wide window holds too many prints to draw each frame, so only the largest (bubbleIndexes)
 * are drawn, chosen once per window.
 */
import type { ColumnCache } from './heatmap-columns';
import { bubbleRadius, rowHeight, xOf, type HeatViewport } from './heatmap-layout';
import { rowOfPrice } from './price-grouping';
import type { TripFill } from './trip-fills';
import { bubbleIndexes, thinToPixels, type TapeData } from './tape-series';
import type { Trade } from './trades';
import { vwapY, type VwapLabel } from './vwap-label';

const picked: { tape: TapeData | null; t0: number; t1: number; idx: number[]; maxSize: number } = { tape: null, t0: 0, t1: 0, idx: [], maxSize: 0 };

function bubble(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
}

export function paintTrades(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport, tape: TapeData | null, seen: readonly Trade[]): void {
  const h = rowHeight(v);
  const yOfPrice = (p: number) => (v.topTick - rowOfPrice(cache, p)) * h + h / 2;
  ctx.lineWidth = 1;
  ctx.fillStyle = 'rgba(250,204,21,0.35)';
  ctx.strokeStyle = 'rgba(250,204,21,0.9)';
  if (!tape) {
    const maxSize = seen.reduce((m, t) => Math.max(m, t.size), 0);
    for (const t of seen) if (t.ts >= v.t0 && t.ts <= v.t1) bubble(ctx, xOf(v, t.ts), yOfPrice(t.price), bubbleRadius(t.size, maxSize));
    return;
  }
  if (picked.tape !== tape || picked.t0 !== v.t0 || picked.t1 !== v.t1) {
    Object.assign(picked, { tape, t0: v.t0, t1: v.t1, idx: bubbleIndexes(tape, v.t0, v.t1), maxSize: picked.tape === tape ? picked.maxSize : Math.max(0, ...tape.size) });
  }
  for (const i of picked.idx) bubble(ctx, xOf(v, tape.ts[i]), yOfPrice(tape.price[i]), bubbleRadius(tape.size[i], picked.maxSize));
}

/** A journal trip's own fills: ▲ buys (blue) and ▼ sells (orange) at their time and (grouped) price, over the prints. */
export function paintFills(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport, fills: readonly TripFill[]): void {
  const h = rowHeight(v);
  for (const f of fills) {
    if (f.ts < v.t0 || f.ts > v.t1) continue;
    const x = xOf(v, f.ts);
    const y = (v.topTick - rowOfPrice(cache, f.price)) * h + h / 2;
    const up = f.side === 'BUY';
    ctx.beginPath();
    ctx.moveTo(x, up ? y - 7 : y + 7);
    ctx.lineTo(x - 6, up ? y + 5 : y - 5);
    ctx.lineTo(x + 6, up ? y + 5 : y - 5);
    ctx.closePath();
    ctx.fillStyle = up ? '#3b82f6' : '#f97316';
    ctx.fill();
    ctx.strokeStyle = '#f8fafc';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}

/** The session VWAP as a step line over the window (one point per pixel column at most). */
export function paintVwap(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport, tape: TapeData | null): void {
  if (!tape || tape.ts.length === 0) return;
  const pts = thinToPixels(tape.ts, tape.vwap, v.t0, v.t1, v.width);
  if (pts.length === 0) return;
  const y = vwapY(cache, v);
  ctx.strokeStyle = '#e879f9';
  ctx.lineWidth = 1.5;
  ctx.setLineDash([6, 3]);
  ctx.beginPath();
  pts.forEach(([t, p], k) => {
    const x = xOf(v, t);
    if (k === 0) ctx.moveTo(x, y(p));
    else {
      ctx.lineTo(x, y(pts[k - 1][1]));
      ctx.lineTo(x, y(p));
    }
  });
  // VWAP holds until the next print, so the last step runs to the window's edge.
  ctx.lineTo(v.width, y(pts[pts.length - 1][1]));
  ctx.stroke();
  ctx.setLineDash([]);
}

export const VWAP_FONT = '10px ui-monospace, Menlo, Consolas, monospace';

/** The label painted as the DOM one shows it (the PNG export). */
export function paintVwapLabel(ctx: CanvasRenderingContext2D, l: VwapLabel): void {
  ctx.font = VWAP_FONT;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  const tw = ctx.measureText(l.text).width;
  const left = l.right ? l.x : l.x - tw - 4;
  ctx.fillStyle = 'rgba(14,17,22,0.8)';
  ctx.fillRect(left, l.top, tw + 4, 12);
  ctx.fillStyle = '#e879f9';
  ctx.fillText(l.text, left + 2, l.top + 11);
}
