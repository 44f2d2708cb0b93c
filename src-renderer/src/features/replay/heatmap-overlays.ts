/**
 * What the heatmap draws over its raster from the tape: prints as bubbles (area ∝ volume) and the session
 * VWAP line. Both read the whole recorded tape when it has arrived (`replay:trades`), else the prints seen
 * in frames. A wide window holds too many prints to draw each frame, so only the largest (bubbleIndexes)
 * are drawn, chosen once per window.
 */
import type { ColumnCache } from './heatmap-columns';
import { bubbleRadius, rowHeight, xOf, type HeatViewport } from './heatmap-layout';
import { rowOfPrice, rowPosOfPrice } from './price-grouping';
import type { TripFill } from './trip-fills';
import { bubbleIndexes, firstAtOrAfter, thinToPixels, type TapeData } from './tape-series';
import type { Trade } from './trades';

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

/** The session VWAP as a step line over the window (one point per pixel column at most), labelled at the playhead. */
export function paintVwap(ctx: CanvasRenderingContext2D, cache: ColumnCache, v: HeatViewport, tape: TapeData | null, playheadTs: number): void {
  if (!tape || tape.ts.length === 0) return;
  const pts = thinToPixels(tape.ts, tape.vwap, v.t0, v.t1, v.width);
  if (pts.length === 0) return;
  const h = rowHeight(v);
  const y = (p: number) => (v.topTick + 1 - rowPosOfPrice(cache, p)) * h;
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
  const at = firstAtOrAfter(tape.ts, playheadTs + 1e-9) - 1;
  const last = at >= 0 ? tape.vwap[at] : NaN;
  if (!Number.isFinite(last)) return;
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'bottom';
  // Beside the playhead, on the side with room.
  const px = xOf(v, playheadTs);
  const right = px < v.width - 120;
  ctx.textAlign = right ? 'left' : 'right';
  const text = `VWAP ${last.toFixed(cache.minTick < 0.01 ? 4 : 2)}`;
  const [tx, ty] = [right ? px + 4 : px - 4, Math.max(12, Math.min(v.height - 14, y(last) - 2))];
  const tw = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(14,17,22,0.8)';
  ctx.fillRect(right ? tx - 2 : tx - tw - 2, ty - 11, tw + 4, 12);
  ctx.fillStyle = '#e879f9';
  ctx.fillText(text, tx, ty);
}
