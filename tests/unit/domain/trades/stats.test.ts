import { describe, expect, it } from 'vitest';
import { computeBreakdowns } from '../../../../src-shared/domain/trades/breakdowns';
import type { RoundTrip } from '../../../../src-shared/domain/trades/round-trip';
import { computeStats, maxDrawdown } from '../../../../src-shared/domain/trades/stats';
import { at } from './fills';

let n = 0;
/** A closed trip with a given net, entered at `entry` ET on `date`, held `holdMin` minutes. */
function trip(net: number, date: string, entry = '09:31:00', o: Partial<RoundTrip> = {}, holdMin = 5): RoundTrip {
  const entryTime = at(entry, date);
  n += 1;
  return {
    id: `DU1|1|t${n}`, account: 'DU1', conId: 1, symbol: 'AAPL', secType: 'STK', multiplier: 1, direction: 'LONG', open: false,
    entryTime, exitTime: entryTime + holdMin * 60_000, holdMs: holdMin * 60_000, legs: [], maxShares: 100, openShares: 0,
    sharesBought: 100, sharesSold: 100, avgEntry: 10, avgExit: 10, gross: net + 2, fees: 2, net, feesPending: false,
    ibRealizedPnl: null, method: 'fifo', tags: [], notes: '', stop: null, r: null, mae: null, mfe: null, excursionSource: null, ...o,
  };
}

describe('statistics', () => {
  // Day nets: 03-02 +50, 03-03 +175, 03-04 +75, 03-05 −100.
  const trips = [
    trip(100, '2026-03-02'), trip(-50, '2026-03-02', '10:00:00'),
    trip(200, '2026-03-03'), trip(-25, '2026-03-03', '10:00:00'), trip(0, '2026-03-03', '11:00:00'),
    trip(75, '2026-03-04'), trip(-100, '2026-03-05'),
  ];

  it('counts, averages, extremes, profit factor and expectancy', () => {
    const s = computeStats(trips);
    expect(s).toMatchObject({ trips: 7, wins: 3, losses: 3, scratches: 1, largestWin: 200, largestLoss: -100, grossProfit: 375, grossLoss: -175, net: 200, fees: 14, gross: 214 });
    expect(s.winRate).toBeCloseTo(3 / 7, 12);
    expect(s.avgWin).toBe(125);
    expect(s.avgLoss).toBeCloseTo(-175 / 3, 12);
    expect(s.profitFactor).toBeCloseTo(375 / 175, 12);
    expect(s.expectancy).toBeCloseTo(200 / 7, 12);
    expect(s.avgHoldMs).toBe(300_000);
    expect(s.sqn).toBeNull(); // N < 30
  });

  it('drawdown by trip and by day, Sharpe and Sortino on daily P&L', () => {
    const s = computeStats(trips);
    // trips: 100, 50, 250, 225, 225, 300, 200 → worst fall from a peak: 300 → 200
    expect(s.maxDrawdownTrip).toBe(100);
    // days: 50, 225, 300, 200
    expect(s.maxDrawdownDay).toBe(100);
    expect(s.days.map((d) => [d.date, d.net, d.trips])).toEqual([['2026-03-02', 50, 2], ['2026-03-03', 175, 3], ['2026-03-04', 75, 1], ['2026-03-05', -100, 1]]);
    // mean 50; deviations 0, 125, 25, −150 → sample variance 38 750 / 3; downside √(100² / 4) = 50
    expect(s.sharpe).toBeCloseTo((50 / Math.sqrt(38_750 / 3)) * Math.sqrt(252), 9);
    expect(s.sortino).toBeCloseTo((50 / 50) * Math.sqrt(252), 9);
  });

  it('streaks: longest runs and the current one', () => {
    const s = computeStats([1, 2, 3, -1, -2, 4].map((x, i) => trip(x, '2026-03-02', `10:0${i}:00`)));
    expect([s.longestWinStreak, s.longestLossStreak, s.currentStreak]).toEqual([3, 2, 1]);
    expect(computeStats([trip(5, '2026-03-02'), trip(-1, '2026-03-02', '10:00:00'), trip(-1, '2026-03-02', '10:10:00')]).currentStreak).toBe(-2);
  });

  it('SQN from N ≥ 30, on R when every trip has one', () => {
    const rs = Array.from({ length: 30 }, (_, i) => trip(i % 2 ? -50 : 100, '2026-03-02', '09:31:00', { r: i % 2 ? -0.5 : 1 }, i));
    const s = computeStats(rs);
    // mean R 0.25; deviations ±0.75 → sample variance 30 × 0.5625 / 29
    expect(s.sqnBasis).toBe('r');
    expect(s.sqn).toBeCloseTo((Math.sqrt(30) * 0.25) / Math.sqrt((30 * 0.5625) / 29), 9);
    expect(computeStats(rs.slice(1)).sqn).toBeNull();
    const mixed = computeStats(rs.map((t, i) => (i === 0 ? { ...t, r: null } : t)));
    expect(mixed.sqnBasis).toBe('pnl'); // mean 25, deviations ±75
    expect(mixed.sqn).toBeCloseTo((Math.sqrt(30) * 25) / Math.sqrt((30 * 5625) / 29), 9);
  });

  it('open trips are left out; an empty range has no ratios', () => {
    expect(computeStats([trip(100, '2026-03-02', '09:31:00', { open: true })]).trips).toBe(0);
    expect(computeStats([])).toMatchObject({ winRate: null, profitFactor: null, sharpe: null, sortino: null, maxDrawdownTrip: 0 });
    expect(maxDrawdown([-10, 5, -20])).toBe(25); // the peak starts at 0
  });
});

