/**
 * MAE / MFE: the worst and best open P&L a trip showed while it was on. At a price p the trip's P&L is
 * its cash so far plus position × p (× multiplier), whatever the lot method, so scaling in and out needs
 * no special case. The recorded tape gives exact figures; 1-minute bars give an estimate (a bar's high
 * and low are taken with the position held at the bar's end) and are labelled so.
 */
import type { ExcursionSource, RoundTrip } from './round-trip';

export type PricePath =
  | { kind: 'tape'; trades: ReadonlyArray<{ time: number; price: number }> }
  | { kind: 'bars'; barMs: number; bars: ReadonlyArray<{ tsOpen: number; high: number; low: number }> };

export interface Excursion {
  mae: number;
  mfe: number;
  source: ExcursionSource;
}

interface Sample {
  time: number;
  prices: number[];
}

export function excursion(trip: RoundTrip, path: PricePath): Excursion | null {
  if (trip.open || trip.exitTime === null) return null;
  const samples = samplesOf(trip, path);
  if (samples.length === 0) return null;
  const legs = trip.legs;
  let cash = 0, pos = 0, i = 0, mae = 0, mfe = 0;
  const apply = (until: number, inclusive: boolean) => {
    while (i < legs.length && (inclusive ? legs[i].time <= until : legs[i].time < until)) {
      const l = legs[i++];
      const signed = l.side === 'BUY' ? l.shares : -l.shares;
      cash -= signed * l.price * trip.multiplier;
      pos += signed;
      const atFill = cash + pos * l.price * trip.multiplier;
      mae = Math.min(mae, atFill);
      mfe = Math.max(mfe, atFill);
    }
  };
  for (const s of samples) {
    apply(s.time, true);
    if (pos === 0) continue;
    for (const p of s.prices) {
      const v = cash + pos * p * trip.multiplier;
      mae = Math.min(mae, v);
      mfe = Math.max(mfe, v);
    }
  }
  apply(Number.POSITIVE_INFINITY, true);
  return { mae: clean(mae), mfe: clean(mfe), source: path.kind };
}

function samplesOf(trip: RoundTrip, path: PricePath): Sample[] {
  const from = trip.entryTime;
  const to = trip.exitTime!;
  if (path.kind === 'tape') {
    return path.trades.filter((t) => t.time >= from && t.time <= to).map((t) => ({ time: t.time, prices: [t.price] }));
  }
  return path.bars
    .filter((b) => b.tsOpen + path.barMs > from && b.tsOpen <= to)
    .map((b) => ({ time: Math.min(b.tsOpen + path.barMs - 1, to - 1), prices: [b.high, b.low] }))
    .filter((s) => s.time >= from);
}

/** −0 and float dust read badly in a report. */
function clean(v: number): number {
  const r = Math.round(v * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

export function withExcursion(trip: RoundTrip, path: PricePath | undefined): RoundTrip {
  const e = path ? excursion(trip, path) : null;
  return e ? { ...trip, mae: e.mae, mfe: e.mfe, excursionSource: e.source } : trip;
}
