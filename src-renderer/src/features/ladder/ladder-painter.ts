import { fmtVolume } from '../../lib/format';
import type { LadderLayout } from './ladder-layout';
import type { LadderMark, LadderOverlay } from './ladder-overlay';

export const ROW_HEIGHT = 16;

const C = {
  bg: '#0e1116',
  grid: '#1a2029',
  text: '#d5dae1',
  muted: '#5d6b7c',
  bid: '#22c55e',
  ask: '#ef4444',
  bidBar: 'rgba(34,197,94,0.22)',
  askBar: 'rgba(239,68,68,0.22)',
  bidBest: 'rgba(34,197,94,0.12)',
  askBest: 'rgba(239,68,68,0.12)',
  spread: '#151a21',
  last: '#facc15',
  position: '#38bdf8',
  buyMark: 'rgba(37,99,235,0.85)',
  sellMark: 'rgba(234,88,12,0.85)',
};

/** Column edges as fractions of the width: bid cum | bid | price | ask | ask cum. */
export const COLS = [0, 0.15, 0.36, 0.64, 0.85, 1];

export type { LadderMark, LadderOverlay };

const samePrice = (a: number, b: number): boolean => Math.abs(a - b) < 1e-7;

/**
 * Paints a laid-out ladder. Sizes are in CSS pixels; the caller has scaled the context for the
 * device pixel ratio.
 */
export function paintLadder(
  ctx: CanvasRenderingContext2D,
  layout: LadderLayout,
  width: number,
  height: number,
  decimals: number,
  overlay?: LadderOverlay,
): void {
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.font = '11px ui-monospace, "JetBrains Mono", Menlo, Consolas, monospace';
  ctx.textBaseline = 'middle';
  const x = COLS.map((f) => Math.round(f * width));
  const sizeW = x[2] - x[1];
  const maxSize = Math.max(1, layout.maxSize);

  layout.rows.forEach((r, i) => {
    const y = i * ROW_HEIGHT;
    const mid = y + ROW_HEIGHT / 2;
    if (r.inSpread) {
      ctx.fillStyle = C.spread;
      ctx.fillRect(0, y, width, ROW_HEIGHT);
    }
    if (r.isBestBid) {
      ctx.fillStyle = C.bidBest;
      ctx.fillRect(0, y, x[3], ROW_HEIGHT);
    }
    if (r.isBestAsk) {
      ctx.fillStyle = C.askBest;
      ctx.fillRect(x[2], y, width - x[2], ROW_HEIGHT);
    }
    // Size bars grow from the price column outwards.
    if (r.bid > 0) {
      const w = Math.max(1, (r.bid / maxSize) * sizeW);
      ctx.fillStyle = C.bidBar;
      ctx.fillRect(x[2] - w, y + 1, w, ROW_HEIGHT - 2);
    }
    if (r.ask > 0) {
      const w = Math.max(1, (r.ask / maxSize) * sizeW);
      ctx.fillStyle = C.askBar;
      ctx.fillRect(x[3], y + 1, w, ROW_HEIGHT - 2);
    }
    if (r.tradeSize > 0 && r.tradeFade < 1) {
      ctx.fillStyle = `rgba(250,204,21,${(0.45 * (1 - r.tradeFade)).toFixed(3)})`;
      ctx.fillRect(x[2], y, x[3] - x[2], ROW_HEIGHT);
    }
    if (r.isLast) {
      ctx.strokeStyle = C.last;
      ctx.strokeRect(x[2] + 0.5, y + 0.5, x[3] - x[2] - 1, ROW_HEIGHT - 1);
    }

    ctx.textAlign = 'right';
    ctx.fillStyle = C.muted;
    if (r.bidCum > 0) ctx.fillText(fmtVolume(r.bidCum), x[1] - 4, mid);
    ctx.fillStyle = C.bid;
    if (r.bid > 0) ctx.fillText(fmtVolume(r.bid), x[2] - 4, mid);

    ctx.textAlign = 'center';
    ctx.fillStyle = r.isLast ? C.last : r.inSpread ? C.muted : C.text;
    const printed = r.tradeSize > 0 && r.tradeFade < 1;
    // With a print, the price moves left to make room for the printed size on the right.
    ctx.textAlign = printed ? 'left' : 'center';
    ctx.fillText(r.price.toFixed(decimals), printed ? x[2] + 3 : (x[2] + x[3]) / 2, mid);
    if (printed) {
      ctx.textAlign = 'right';
      ctx.fillStyle = C.last;
      ctx.fillText(fmtVolume(r.tradeSize), x[3] - 3, mid);
    }

    ctx.textAlign = 'left';
    ctx.fillStyle = C.ask;
    if (r.ask > 0) ctx.fillText(fmtVolume(r.ask), x[3] + 4, mid);
    ctx.fillStyle = C.muted;
    if (r.askCum > 0) ctx.fillText(fmtVolume(r.askCum), x[4] + 4, mid);

    ctx.fillStyle = C.grid;
    ctx.fillRect(0, y + ROW_HEIGHT - 1, width, 1);
  });
  ctx.fillStyle = C.grid;
  for (const cx of x.slice(1, -1)) ctx.fillRect(cx, 0, 1, height);
  if (overlay) paintOverlay(ctx, layout, x, overlay, decimals);
}

function paintOverlay(ctx: CanvasRenderingContext2D, layout: LadderLayout, x: number[], o: LadderOverlay, decimals: number): void {
  layout.rows.forEach((r, i) => {
    const y = i * ROW_HEIGHT;
    const mid = y + ROW_HEIGHT / 2;
    const pos = o.position;
    if (pos && samePrice(Number(pos.price.toFixed(decimals)), r.price)) {
      ctx.strokeStyle = C.position;
      ctx.lineWidth = 2;
      ctx.strokeRect(x[2] + 1, y + 1, x[3] - x[2] - 2, ROW_HEIGHT - 2);
      ctx.lineWidth = 1;
    }
    if (o.dragPrice !== null && samePrice(o.dragPrice, r.price)) {
      ctx.strokeStyle = C.text;
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(x[0] + 0.5, y + 0.5, x[5] - 1, ROW_HEIGHT - 1);
      ctx.setLineDash([]);
    }
    const here = o.marks.filter((m) => samePrice(m.price, r.price));
    for (const side of ['BUY', 'SELL'] as const) {
      const ms = here.filter((m) => m.side === side);
      if (!ms.length) continue;
      const [x0, x1] = side === 'BUY' ? [x[0], x[1]] : [x[4], x[5]];
      ctx.fillStyle = side === 'BUY' ? C.buyMark : C.sellMark;
      ctx.fillRect(x0 + 1, y + 1, x1 - x0 - 2, ROW_HEIGHT - 2);
      ctx.fillStyle = '#fff';
      ctx.textAlign = 'left';
      const qty = ms.reduce((a, m) => a + m.quantity, 0);
      ctx.fillText(`× ${ms.map((m) => m.tag).join('')} ${fmtVolume(qty)}`, x0 + 4, mid);
    }
  });
  if (o.position) {
    ctx.fillStyle = C.position;
    ctx.textAlign = 'right';
    ctx.fillText(`pos ${o.position.quantity > 0 ? '+' : ''}${o.position.quantity} @ ${o.position.price.toFixed(decimals)}`, x[5] - 4, 8);
  }
}
