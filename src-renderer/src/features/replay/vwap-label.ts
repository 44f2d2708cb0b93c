/** Where the heatmap's VWAP label goes beside the playhead (a DOM element on screen, painted for exports). Pure. */
import type { ColumnCache } from './heatmap-columns';
import { rowHeight, xOf, type HeatViewport } from './heatmap-layout';
import { rowPosOfPrice } from './price-grouping';
import { firstAtOrAfter, type TapeData } from './tape-series';

/** y of a price's line on the heatmap (between its row's edges when grouped). */
export const vwapY = (cache: ColumnCache, v: HeatViewport) => {
  const h = rowHeight(v);
  return (p: number) => (v.topTick + 1 - rowPosOfPrice(cache, p)) * h;
};

/** The VWAP label beside the playhead: its box's top, and its left edge (`right`) or right edge at `x`. */
export interface VwapLabel {
  text: string;
  x: number;
  top: number;
  right: boolean;
}

/** The session VWAP at the playhead, placed beside it on the side with room; null before the first print. */
export function vwapLabel(cache: ColumnCache, v: HeatViewport, tape: TapeData | null, playheadTs: number): VwapLabel | null {
  if (!tape || tape.ts.length === 0) return null;
  const at = firstAtOrAfter(tape.ts, playheadTs + 1e-9) - 1;
  const last = at >= 0 ? tape.vwap[at] : NaN;
  if (!Number.isFinite(last)) return null;
  const px = xOf(v, playheadTs);
  const right = px < v.width - 120;
  // The text's baseline 2 px above the line, kept inside the canvas; the box is 12 px over the baseline's 11.
  const baseline = Math.max(12, Math.min(v.height - 14, vwapY(cache, v)(last) - 2));
  return { text: `VWAP ${last.toFixed(cache.minTick < 0.01 ? 4 : 2)}`, x: right ? px + 2 : px - 2, top: baseline - 11, right };
}

