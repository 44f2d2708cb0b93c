import { describe, expect, it } from 'vitest';
import { curveRange } from '../../../src-renderer/src/features/history/history-view';
import { daySymbols, equityPoints, fillMarkers, replayTarget, strictSeconds, tripWindow } from '../../../src-renderer/src/features/history/trip-chart-data';
import { positionAt } from '../../../src-renderer/src/features/replay/trip-fills';
import { buildRoundTrips } from '../../../src-shared/domain/trades/round-trips';
import { at, fill } from '../domain/trades/fills';

// AAPL: long 100 @ 10, add 50 @ 11 (avg 10.333), sell 150 @ 12 → gross 250, fees 3, net 247.
// TSLA: short 20 @ 50, cover @ 51 → gross −20, fees 2, net −22. AAPL again: long 10 @ 12, sell @ 12.5 → +5 − 2 = +3.
const fills = [
  fill('BUY', 100, 10, '09:31:05'), fill('BUY', 50, 11, '09:32:40'), fill('SELL', 150, 12, '09:40:00'),
  fill('SELL', 20, 50, '09:35:00', { symbol: 'TSLA', conId: 76792991 }), fill('BUY', 20, 51, '09:40:00', { symbol: 'TSLA', conId: 76792991 }),
  fill('BUY', 10, 12, '10:00:00'), fill('SELL', 10, 12.5, '10:05:30'),
];
const trips = buildRoundTrips(fills, { method: 'fifo', notes: new Map() });

describe('History charts: markers, framing, equity and the replay link', () => {
  it('puts each leg of a symbol on the minute bar it happened in, in time order', () => {
    expect(trips.map((t) => [t.symbol, t.net])).toEqual([['AAPL', 247], ['TSLA', -22], ['AAPL', 3]]);
    const m = fillMarkers(trips, 'AAPL');
    expect(m.map((x) => [x.side, x.shares, x.price])).toEqual([['BUY', 100, 10], ['BUY', 50, 11], ['SELL', 150, 12], ['BUY', 10, 12], ['SELL', 10, 12.5]]);
    expect(m[0].barOpen).toBe(at('09:31:00'));
    expect(m[1].barOpen).toBe(at('09:32:00'));
    expect(m[4].barOpen).toBe(at('10:05:00'));
    expect(new Set(m.slice(0, 3).map((x) => x.tripId)).size).toBe(1);
    expect(fillMarkers(trips, 'TSLA')).toHaveLength(2);
    expect(daySymbols(trips)).toEqual(['AAPL', 'TSLA']);
  });

  it('frames a trip from ten minutes before its entry minute to ten after its exit minute', () => {
    expect(tripWindow(trips[0])).toEqual({ from: at('09:21:00'), to: at('09:50:00') });
    expect(tripWindow({ entryTime: at('09:31:05'), exitTime: null }, 5)).toEqual({ from: at('09:26:00'), to: at('09:36:00') });
  });

  it('sums net P&L by trip in exit order, and keeps trips closing in the same second apart on the axis', () => {
    // AAPL and TSLA both exit at 09:40:00; the earlier entry (AAPL 09:31) goes first.
    expect(equityPoints(trips).map((p) => [p.ts, p.cum])).toEqual([[at('09:40:00'), 247], [at('09:40:00'), 225], [at('10:05:30'), 228]]);
    const open = buildRoundTrips([fill('BUY', 5, 10, '11:00:00')], { method: 'fifo', notes: new Map() });
    expect(equityPoints(open)).toEqual([]);
    expect(strictSeconds([1_000, 1_500, 1_900, 5_000, 5_000])).toEqual([1, 2, 3, 5, 6]);
  });

  it('ranges for the curve: the day, its month, the year to date', () => {
    expect(curveRange('day', '2026-03-02')).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(curveRange('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(curveRange('year', '2026-03-02')).toEqual({ from: '2026-01-01', to: '2026-03-02' });
  });

  it('opens Replay only where a recording of the symbol overlaps the trip, at the entry or the recording’s start', () => {
    const rec = (symbol: string, from: string, to: string | null) => ({ sessionId: `${symbol}-${from}`, symbol, date: '2026-03-02', startedAt: at(from), stoppedAt: to === null ? null : at(to) });
    const t0 = trips[0]; // AAPL 09:31:05 → 09:40:00
    expect(replayTarget(t0, [rec('AAPL', '09:00:00', '09:45:00')], at('12:00:00'))).toEqual({ symbol: 'AAPL', date: '2026-03-02', at: at('09:31:05'), whole: true });
    expect(replayTarget(t0, [rec('AAPL', '09:35:00', '09:50:00')], at('12:00:00'))).toEqual({ symbol: 'AAPL', date: '2026-03-02', at: at('09:35:00'), whole: false });
    expect(replayTarget(t0, [rec('AAPL', '09:41:00', '09:50:00'), rec('TSLA', '09:00:00', null)], at('12:00:00'))).toBeNull();
    // A session still recording runs to now.
    expect(replayTarget(t0, [rec('AAPL', '09:30:00', null)], at('09:38:00'))?.whole).toBe(false);
    expect(replayTarget(t0, [rec('AAPL', '09:30:00', null)], at('09:45:00'))?.whole).toBe(true);
  });

  it('tracks the trip’s position at the playhead: average cost, reduces keep it, a fill through zero restarts it', () => {
    const f = [
      { ts: 1, side: 'BUY' as const, shares: 100, price: 10 },
      { ts: 2, side: 'BUY' as const, shares: 100, price: 11 },
      { ts: 3, side: 'SELL' as const, shares: 50, price: 12 },
      { ts: 4, side: 'SELL' as const, shares: 200, price: 13 },
      { ts: 5, side: 'BUY' as const, shares: 50, price: 12 },
    ];
    expect(positionAt(f, 0)).toBeNull();
    expect(positionAt(f, 1)).toEqual({ price: 10, quantity: 100 });
    expect(positionAt(f, 2)).toEqual({ price: 10.5, quantity: 200 });
    expect(positionAt(f, 3)).toEqual({ price: 10.5, quantity: 150 });
    expect(positionAt(f, 4)).toEqual({ price: 13, quantity: -50 });
    expect(positionAt(f, 5)).toBeNull();
  });
});
