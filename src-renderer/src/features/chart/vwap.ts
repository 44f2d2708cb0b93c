import type { Bar } from '../../../../src-shared/domain/bar';
import { etDateKey, etMinuteOfDay } from '../../lib/et-time';

export type VwapAnchor = '04:00' | '09:30';

export interface VwapPoint {
  tsOpen: number;
  /** null before the anchor of a session (no VWAP yet). */
  value: number | null;
}

const anchorMinute = (a: VwapAnchor): number => (a === '04:00' ? 4 * 60 : 9 * 60 + 30);

/** The price a bar contributes: its own VWAP when the source gave one, else the typical price. */
const barPrice = (b: Bar): number => b.vwap ?? (b.high + b.low + b.close) / 3;

/**
 * Session VWAP over intraday bars: accumulates price·volume from the anchor (04:00 or 09:30 ET)
 * and resets at each new ET date. Bars before the anchor get null.
 */
export function sessionVwap(bars: readonly Bar[], anchor: VwapAnchor): VwapPoint[] {
  const start = anchorMinute(anchor);
  const out: VwapPoint[] = [];
  let day = '';
  let pv = 0;
  let vol = 0;
  for (const b of bars) {
    const d = etDateKey(b.tsOpen);
    if (d !== day) {
      day = d;
      pv = 0;
      vol = 0;
    }
    if (etMinuteOfDay(b.tsOpen) < start) {
      out.push({ tsOpen: b.tsOpen, value: null });
      continue;
    }
    pv += barPrice(b) * b.volume;
    vol += b.volume;
    out.push({ tsOpen: b.tsOpen, value: vol > 0 ? pv / vol : null });
  }
  return out;
}

/** VWAP at the last bar only, scanning back to its session start (for live updates). */
export function lastVwap(bars: readonly Bar[], anchor: VwapAnchor): VwapPoint | null {
  if (bars.length === 0) return null;
  const last = bars[bars.length - 1];
  const day = etDateKey(last.tsOpen);
  const start = anchorMinute(anchor);
  if (etMinuteOfDay(last.tsOpen) < start) return { tsOpen: last.tsOpen, value: null };
  let pv = 0;
  let vol = 0;
  for (let i = bars.length - 1; i >= 0; i--) {
    const b = bars[i];
    if (etDateKey(b.tsOpen) !== day || etMinuteOfDay(b.tsOpen) < start) break;
    pv += barPrice(b) * b.volume;
    vol += b.volume;
  }
  return { tsOpen: last.tsOpen, value: vol > 0 ? pv / vol : null };
}

/**
 * Merges a live bar into a sorted bar list: replaces the bar with the same tsOpen, appends a newer
 * one, ignores an older one (the chart cannot update the past). Returns false when ignored.
 */
export function mergeLiveBar(bars: Bar[], bar: Bar): boolean {
  const last = bars[bars.length - 1];
  if (!last || bar.tsOpen > last.tsOpen) {
    bars.push(bar);
    return true;
  }
  if (bar.tsOpen === last.tsOpen) {
    bars[bars.length - 1] = bar;
    return true;
  }
  return false;
}
