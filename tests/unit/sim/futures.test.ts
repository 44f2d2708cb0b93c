import { describe, expect, it } from 'vitest';
import { createSimMarket } from '../../../src-main/sim/market';
import { etTime } from '../../../src-main/sim/market/et-time';
import { contractDetailsFor, matchingFutures, resolveInstrument } from '../../../src-main/sim/services/contracts';
import type { IbContract } from '../../../src-main/sim/protocol/types';

const contract = (c: Partial<IbContract>): IbContract => ({
  conId: 0, symbol: '', secType: 'FUT', lastTradeDateOrContractMonth: '', strike: 0, right: '', multiplier: '', exchange: '', primaryExch: '',
  currency: '', localSymbol: '', tradingClass: '', ...c,
});

describe('simulated futures', () => {
  const market = createSimMarket({ seed: 7, speed: 1, startTime: etTime(Date.UTC(2026, 10, 2) / 86_400_000, 600), warmUp: false });

  it('lists four expiries of ES, NQ, GC and 6E with exchange terms, none of them in a stock scan', () => {
    const futures = market.futures ?? [];
    expect(futures.map((f) => f.symbol)).toEqual([
      'ESZ6', 'ESH7', 'ESM7', 'ESU7', 'NQZ6', 'NQH7', 'NQM7', 'NQU7', 'GCZ6', 'GCG7', 'GCJ7', 'GCM7', '6EZ6', '6EH7', '6EM7', '6EU7',
    ]);
    expect(futures.find((f) => f.symbol === 'ESH7')?.future).toMatchObject({ lastTradeDate: '20270319', multiplier: 50, exchange: 'CME', ibSymbol: 'ES' });
    expect(futures.find((f) => f.symbol === 'GCG7')?.future).toMatchObject({ lastTradeDate: '20270224', exchange: 'COMEX', multiplier: 100 });
    expect(futures.find((f) => f.symbol === '6EZ6')).toMatchObject({ minTick: 0.00005, future: { ibSymbol: 'EUR', lastTradeDate: '20261214' } });
    const scanned = market.scan({ scanCode: 'MOST_ACTIVE', rows: 50 });
    expect(scanned.some((s) => s.future)).toBe(false);
    expect(market.stocks.some((s) => s.future)).toBe(false);
  });

  it('answers contract details by root, class, exchange and local symbol, nearest first', () => {
    expect(matchingFutures(market, contract({ symbol: 'ES', exchange: 'CME' })).map((f) => f.symbol)).toEqual(['ESZ6', 'ESH7', 'ESM7', 'ESU7']);
    expect(matchingFutures(market, contract({ symbol: 'EUR', tradingClass: '6E' })).length).toBe(4);
    expect(matchingFutures(market, contract({ symbol: 'GC', exchange: 'CME' }))).toEqual([]);
    expect(matchingFutures(market, contract({ symbol: 'ES', lastTradeDateOrContractMonth: '202703' })).map((f) => f.symbol)).toEqual(['ESH7']);
    const es = resolveInstrument(market, contract({ localSymbol: 'ESZ6' }))!;
    expect(resolveInstrument(market, contract({ conId: es.conId }))).toBe(es);
    expect(resolveInstrument(market, contract({ secType: 'STK', symbol: 'ESZ6' }))).toBeUndefined();
    const d = contractDetailsFor(es, market.now());
    expect(d.contract).toMatchObject({ secType: 'FUT', multiplier: '50', localSymbol: 'ESZ6', tradingClass: 'ES', lastTradeDateOrContractMonth: '20261218' });
    expect(d).toMatchObject({ minTick: 0.25, contractMonth: '202612', realExpirationDate: '20261218' });
  });

  it('quotes the front month on its tick grid, with 6E at five decimals', () => {
    const q = market.quote(market.bySymbol('6EZ6')!.conId);
    expect(Math.abs(q.last / 0.00005 - Math.round(q.last / 0.00005))).toBeLessThan(1e-6);
    expect(q.last).toBeGreaterThan(0.9);
    const es = market.quote(market.bySymbol('ESZ6')!.conId);
    expect((es.bid * 4) % 1).toBe(0);
    expect(es.ask).toBeGreaterThan(es.bid);
  });
});
