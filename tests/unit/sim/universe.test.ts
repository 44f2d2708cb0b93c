import { afterEach, describe, expect, it } from 'vitest';
import { createSimMarket } from '../../../src-main/sim/market';
import { RTH_CLOSE_IDX, RTH_OPEN_IDX, prevWeekday } from '../../../src-main/sim/market/et-time';
import { Tape } from '../../../src-main/sim/market/tape';
import { createUniverse } from '../../../src-main/sim/market/universe';
import type { SimMarket } from '../../../src-main/sim/market/types';
import { DAY, at, manualMarket } from './market-helpers';

const markets: SimMarket[] = [];
afterEach(() => markets.splice(0).forEach((m) => m.dispose()));
const keep = (m: SimMarket) => (markets.push(m), m);

describe('universe', () => {
  it('is deterministic per seed and different across seeds', () => {
    const a = keep(createSimMarket({ seed: 5, speed: 1, startTime: at(8, 0) }));
    const b = keep(createSimMarket({ seed: 5, speed: 1, startTime: at(8, 0) }));
    const c = keep(createSimMarket({ seed: 6, speed: 1, startTime: at(8, 0) }));
    expect(a.stocks).toEqual(b.stocks);
    expect(a.stocks.map((s) => s.symbol)).not.toEqual(c.stocks.map((s) => s.symbol));
    expect(a.stocks.length).toBe(300);
  });

  it('has unique symbols and conIds, well-known names, and sane fields', () => {
    const m = keep(createSimMarket({ seed: 1, speed: 1, startTime: at(8, 0) }));
    expect(new Set(m.stocks.map((s) => s.symbol)).size).toBe(m.stocks.length);
    expect(new Set(m.stocks.map((s) => s.conId)).size).toBe(m.stocks.length);
    for (const sym of ['AAPL', 'SPY', 'IBM', 'TSLA', 'AMD']) expect(m.bySymbol(sym)?.symbol).toBe(sym);
    expect(m.bySymbol('aapl')?.conId).toBe(265598);
    expect(m.byConId(265598)?.symbol).toBe('AAPL');
    for (const s of m.stocks) {
      expect(s.minTick).toBe(s.prevClose < 1 ? 0.0001 : 0.01);
      expect(s.prevClose).toBeGreaterThan(0);
      expect(s.avgDailyVolume).toBeGreaterThan(0);
      expect(s.floatShares).toBeGreaterThan(0);
      expect(['NASDAQ', 'NYSE', 'ARCA', 'AMEX']).toContain(s.primaryExchange);
    }
  });

  it('stages a gap morning: 15-30 movers of 4-60 %, mostly $1-$30, a few down, on heavy premarket volume', () => {
    const models = createUniverse(42);
    const gappers = models.filter((m) => m.isGapper);
    expect(gappers.length).toBeGreaterThanOrEqual(15);
    expect(gappers.length).toBeLessThanOrEqual(30);
    const ups = gappers.filter((g) => g.today.gap > 0);
    const downs = gappers.filter((g) => g.today.gap < 0);
    expect(downs.length).toBeGreaterThanOrEqual(2);
    for (const g of ups) {
      expect(g.today.gap).toBeGreaterThanOrEqual(0.04);
      expect(g.today.gap).toBeLessThanOrEqual(0.6);
    }
    const cheap = ups.filter((g) => g.stock.prevClose >= 1 && g.stock.prevClose <= 30);
    expect(cheap.length / ups.length).toBeGreaterThan(0.6);

    const { market } = manualMarket({ startTime: at(9, 0) });
    keep(market);
    const top = market.scan({ scanCode: 'TOP_PERC_GAIN', rows: 10 }).map((s) => s.symbol);
    const gapperSymbols = new Set(ups.map((g) => g.stock.symbol));
    expect(top.filter((s) => gapperSymbols.has(s)).length).toBeGreaterThanOrEqual(8);
    // Premarket RVOL: gappers traded far more by 09:00 than their usual day's share by then.
    const rvol = (sym: string) => market.quote(market.bySymbol(sym)!.conId).volume / market.bySymbol(sym)!.avgDailyVolume;
    const gapperRvol = ups.map((g) => rvol(g.stock.symbol)).sort((a, b) => a - b)[Math.floor(ups.length / 2)];
    const normal = models.filter((m) => !m.isGapper).slice(0, 40).map((m) => rvol(m.stock.symbol)).sort((a, b) => a - b)[20];
    expect(gapperRvol).toBeGreaterThan(10 * normal);
  });
});

describe('volume profile', () => {
  it('is U-shaped over the regular session and RVOL ~1 for ordinary names', () => {
    const models = createUniverse(42).filter((m) => !m.isGapper).slice(0, 30);
    const tape = new Tape(42, DAY);
    const buckets = new Array(13).fill(0); // 30-minute buckets 09:30-16:00
    let day = DAY;
    const ratios: number[] = [];
    for (let n = 0; n < 20; n++) {
      day = prevWeekday(day);
      for (const m of models) {
        const p = tape.path(m, day)!;
        for (let i = RTH_OPEN_IDX; i < RTH_CLOSE_IDX; i++) buckets[Math.floor((i - RTH_OPEN_IDX) / 30)] += p.volume[i];
        if (n === 0) ratios.push(p.cumVolume[960] / m.stock.avgDailyVolume);
      }
    }
    const mid = Math.min(...buckets.slice(4, 9));
    expect(buckets[0]).toBeGreaterThan(2 * mid);
    expect(buckets[12]).toBeGreaterThan(1.3 * mid);
    expect(buckets[6]).toBeLessThan(buckets[1]);
    ratios.sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)];
    expect(median).toBeGreaterThan(0.6);
    expect(median).toBeLessThan(1.5);
  });
});
