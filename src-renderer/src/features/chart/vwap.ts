import type { Bar } from '../../../../src-shared/domain/bar';
import { etDate, etMsOfDay } from '../../../../src-shared/domain/et-time';
import { ANCHOR_MS_OF_DAY, type SessionAnchor } from '../../../../src-shared/domain/market-time';
import { barPrice } from '../../../../src-shared/domain/vwap';

/** The chart's VWAP: the domain's definition, with null points before the anchor (whitespace on the chart). */
export type VwapAnchor = SessionAnchor;

export interface VwapPoint {
  tsOpen: number;
  /** null before the anchor of a session (no VWAP yet). */
  value: number | null;
}

/**
 * Session VWAP over intraday bars: accumulates price·volume from the anchor (04:00 or 09:30 ET)
 * and resets at each new ET date. Bars before the anchor get null.
 */
export function sessionVwap(bars: readonly Bar[], anchor: VwapAnchor): VwapPoint[] {
  const start = ANCHOR_MS_OF_DAY[anchor];
  const out: VwapPoint[] = [];
  let day = '';
  let pv = 0;
  let vol = 0;
  for (const b of bars) {
    const d = etDate(b.tsOpen);
    if (d !== day) {
      day = d;
      pv = 0;
      vol = 0;
    }
    if (etMsOfDay(b.tsOpen) < start) {
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
  const day = etDate(last.tsOpen);
  const start = ANCHOR_MS_OF_DAY[anchor];
  if (etMsOfDay(last.tsOpen) < start) return { tsOpen: last.tsOpen, value: null };
  let pv = 0;
  let vol = 0;
  for (let i = bars.length - 1; i >= 0; i--) {
    const b = bars[i];
    if (etDate(b.tsOpen) !== day || etMsOfDay(b.tsOpen) < start) break;
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
