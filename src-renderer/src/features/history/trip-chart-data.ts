/**
 * Pure data for the History tab's charts: fill markers on a day's 1-minute candles, the window that frames
 * one trip, the equity curve (cumulative net by trip), and whether a recording covers a trip for Replay.
 */
import type { RoundTrip } from '../../../../src-shared/domain/trades/round-trip';

const MINUTE = 60_000;

export interface FillMarker {
  /** Open of the 1-minute bar the fill falls in (markers sit on bars). */
  barOpen: number;
  time: number;
  side: 'BUY' | 'SELL';
  shares: number;
  price: number;
  tripId: string;
}

/** One marker per trip leg of `symbol`, in time order, on the minute bar it happened in. */
export function fillMarkers(trips: readonly RoundTrip[], symbol: string): FillMarker[] {
  return trips
    .filter((t) => t.symbol === symbol)
    .flatMap((t) => t.legs.map((l) => ({ barOpen: Math.floor(l.time / MINUTE) * MINUTE, time: l.time, side: l.side, shares: l.shares, price: l.price, tripId: t.id })))
    .sort((a, b) => a.time - b.time || (a.side < b.side ? -1 : 1));
}

/** The symbols traded that day, most trips first, then by name (the chart's symbol buttons). */
export function daySymbols(trips: readonly RoundTrip[]): string[] {
  const n = new Map<string, number>();
  for (const t of trips) n.set(t.symbol, (n.get(t.symbol) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
}

/** The span to show for a trip: from a few minutes before its entry to a few after its exit (or entry, if open). */
export function tripWindow(trip: Pick<RoundTrip, 'entryTime' | 'exitTime'>, padMin = 10): { from: number; to: number } {
  const start = Math.floor(trip.entryTime / MINUTE) * MINUTE;
  const end = Math.floor((trip.exitTime ?? trip.entryTime) / MINUTE) * MINUTE;
  return { from: start - padMin * MINUTE, to: end + padMin * MINUTE };
}

export interface EquityPoint {
  /** The trip's exit, epoch ms. */
  ts: number;
  /** Cumulative net after this trip. */
  cum: number;
  net: number;
  tripId: string;
}

/** Closed trips in exit order (entry, then id, break ties) with the running sum of their net P&L. */
export function equityPoints(trips: readonly RoundTrip[]): EquityPoint[] {
  const closed = trips.filter((t) => !t.open && t.exitTime !== null);
  closed.sort((a, b) => a.exitTime! - b.exitTime! || a.entryTime - b.entryTime || (a.id < b.id ? -1 : 1));
  let cum = 0;
  return closed.map((t) => {
    cum += t.net;
    return { ts: t.exitTime!, cum: Math.round(cum * 100) / 100, net: t.net, tripId: t.id };
  });
}

/**
 * Seconds for a time axis that needs strictly increasing times: two trips closing in the same second get
 * consecutive seconds, so each keeps its own point.
 */
export function strictSeconds(times: readonly number[]): number[] {
  const out: number[] = [];
  for (const ms of times) {
    const s = Math.floor(ms / 1000);
    out.push(out.length && s <= out[out.length - 1] ? out[out.length - 1] + 1 : s);
  }
  return out;
}

export interface RecordingSpan {
  sessionId: string;
  symbol: string;
  date: string;
  startedAt: number;
  stoppedAt: number | null;
}

export interface ReplayTarget {
  symbol: string;
  date: string;
  /** Where the playhead goes: the entry, or the first recorded instant after it when the recording began later. */
  at: number;
  /** The recording covers the whole trip (else only part of it). */
  whole: boolean;
}

/**
 * Where to open a trip in Replay: the symbol's recorded day when one of its sessions overlaps the trip
 * (a session still recording runs to `now`); null when nothing recorded that trip.
 */
export function replayTarget(trip: Pick<RoundTrip, 'symbol' | 'entryTime' | 'exitTime'>, sessions: readonly RecordingSpan[], now: number): ReplayTarget | null {
  const end = trip.exitTime ?? trip.entryTime;
  const over = sessions.filter((s) => s.symbol === trip.symbol && s.startedAt <= end && (s.stoppedAt ?? now) >= trip.entryTime);
  if (over.length === 0) return null;
  const first = over.reduce((a, b) => (b.startedAt < a.startedAt ? b : a));
  const whole = over.some((s) => s.startedAt <= trip.entryTime && (s.stoppedAt ?? now) >= end);
  return { symbol: trip.symbol, date: first.date, at: Math.max(trip.entryTime, first.startedAt), whole };
}
