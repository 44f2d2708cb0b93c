/**
 * Paints the session's 1-minute candles on the heatmap's time window: price scale from the visible candles,
 * the session VWAP as a dashed line, and (on a layer over the playhead marks, playhead-marks.ts) the axes.
 * Candles are built once from the tape (tape-series.ts), never per frame, and nothing here moves with the
 * playhead, so a frame at 100× repaints neither.
 */
import { fmtEtTime } from '../../lib/et-time';
import { BAR_MS, thinToPixels, visibleCandles, type TapeData } from './tape-series';
import type { TimeWindow } from './time-window';

const AXIS_W = 52;

/** The visible candles and the price scale they set (null: none in view). */
function scaleOf(tape: TapeData, w: TimeWindow, height: number) {
  const vis = visibleCandles(tape.candles, w);
  if (vis.to === vis.from) return null;
  const pad = Math.max((vis.high - vis.low) * 0.08, 1e-6);
  const [lo, hi] = [vis.low - pad, vis.high + pad];
  return { vis, y: (p: number) => ((hi - p) / (hi - lo)) * (height - 12) };
}

export function paintCandles(ctx: CanvasRenderingContext2D, tape: TapeData, w: TimeWindow, width: number, height: number): void {
  ctx.fillStyle = '#0e1116';
  ctx.fillRect(0, 0, width, height);
  const { candles } = tape;
  const s = scaleOf(tape, w, height);
  if (!s) return;
  const { vis, y } = s;
  // The full width, as the heatmap: the two share one time axis; price labels sit over the right edge.
  const plotW = width;
  const x = (t: number) => ((t - w.t0) / Math.max(1, w.t1 - w.t0)) * plotW;
  const barPx = (BAR_MS / Math.max(1, w.t1 - w.t0)) * plotW;
  for (let i = vis.from; i < vis.to; i++) {
    const c = candles[i];
    ctx.fillStyle = c.close >= c.open ? '#22c55e' : '#ef4444';
    const top = y(Math.max(c.open, c.close));
    const body = Math.max(1, y(Math.min(c.open, c.close)) - top);
    if (barPx > 48) {
      // Zoomed inside a minute: the bar fills its minute (range faint, body solid), so a part of it in view
      // still shows, where a centred candle would sit off-screen.
      const [a, b] = [x(c.t) + 1, x(c.t + BAR_MS) - 1];
      ctx.globalAlpha = 0.25;
      ctx.fillRect(a, y(c.high), b - a, Math.max(1, y(c.low) - y(c.high)));
      ctx.globalAlpha = 0.8;
      ctx.fillRect(a, top, b - a, body);
      ctx.globalAlpha = 1;
      continue;
    }
    const cx = x(c.t + BAR_MS / 2);
    const barW = Math.max(1, barPx * 0.7);
    ctx.fillRect(Math.round(cx), y(c.high), 1, Math.max(1, y(c.low) - y(c.high)));
    ctx.fillRect(cx - barW / 2, top, barW, body);
  }
  const pts = thinToPixels(tape.ts, tape.vwap, w.t0, w.t1, plotW);
  ctx.strokeStyle = '#e879f9';
  ctx.setLineDash([6, 3]);
  ctx.beginPath();
  pts.forEach(([t, p], k) => (k === 0 ? ctx.moveTo(x(t), y(p)) : ctx.lineTo(x(t), y(p))));
  ctx.stroke();
  ctx.setLineDash([]);
}

/** The price labels (right edge) and time labels (bottom), on their own layer over the playhead marks. */
export function paintCandleAxes(ctx: CanvasRenderingContext2D, tape: TapeData, w: TimeWindow, width: number, height: number, decimals: number): void {
  ctx.clearRect(0, 0, width, height);
  const s = scaleOf(tape, w, height);
  if (!s) return;
  const { vis, y } = s;
  const plotW = width;
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.fillStyle = '#aab4c0';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const p of [vis.high, (vis.high + vis.low) / 2, vis.low]) {
    ctx.fillStyle = 'rgba(14,17,22,0.75)';
    ctx.fillRect(width - AXIS_W, y(p) - 6, AXIS_W, 12);
    ctx.fillStyle = '#aab4c0';
    ctx.fillText(p.toFixed(decimals), width - 3, y(p));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  const labels = Math.max(2, Math.floor(plotW / 140));
  for (let i = 1; i < labels; i++) ctx.fillText(fmtEtTime(w.t0 + (i / labels) * (w.t1 - w.t0)), (i / labels) * plotW, height);
}
