/** The rows every format shows, so Markdown and HTML cannot drift apart. */
import type { BreakdownKind } from '../../src-shared/domain/trades/breakdowns';
import type { RoundTrip } from '../../src-shared/domain/trades/round-trip';
import type { TripStats } from '../../src-shared/domain/trades/stats';
import { duration, etClock, money, pct, plain } from './format';
import type { DayReport } from './report-data';

export function kpis(s: TripStats): Array<[string, string]> {
  return [
    ['Net P&L', money(s.net)], ['Gross P&L', money(s.gross)], ['Fees', money(s.fees, false)], ['Trips', String(s.trips)],
    ['Win rate', pct(s.winRate)], ['Profit factor', plain(s.profitFactor)], ['Expectancy', money(s.expectancy)],
    ['Avg win', money(s.avgWin)], ['Avg loss', money(s.avgLoss)], ['Largest win', money(s.largestWin)], ['Largest loss', money(s.largestLoss)],
    ['Max drawdown (trips)', money(-s.maxDrawdownTrip)], ['Longest streaks', `${s.longestWinStreak} W / ${s.longestLossStreak} L`],
    ['SQN', s.sqn === null ? '— (N < 30)' : `${plain(s.sqn)} (${s.sqnBasis})`], ['Avg hold', duration(s.avgHoldMs)],
  ];
}

export const TRIP_COLUMNS = ['#', 'Symbol', 'Side', 'Entry', 'Exit', 'Hold', 'Shares', 'Avg in', 'Avg out', 'Gross', 'Fees', 'Net', 'R', 'MAE', 'MFE', 'Tags'];

export function tripRow(t: RoundTrip, i: number): string[] {
  const ex = t.excursionSource === 'bars' ? '~' : '';
  return [
    String(i + 1), t.symbol, t.direction === 'LONG' ? 'Long' : 'Short', etClock(t.entryTime), t.exitTime === null ? 'open' : etClock(t.exitTime), duration(t.holdMs),
    String(t.maxShares), t.avgEntry.toFixed(4), t.avgExit === null ? '—' : t.avgExit.toFixed(4), money(t.gross), money(t.fees, false) + (t.feesPending ? ' (pending)' : ''),
    money(t.net), t.r === null ? '—' : `${plain(t.r)}R`, t.mae === null ? '—' : ex + money(t.mae), t.mfe === null ? '—' : ex + money(t.mfe), t.tags.join(', '),
  ];
}

export const BREAKDOWN_TITLES: Record<BreakdownKind, string> = {
  hour: 'By hour (ET)', quarterHour: 'By 15 minutes (ET)', weekday: 'By weekday', symbol: 'By symbol', tag: 'By tag', side: 'By side',
  holdTime: 'By hold time', gapPct: 'By gap % at entry', rvol: 'By RVOL at entry',
};

export function reconciliationRows(r: DayReport['reconciliation']): Array<[string, string]> {
  return [
    ["IB's realized P&L (trips IB reported)", money(r.ibRealized)], ["Tapedeck's net, same trips", money(r.ours)],
    ['Difference', r.difference === null ? '— (IB gave no realized P&L)' : money(r.difference)], ['Trips compared', String(r.tripsCompared)],
    ['Trips without IB figures', String(r.tripsWithoutIb)], ['Trips with pending commissions', String(r.feesPending)],
  ];
}