describe('breakdowns', () => {
  it('by ET hour and 15 minutes, weekday, symbol, tag, side, hold time, gap % and RVOL at entry', () => {
    const a = trip(100, '2026-03-02', '09:31:00', { symbol: 'AAPL', tags: ['orb'] }, 2);
    const b = trip(-40, '2026-03-02', '09:47:59', { symbol: 'TSLA', direction: 'SHORT', tags: ['orb', 'fade'] }, 20);
    const c = trip(60, '2026-07-09', '10:05:00', { symbol: 'AAPL' }, 0.5); // a Thursday in EDT: still 10:05 ET
    const bd = computeBreakdowns([a, b, c], new Map([[a.id, { gapPct: 12.5, rvol: 6 }], [b.id, { gapPct: 3, rvol: null }]]));
    const rows = (k: keyof typeof bd) => bd[k].map((r) => [r.key, r.trips, r.net]);
    expect(rows('hour')).toEqual([['09:00', 2, 60], ['10:00', 1, 60]]);
    expect(rows('quarterHour')).toEqual([['09:30', 1, 100], ['09:45', 1, -40], ['10:00', 1, 60]]);
    expect(rows('weekday')).toEqual([['Mon', 2, 60], ['Thu', 1, 60]]);
    expect(rows('symbol')).toEqual([['AAPL', 2, 160], ['TSLA', 1, -40]]);
    expect(rows('tag')).toEqual([['(untagged)', 1, 60], ['fade', 1, -40], ['orb', 2, 60]]);
    expect(rows('side')).toEqual([['long', 2, 160], ['short', 1, -40]]);
    expect(rows('holdTime')).toEqual([['< 1 min', 1, 60], ['1–5 min', 1, 100], ['15–60 min', 1, -40]]);
    expect(rows('gapPct')).toEqual([['0–5 %', 1, -40], ['10–20 %', 1, 100], ['unknown', 1, 60]]);
    expect(rows('rvol')).toEqual([['5–10×', 1, 100], ['unknown', 2, 20]]);
    expect(bd.symbol[0]).toMatchObject({ wins: 2, winRate: 1, avgNet: 80 });
  });
});
