import { describe, expect, it } from 'vitest';
import { buildRoundTrips } from '../../../../src-shared/domain/trades/round-trips';
import type { MatchMethod } from '../../../../src-shared/domain/trades/round-trip';
import { at, fill } from './fills';

const legNets = (method: MatchMethod, fills: Parameters<typeof buildRoundTrips>[0]) =>
  buildRoundTrips(fills, { method })[0].legs.filter((l) => !l.opening).map((l) => [l.realizedGross, l.realizedNet]);

describe('round trips', () => {
  // Buy 100 @ 10 and 100 @ 11 ($1 each), sell 50 @ 12 ($1), sell 150 @ 10.50 ($1.50).
  const scale = () => [
    fill('BUY', 100, 10, '09:31:00'), fill('BUY', 100, 11, '09:32:00'),
    fill('SELL', 50, 12, '09:40:00'), fill('SELL', 150, 10.5, '09:45:30', { commission: 1.5 }),
  ];

  it('scale in and out: one flat-to-flat trip, gross = proceeds − cost, net after every fee', () => {
    const [t, ...rest] = buildRoundTrips(scale());
    expect(rest).toEqual([]);
    // proceeds 600 + 1575 = 2175; cost 1000 + 1100 = 2100; fees 1 + 1 + 1 + 1.5
    expect(t).toMatchObject({ direction: 'LONG', open: false, maxShares: 200, sharesBought: 200, sharesSold: 200, avgEntry: 10.5, avgExit: 10.875 });
    expect(t.gross).toBeCloseTo(75, 9);
    expect(t.fees).toBeCloseTo(4.5, 9);
    expect(t.net).toBeCloseTo(70.5, 9);
    expect(t.holdMs).toBe(14 * 60_000 + 30_000);
    expect(t.exitTime).toBe(at('09:45:30'));
    expect(t.id).toBe(`DU1|265598|${t.legs[0].execId.replace(/\.01$/, '')}`);
  });

  it('FIFO, LIFO and average cost match different lots but give the trip the same P&L', () => {
    // FIFO: 50 vs lot@10 → +100, net 100 − 1 − 0.50; then 50@10 (+25) + 100@11 (−50) = −25, net −25 − 1.5 − 1.5
    expect(legNets('fifo', scale())).toEqual([[100, 98.5], [-25, -28]]);
    // LIFO: 50 vs lot@11 → +50, net 48.5; then 50@11 (−25) + 100@10 (+50) = +25, net 22
    expect(legNets('lifo', scale())).toEqual([[50, 48.5], [25, 22]]);
    // Average: one lot of 200 @ 10.50 → +75 (net 73.5), then 0 (net −3)
    expect(legNets('average', scale())).toEqual([[75, 73.5], [0, -3]]);
    for (const method of ['fifo', 'lifo', 'average'] as const) {
      const t = buildRoundTrips(scale(), { method })[0];
      expect(t.net).toBeCloseTo(70.5, 9);
      expect(t.legs.reduce((s, l) => s + (l.realizedNet ?? 0), 0)).toBeCloseTo(70.5, 9);
    }
  });

  it('a fill through zero is split: the closing part ends the long, the rest opens a short, fee pro rata', () => {
    const flip = fill('SELL', 300, 21, '10:00:00', { commission: 3, ibRealizedPnl: 98 });
    const trips = buildRoundTrips([fill('BUY', 100, 20, '09:50:00'), flip, fill('BUY', 200, 19, '10:10:00', { commission: 2 })]);
    expect(trips).toHaveLength(2);
    const [long, short] = trips;
    expect(long).toMatchObject({ direction: 'LONG', open: false, gross: 100, fees: 2, net: 98, ibRealizedPnl: 98 });
    expect(long.legs[1]).toMatchObject({ execId: flip.execId, shares: 100, commission: 1, split: true, opening: false });
    expect(short).toMatchObject({ direction: 'SHORT', open: false, maxShares: 200, gross: 400, fees: 4, net: 396, ibRealizedPnl: null });
    expect(short.legs[0]).toMatchObject({ execId: flip.execId, shares: 200, commission: 2, split: true, opening: true });
    expect(short.entryTime).toBe(at('10:00:00'));
    expect(short.id).not.toBe(long.id);
  });

  it('partial fills are legs; a missing commission leaves the trip pending instead of guessing', () => {
    const [t] = buildRoundTrips([fill('BUY', 30, 5, '09:35:00'), fill('BUY', 70, 5.02, '09:35:01'), fill('SELL', 100, 5.1, '09:50:00', { commission: null })]);
    // 510 − (150 + 351.40) = 8.60; known fees 2
    expect(t.gross).toBeCloseTo(8.6, 9);
    expect(t.fees).toBe(2);
    expect(t.net).toBeCloseTo(6.6, 9);
    expect(t.feesPending).toBe(true);
  });

  it('a correction (higher execId suffix) replaces the fill it corrects, in whatever order they arrive', () => {
    const sell = fill('SELL', 100, 10.5, '09:40:00');
    const original = fill('BUY', 100, 10, '09:31:00', { execId: '0000e0d5.0000abcd.01.01' });
    const corrected = { ...original, execId: '0000e0d5.0000abcd.01.02', price: 10.05 };
    for (const order of [[original, corrected, sell], [corrected, sell, original]]) {
      const [t] = buildRoundTrips(order);
      expect(t.legs.map((l) => l.execId)).toEqual([corrected.execId, sell.execId]);
      expect(t.gross).toBeCloseTo(45, 9); // (10.50 − 10.05) × 100
      expect(t.id).toBe('DU1|265598|0000e0d5.0000abcd.01');
    }
  });

  it('a short future uses its multiplier; accounts and contracts keep separate positions', () => {
    const es = { symbol: 'ES', conId: 495512563, secType: 'FUT', multiplier: 50 };
    const trips = buildRoundTrips([
      fill('SELL', 2, 4000, '09:31:00', es), fill('BUY', 100, 10, '09:31:30'), fill('BUY', 100, 10, '09:32:00', { account: 'DU2' }),
      fill('BUY', 2, 3990, '09:33:00', es), fill('SELL', 100, 10.2, '09:34:00'),
    ]);
    expect(trips.map((t) => [t.account, t.symbol, t.direction, t.open, Math.round(t.gross * 100) / 100])).toEqual([
      ['DU1', 'ES', 'SHORT', false, 1000], // (4000 − 3990) × 2 × 50
      ['DU1', 'AAPL', 'LONG', false, 20],
      ['DU2', 'AAPL', 'LONG', true, 0],
    ]);
  });

  it('an open trip reports what it has realized so far under the method', () => {
    const [t] = buildRoundTrips([fill('BUY', 100, 10, '09:31:00'), fill('SELL', 40, 11, '09:40:00')]);
    expect(t).toMatchObject({ open: true, openShares: 60, exitTime: null, holdMs: null });
    expect(t.gross).toBeCloseTo(40, 9);
    expect(t.net).toBeCloseTo(38.6, 9); // 40 − 1 − 40 × 0.01
  });

  it('the stop gives the R-multiple; tags and notes come from the journal', () => {
    const first = scale();
    const id = buildRoundTrips(first)[0].id;
    const [t] = buildRoundTrips(first, { notes: new Map([[id, { tags: ['gap-and-go'], notes: 'late add', stop: 9.5 }]]) });
    // risk = |10.50 − 9.50| × 200 = 200; R = 70.50 / 200
    expect(t.r).toBeCloseTo(0.3525, 9);
    expect(t.tags).toEqual(['gap-and-go']);
    expect(t.notes).toBe('late add');
  });
});
