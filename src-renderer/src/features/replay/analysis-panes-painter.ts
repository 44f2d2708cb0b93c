/**
 * Paints the analysis panes on one canvas, on the heatmap's time window: OFI bars, the inferred CVD, depth
 * imbalance around 0, the quoted spread, and bid/ask depth within k levels; the bucket under the pointer
 * marked. One path or rect per bucket in view, never one per event.
 */
import { fmtEtTime } from '../../lib/et-time';
import { bucketPx, type PaneData, type PaneKind, paneLayout, type PaneRow, valueRange, visibleBuckets, yIn } from './analysis-panes';
import type { TimeWindow } from './time-window';

const BG = '#0e1116';
const GRID = '#232a33';
const LABEL = '#aab4c0';
const UP = '#22c55e';
const DOWN = '#ef4444';

export const PANE_TITLES: Record<PaneKind, string> = {
  ofi: 'OFI',
  cvd: 'CVD (inferred aggressor)',
  imbalance: 'Depth imbalance',
  spread: 'Quoted spread',
  depth: 'Depth',
};

function line(ctx: CanvasRenderingContext2D, d: PaneData, col: ReadonlyArray<number | null>, row: PaneRow, lo: number, hi: number, i0: number, i1: number, w: TimeWindow, width: number, colour: string): void {
  const { t, bucketMs } = d.panes;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  let pen = false;
  for (let i = i0; i < i1; i++) {
    const v = col[i];
    if (v === null) {
      pen = false;
      continue;
    }
    const [a, b] = bucketPx(t[i], bucketMs, w, width);
    const y = yIn(row, lo, hi, v);
    if (!pen) ctx.moveTo(a, y);
    else ctx.lineTo(a, y);
    ctx.lineTo(b, y);
    pen = true;
  }
  ctx.stroke();
}

function bars(ctx: CanvasRenderingContext2D, d: PaneData, col: ReadonlyArray<number | null>, row: PaneRow, lo: number, hi: number, i0: number, i1: number, w: TimeWindow, width: number): void {
  const { t, bucketMs } = d.panes;
  const y0 = yIn(row, lo, hi, 0);
  for (let i = i0; i < i1; i++) {
    const v = col[i];
    if (!v) continue;
    const [a, b] = bucketPx(t[i], bucketMs, w, width);
    const y = yIn(row, lo, hi, v);
    ctx.fillStyle = v > 0 ? UP : DOWN;
    ctx.fillRect(a, Math.min(y, y0), Math.max(1, b - a - (b - a > 3 ? 1 : 0)), Math.max(1, Math.abs(y - y0)));
  }
}

function zeroLine(ctx: CanvasRenderingContext2D, row: PaneRow, lo: number, hi: number, width: number): void {
  if (lo > 0 || hi < 0) return;
  ctx.fillStyle = GRID;
  ctx.fillRect(0, Math.round(yIn(row, lo, hi, 0)), width, 1);
}

/** Draws one pane's series and returns its value range (for the axis labels). */
function paintPane(ctx: CanvasRenderingContext2D, d: PaneData, row: PaneRow, i0: number, i1: number, w: TimeWindow, width: number): [number, number] {
  const p = d.panes;
  if (row.kind === 'ofi') {
    const [lo, hi] = valueRange([p.ofi], i0, i1, { symmetric: true });
    zeroLine(ctx, row, lo, hi, width);
    bars(ctx, d, p.ofi, row, lo, hi, i0, i1, w, width);
    return [lo, hi];
  }
  if (row.kind === 'cvd') {
    const [lo, hi] = valueRange([p.cvd], i0, i1, { zero: true });
    zeroLine(ctx, row, lo, hi, width);
    line(ctx, d, p.cvd, row, lo, hi, i0, i1, w, width, '#60a5fa');
    return [lo, hi];
  }
  if (row.kind === 'imbalance') {
    const [lo, hi]: [number, number] = [-1, 1];
    zeroLine(ctx, row, lo, hi, width);
    line(ctx, d, p.imbalance, row, lo, hi, i0, i1, w, width, '#facc15');
    return [lo, hi];
  }
  if (row.kind === 'spread') {
    const [lo, hi] = valueRange([p.spread], i0, i1, { zero: true });
    line(ctx, d, p.spread, row, lo, hi, i0, i1, w, width, '#e879f9');
    return [lo, hi];
  }
  const [lo, hi] = valueRange([p.depthBid, p.depthAsk], i0, i1, { zero: true });
  line(ctx, d, p.depthBid, row, lo, hi, i0, i1, w, width, UP);
  line(ctx, d, p.depthAsk, row, lo, hi, i0, i1, w, width, DOWN);
  return [lo, hi];
}

export const fmtPaneValue = (kind: PaneKind, v: number | null): string => {
  if (v === null || !Number.isFinite(v)) return '—';
  if (kind === 'imbalance') return v.toFixed(3);
  if (kind === 'spread') return v.toFixed(4);
  return Math.abs(v) >= 10_000 ? `${(v / 1000).toFixed(1)}k` : Math.round(v).toLocaleString('en-US');
};

/** Every pane and the bucket under the pointer; the playhead and the dimmed future are DOM marks over it (playhead-marks.ts). */
export function paintPanes(ctx: CanvasRenderingContext2D, d: PaneData | null, w: TimeWindow, width: number, height: number, hover: number): void {
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, width, height);
  if (!d) return;
  const rows = paneLayout(height);
  const [i0, i1] = visibleBuckets(d.panes.t, d.panes.bucketMs, w);
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'top';
  for (const row of rows) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, row.y0, width, row.y1 - row.y0);
    ctx.clip();
    const [lo, hi] = paintPane(ctx, d, row, i0, i1, w, width);
    ctx.restore();
    ctx.fillStyle = GRID;
    ctx.fillRect(0, row.y1, width, 1);
    ctx.fillStyle = LABEL;
    ctx.textAlign = 'right';
    ctx.fillText(fmtPaneValue(row.kind, hi), width - 3, row.y0 + 1);
    ctx.textBaseline = 'bottom';
    ctx.fillText(fmtPaneValue(row.kind, lo), width - 3, row.y1 - 1);
    ctx.textBaseline = 'top';
  }
  if (hover >= 0 && hover < d.panes.t.length) {
    const [a, b] = bucketPx(d.panes.t[hover], d.panes.bucketMs, w, width);
    ctx.fillStyle = 'rgba(248,250,252,0.08)';
    ctx.fillRect(a, 0, Math.max(1, b - a), height);
  }
}

/** The readout for the bucket under the pointer: its time span and every pane's value there. */
export function hoverText(d: PaneData, i: number): string {
  const p = d.panes;
  const t = p.t[i];
  const v = (k: PaneKind, c: ReadonlyArray<number | null>) => `${PANE_TITLES[k]} ${fmtPaneValue(k, c[i])}`;
  return [
    `${fmtEtTime(t)}–${fmtEtTime(t + p.bucketMs)} ET`,
    v('ofi', p.ofi),
    `${v('cvd', p.cvd)} (Δ ${fmtPaneValue('cvd', p.delta[i])})`,
    v('imbalance', p.imbalance),
    v('spread', p.spread),
    `Depth bid ${fmtPaneValue('depth', p.depthBid[i])} / ask ${fmtPaneValue('depth', p.depthAsk[i])}`,
  ].join(' · ');
}
