/** Everything one day's report shows, gathered once so every format tells the same numbers. */
import { parseYmd } from '../../src-shared/domain/civil-date';
import type { Bar } from '../../src-shared/domain/bar';
import type { Breakdowns } from '../../src-shared/domain/trades/breakdowns';
import type { Fill } from '../../src-shared/domain/trades/fill';
import type { MatchMethod, RoundTrip } from '../../src-shared/domain/trades/round-trip';
import type { DailyPnl, TripStats } from '../../src-shared/domain/trades/stats';
import type { HistoryService } from '../history/history-service';

export interface Reconciliation {
  /** Σ IB's realized P&L over the trips IB gave one for. */
  ibRealized: number | null;
  /** Σ Tapedeck's net over the same trips. */
  ours: number;
  difference: number | null;
  tripsCompared: number;
  tripsWithoutIb: number;
  feesPending: number;
}

export interface DayReport {
  date: string;
  generatedAt: number;
  method: MatchMethod;
  trips: RoundTrip[];
  fills: Fill[];
  stats: TripStats;
  breakdowns: Breakdowns;
  /** Daily P&L of the report's calendar month. */
  month: DailyPnl[];
  bars: Map<string, Bar[]>;
  reconciliation: Reconciliation;
}

export function gatherDayReport(history: HistoryService, date: string, now: number, method: MatchMethod = 'fifo'): DayReport {
  const trips = history.trips({ from: date, to: date, method });
  const { stats, breakdowns } = history.stats({ from: date, to: date, method }, trips);
  const { y, m } = parseYmd(date);
  const first = `${y}-${String(m).padStart(2, '0')}-01`;
  const last = `${y}-${String(m).padStart(2, '0')}-31`;
  const month = history.stats({ from: first, to: last, method }).stats.days;
  const bars = new Map<string, Bar[]>();
  for (const sym of new Set(trips.map((t) => t.symbol))) bars.set(sym, history.dayBars(sym, date));
  return { date, generatedAt: now, method, trips, fills: history.fills({ from: date, to: date }), stats, breakdowns, month, bars, reconciliation: reconcile(trips) };
}

export function reconcile(trips: readonly RoundTrip[]): Reconciliation {
  const closed = trips.filter((t) => !t.open);
  const withIb = closed.filter((t) => t.ibRealizedPnl !== null);
  const ib = withIb.length ? withIb.reduce((s, t) => s + t.ibRealizedPnl!, 0) : null;
  const ours = withIb.reduce((s, t) => s + t.net, 0);
  return {
    ibRealized: ib, ours, difference: ib === null ? null : Math.round((ours - ib) * 1e6) / 1e6,
    tripsCompared: withIb.length, tripsWithoutIb: closed.length - withIb.length, feesPending: closed.filter((t) => t.feesPending).length,
  };
}
