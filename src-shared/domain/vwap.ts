/**
 * Session VWAP over intraday bars, reset every session at its anchor (04:00 ET premarket or 09:30 ET
 * regular). Each bar contributes its own vwap when known, else its typical price (H+L+C)/3. Bars
 * before the anchor belong to no VWAP and produce no point; after-hours bars extend the session's.
 */
import type { Bar } from './bar';
import { ANCHOR_MS_OF_DAY, type SessionAnchor, etDate, etMsOfDay } from './market-time';

export interface VwapPoint {
  tsOpen: number;
  value: number;
}

export const barPrice = (b: Bar): number => b.vwap ?? (b.high + b.low + b.close) / 3;

export function sessionVwap(bars: Bar[], anchor: SessionAnchor): VwapPoint[] {
  const anchorMs = ANCHOR_MS_OF_DAY[anchor];
  const out: VwapPoint[] = [];
  let day = '';
  let pv = 0;
  let vol = 0;
  for (const b of bars) {
    const date = etDate(b.tsOpen);
    if (date !== day) {
      day = date;
      pv = 0;
      vol = 0;
    }
    if (etMsOfDay(b.tsOpen) < anchorMs) continue;
    pv += barPrice(b) * b.volume;
    vol += b.volume;
    if (vol > 0) out.push({ tsOpen: b.tsOpen, value: pv / vol });
  }
  return out;
}
