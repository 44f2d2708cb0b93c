/**
 * The paper engine against a market that, like the real one, advances (and emits quotes and prints) when its
 * book is read mid-look. Regression: a nested look filled from the same remainder as the outer one (262/100).
 */
import { describe, expect, it } from 'vitest';
import { SimOrderEngine } from '../../../src-main/sim/services/orders/engine';
import { SimAccounts } from '../../../src-main/sim/services/accounts/account-book';
import type { SimDepthOp, SimMarket, SimQuote, SimStock, SimTrade } from '../../../src-main/sim/market/types';
import type { IbContract, IbOrder } from '../../../src-main/sim/protocol/types';

const NOW = Date.UTC(2026, 3, 2, 15, 0); // Thursday 11:00 EDT, regular hours
const stock = { conId: 265598, symbol: 'AAPL', primaryExchange: 'NASDAQ', minTick: 0.01, prevClose: 10 } as SimStock;

/** A market whose book read emits `echoes` quotes (and prints) synchronously, as ModelMarket.book's advance does. */
function echoingMarket(echoes: number) {
  const quotes = new Set<(q: SimQuote) => void>();
  const trades = new Set<(t: SimTrade) => void>();
  let left = echoes;
  const q = { time: NOW, bid: 10, ask: 10.02, bidSize: 50, askSize: 38 };
  const row = (position: number, price: number, size: number): SimDepthOp => ({ position, operation: 0, side: 0, price, size }) as SimDepthOp;
  const market = {
    now: () => NOW,
    stocks: [stock],
    bySymbol: () => stock,
    byConId: () => stock,
    quote: () => ({ ...q, last: 10.01, lastSize: 100, lastTime: NOW, volume: 1e6, open: 10, high: 10.1, low: 9.9, prevClose: 10, halted: false }),
    book: () => {
      if (left-- > 0) {
        for (const fn of [...quotes]) fn({ ...q });
        for (const fn of [...trades]) fn({ time: NOW, price: 10.02, size: 300, exchange: 'ISLAND', conditions: '' } as SimTrade);
      }
      return { bids: [], asks: [row(0, 10.02, 38), row(1, 10.03, 100), row(2, 10.04, 500)] };
    },
    onDepth: () => () => {},
    onQuote: (_c: number, fn: (q: SimQuote) => void) => (quotes.add(fn), () => quotes.delete(fn)),
    onTrade: (_c: number, fn: (t: SimTrade) => void) => (trades.add(fn), () => trades.delete(fn)),
    scan: () => [],
    bars: () => [],
    dispose: () => {},
  } as unknown as SimMarket;
  return market;
}

function buy(orderId: number, totalQuantity: number, lmtPrice: number): IbOrder {
  return { orderId, clientId: 7, permId: 0, parentId: 0, action: 'BUY', totalQuantity, orderType: 'LMT', lmtPrice, tif: 'DAY', outsideRth: false, account: 'DU1', orderRef: `t-${orderId}`, transmit: true } as unknown as IbOrder;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SimOrderEngine matching', () => {
  for (const echoes of [0, 1, 3, 20]) {
    it(`never fills past the order's quantity when the book read emits ${echoes} quote(s) mid-look`, async () => {
      const market = echoingMarket(echoes);
      const accounts = new SimAccounts(market, ['DU1']);
      const engine = new SimOrderEngine(market, accounts);
      const executed: number[] = [];
      engine.setSink({ orderChanged: () => {}, orderCancelled: () => {}, executed: (_r, exec) => executed.push(exec.shares) });
      const rec = engine.add(buy(1, 100, 10.05), { symbol: 'AAPL' } as IbContract, stock, false);
      await settle();
      expect(rec.filled).toBe(100);
      expect(rec.status).toBe('Filled');
      expect(executed.reduce((a, b) => a + b, 0)).toBe(100);
      expect(accounts.position('DU1', stock.conId)?.qty).toBe(100);
      // More looks at the market (quotes and prints) change nothing once it is filled.
      market.book(stock.conId, 10, true);
      await settle();
      expect(accounts.position('DU1', stock.conId)?.qty).toBe(100);
      engine.dispose();
    });
  }

  it('a look queued by a nested quote still runs: a second order placed mid-look fills too', async () => {
    const market = echoingMarket(2);
    const accounts = new SimAccounts(market, ['DU1']);
    const engine = new SimOrderEngine(market, accounts);
    engine.setSink({ orderChanged: () => {}, orderCancelled: () => {}, executed: () => {} });
    const a = engine.add(buy(1, 30, 10.05), { symbol: 'AAPL' } as IbContract, stock, false);
    const b = engine.add(buy(2, 50, 10.05), { symbol: 'AAPL' } as IbContract, stock, false);
    await settle();
    expect([a.filled, b.filled]).toEqual([30, 50]);
    expect(accounts.position('DU1', stock.conId)?.qty).toBe(80);
    engine.dispose();
  });
});
