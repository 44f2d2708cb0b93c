import { afterEach, describe, expect, it } from 'vitest';
import { createSimMarket } from '../../../src-main/sim/market';
import type { SimMarket } from '../../../src-main/sim/market/types';
import { DAY, at, manualMarket } from './market-helpers';

const markets: SimMarket[] = [];
afterEach(() => markets.splice(0).forEach((m) => m.dispose()));
const DAY_MS = 86_400_000;

describe('bars', () => {
  it('are deterministic per seed', () => {
    const q = { start: at(0, 0, DAY - 10), end: at(12, 0), barMs: 300_000, whatToShow: 'TRADES' as const, useRTH: false };
    const a = manualMarket({ startTime: at(12, 0) }).market;
    const b = manualMarket({ startTime: at(12, 0) }).market;
    markets.push(a, b);
    const id = a.bySymbol('IBM')!.conId;
    expect(a.bars({ ...q, conId: id })).toEqual(b.bars({ ...q, conId: id }));
    expect(a.bars({ ...q, conId: id }).length).toBeGreaterThan(500);
  });

  it('cover 30+ past weekdays with extended hours, daily volume = sum of minute volumes', () => {
    const { market } = manualMarket({ startTime: at(11, 0) });
    markets.push(market);
    const id = market.bySymbol('AAPL')!.conId;
    const daily = market.bars({ conId: id, start: at(0, 0, DAY - 45), end: at(11, 0), barMs: DAY_MS, whatToShow: 'TRADES', useRTH: false });
    expect(daily.length).toBeGreaterThanOrEqual(31);
    const yesterday = daily[daily.length - 2];
    const minutes = market.bars({ conId: id, start: yesterday.time, end: yesterday.time + DAY_MS, barMs: 60_000, whatToShow: 'TRADES', useRTH: false });
    expect(minutes[0].time).toBe(at(4, 0, DAY - 1));
    expect(minutes[minutes.length - 1].time).toBeGreaterThanOrEqual(at(19, 0, DAY - 1));
    expect(minutes.reduce((v, b) => v + b.volume, 0)).toBe(yesterday.volume);
    expect(Math.max(...minutes.map((b) => b.high))).toBe(yesterday.high);
    // RTH daily bar: open at 09:30, close = official close = today's previous close.
    const rth = market.bars({ conId: id, start: yesterday.time, end: yesterday.time + DAY_MS, barMs: DAY_MS, whatToShow: 'TRADES', useRTH: true });
    expect(rth[0].close).toBe(market.bySymbol('AAPL')!.prevClose);
    expect(market.quote(id).prevClose).toBe(market.bySymbol('AAPL')!.prevClose);
    // Today's bar is partial: nothing after now.
    const today = market.bars({ conId: id, start: at(4, 0), end: at(20, 0), barMs: 60_000, whatToShow: 'TRADES', useRTH: false });
    expect(today[today.length - 1].time).toBeLessThan(at(11, 0));
    expect(today.reduce((v, b) => v + b.volume, 0)).toBe(market.quote(id).volume);
  });

  it('align hourly RTH bars to the session and offer MIDPOINT / BID_ASK', () => {
    const { market } = manualMarket({ startTime: at(16, 30) });
    markets.push(market);
    const id = market.bySymbol('SPY')!.conId;
    const q = { conId: id, start: at(0, 0), end: at(23, 0), barMs: 3_600_000, useRTH: true };
    const hours = market.bars({ ...q, whatToShow: 'TRADES' });
    expect(hours.map((b) => b.time)).toEqual([at(9, 30), ...[10, 11, 12, 13, 14, 15].map((h) => at(h, 0))]);
    const mids = market.bars({ ...q, whatToShow: 'MIDPOINT' });
    expect(mids.length).toBe(7);
    expect(mids[0].volume).toBe(-1);
    const ba = market.bars({ ...q, whatToShow: 'BID_ASK' });
    for (const b of ba) expect(b.high).toBeGreaterThanOrEqual(b.low);
  });
});

describe('scanner', () => {
  it('ranks gainers premarket, leaves gap scans empty until 09:30, caps rows at 50', () => {
    const { market, clock } = manualMarket({ startTime: at(9, 0) });
    markets.push(market);
    const gainers = market.scan({ scanCode: 'TOP_PERC_GAIN', rows: 20 });
    expect(gainers.length).toBe(20);
    const change = (conId: number) => {
      const q = market.quote(conId);
      return q.last / q.prevClose - 1;
    };
    const changes = gainers.map((s) => change(s.conId));
    for (let i = 1; i < changes.length; i++) expect(changes[i]).toBeLessThanOrEqual(changes[i - 1] + 1e-9);
    expect(changes[0]).toBeGreaterThan(0.04);
    expect(market.scan({ scanCode: 'HIGH_OPEN_GAP', rows: 50 })).toEqual([]);
    expect(market.scan({ scanCode: 'MOST_ACTIVE', rows: 500 }).length).toBe(50);
    expect(market.scan({ scanCode: 'NOT_A_SCAN', rows: 10 })).toEqual([]);
    clock.advance(45 * 60_000); // 09:45
    const gaps = market.scan({ scanCode: 'HIGH_OPEN_GAP', rows: 10 });
    expect(gaps.length).toBe(10);
    const g0 = market.quote(gaps[0].conId);
    expect(g0.open! / g0.prevClose - 1).toBeGreaterThan(0.04);
    const losers = market.scan({ scanCode: 'TOP_PERC_LOSE', rows: 5 });
    for (const s of losers) expect(change(s.conId)).toBeLessThan(0);
  });

  it('applies price and volume filters; MOST_ACTIVE ranks by volume', () => {
    const { market } = manualMarket({ startTime: at(10, 30) });
    markets.push(market);
    const rows = market.scan({ scanCode: 'TOP_PERC_GAIN', rows: 50, priceAbove: 2, priceBelow: 20, volumeAbove: 100_000 });
    expect(rows.length).toBeGreaterThan(0);
    for (const s of rows) {
      const q = market.quote(s.conId);
      expect(q.last).toBeGreaterThan(2);
      expect(q.last).toBeLessThan(20);
      expect(q.volume).toBeGreaterThan(100_000);
    }
    const active = market.scan({ scanCode: 'MOST_ACTIVE', rows: 10 }).map((s) => market.quote(s.conId).volume);
    expect([...active].sort((a, b) => b - a)).toEqual(active);
  });

  it('is the same for the same seed and time', () => {
    const a = manualMarket({ seed: 9, startTime: at(8, 30) }).market;
    const b = manualMarket({ seed: 9, startTime: at(8, 30) }).market;
    const c = createSimMarket({ seed: 10, speed: 1, startTime: at(8, 30) });
    markets.push(a, b, c);
    const f = { scanCode: 'TOP_PERC_GAIN', rows: 25 };
    expect(a.scan(f).map((s) => s.symbol)).not.toEqual(c.scan(f).map((s) => s.symbol));
    expect(a.scan(f).map((s) => s.symbol)).toEqual(b.scan(f).map((s) => s.symbol));
  });
});
