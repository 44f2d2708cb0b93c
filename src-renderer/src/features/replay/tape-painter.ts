/**
 * Paints the replay's tape: the last prints at or before the playhead, newest first, one 22-px row each
 * (time ET, price, size), green when a print is above the one before it, red below. A canvas, as the
 * ladder: at 100× a dozen prints arrive per frame, and re-creating as many table rows cost the page's main
 * thread style, layout, text shaping and paint of the whole document every frame (docs/replay.md).
 */
import { fmtPrice, fmtVolume } from '../../lib/format';
import { fmtEtClockMs } from './replay-time';

export const TAPE_ROW = 22;
/** Column edges as fractions of the width: time left-aligned, price and size right-aligned at their ends. */
const COLS = [0, 0.46, 0.74, 1];
const PAD = 6;

export type Print = { ts: number; price: number; size: number };

/** The rows as shown: newest first, each with its cells and its colour against the older print ('' for none). */
export function tapeRows(trades: readonly Print[]): { cells: [string, string, string]; tick: 'up' | 'down' | '' }[] {
  const rows = [...trades].reverse();
  return rows.map((t, i) => {
    const older = rows[i + 1];
    return {
      cells: [fmtEtClockMs(t.ts), fmtPrice(t.price), fmtVolume(t.size)],
      tick: older && t.price > older.price ? 'up' : older && t.price < older.price ? 'down' : '',
    };
  });
}

const COLOUR = { up: '#22c55e', down: '#ef4444', '': '#d5dae1' } as const;

/** What paintTape needs of a 2D context, structurally (node tests and the node typecheck have no DOM lib). */
export interface TextCtx {
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
}

export function paintTape(ctx: TextCtx, trades: readonly Print[], width: number, height: number): void {
  ctx.fillStyle = '#0e1116';
  ctx.fillRect(0, 0, width, height);
  ctx.font = '12px ui-monospace, "JetBrains Mono", "SF Mono", Menlo, Consolas, monospace';
  ctx.textBaseline = 'middle';
  const x = COLS.map((f) => Math.round(f * width));
  const rows = tapeRows(trades);
  for (let i = 0; i < rows.length && i * TAPE_ROW < height; i++) {
    const y = i * TAPE_ROW;
    const r = rows[i];
    ctx.fillStyle = '#181e26';
    ctx.fillRect(0, y + TAPE_ROW - 1, width, 1);
    ctx.fillStyle = COLOUR[r.tick];
    ctx.textAlign = 'left';
    ctx.fillText(r.cells[0], x[0] + PAD, y + TAPE_ROW / 2);
    ctx.textAlign = 'right';
    ctx.fillText(r.cells[1], x[2] - PAD, y + TAPE_ROW / 2);
    ctx.fillText(r.cells[2], x[3] - PAD, y + TAPE_ROW / 2);
  }
}
