import { afterEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import type { SimDepthOp, SimMarket, SimQuote, SimTrade } from '../../../src-main/sim/market/types';
import { at, manualMarket } from './market-helpers';

const markets: SimMarket[] = [];
afterEach(() => markets.splice(0).forEach((m) => m.dispose()));

function subscribeAll(market: SimMarket, conId: number) {
  const smart = new OrderBook(1000);
  const plain = new OrderBook(1000);
  const snapSmart = market.book(conId, 1000, true);
  const snapPlain = market.book(conId, 1000, false);
  for (const op of [...snapSmart.bids, ...snapSmart.asks]) smart.apply(op);
  for (const op of [...snapPlain.bids, ...snapPlain.asks]) plain.apply(op);
  const trades: SimTrade[] = [];
  const quotes: SimQuote[] = [];
  const ops: SimDepthOp[] = [];
  const problems: string[] = [];
  const offs = [
    market.onDepth(conId, true, (op) => (ops.push(op), smart.apply(op))),
    market.onDepth(conId, false, (op) => plain.apply(op)),
    market.onTrade(conId, (t) => {
      trades.push(t);
      const b = smart.bestBid()?.price;
      const a = smart.bestAsk()?.price;
      if (t.price !== b && t.price !== a) problems.push(`trade ${t.price} outside ${b}/${a}`);
    }),
    market.onQuote(conId, (q) => {
      quotes.push(q);
      const agg = smart.aggregated(1);
      if (q.bid !== agg.bids[0]?.[0] || q.ask !== agg.asks[0]?.[0] || q.bidSize !== agg.bids[0]?.[1] || q.askSize !== agg.asks[0]?.[1]) {
        problems.push(`quote ${q.bid}x${q.bidSize}/${q.ask}x${q.askSize} vs book ${JSON.stringify(agg)}`);
      }
      if (q.bid >= q.ask) problems.push(`crossed ${q.bid}/${q.ask}`);
    }),
  ];
  return { smart, plain, trades, quotes, ops, problems, off: () => offs.forEach((f) => f()) };
}

describe('live streams', () => {
  it('prints trades at the inside, quotes the book, keeps SMART and plain views in step', () => {
    const { market, advance } = manualMarket({ startTime: at(9, 44, undefined) + 30_000, depthRate: 60 });
    markets.push(market);
    const conId = market.bySymbol('AMD')!.conId;
    const s = subscribeAll(market, conId);
    advance(150_000, [conId]);
    s.off();
    expect(s.problems.slice(0, 5)).toEqual([]);
    expect(s.trades.length).toBeGreaterThan(50);
    expect(s.quotes.length).toBeGreaterThan(20);
    // Tens to hundreds of depth ops per second of simulated time.
    expect(s.ops.length / 150).toBeGreaterThan(20);
    expect(s.ops.length / 150).toBeLessThan(2000);
    expect(new Set(s.ops.map((o) => o.marketMaker)).size).toBeGreaterThanOrEqual(4);
    expect(s.smart.anomalies).toBe(0);
    expect(s.plain.anomalies).toBe(0);
    // The plain view has one row per price: same prices and sizes as the SMART rows merged.
    const ps = (levels: number[][]) => levels.map(([p, q]) => [p, q]);
    expect(ps(s.plain.aggregated(50).bids)).toEqual(ps(s.smart.aggregated(50).bids));
    expect(ps(s.plain.aggregated(50).asks)).toEqual(ps(s.smart.aggregated(50).asks));
    expect(s.plain.bids().length).toBe(s.smart.aggregated(1000).bids.length);
    expect(s.plain.bids().every((r) => r.marketMaker === '')).toBe(true);
  });

  it('builds the same minute bars from the streamed trades as bars() returns', () => {
    const start = at(9, 44) + 30_000;
    const { market, advance } = manualMarket({ startTime: start });
    markets.push(market);
    const conId = market.bySymbol('TSLA')!.conId;
    const s = subscribeAll(market, conId);
    advance(4 * 60_000 + 20_000, [conId]);
    s.off();
    const bars = market.bars({ conId, start: at(9, 45), end: at(9, 48), barMs: 60_000, whatToShow: 'TRADES', useRTH: true });
    expect(bars.map((b) => b.time)).toEqual([at(9, 45), at(9, 46), at(9, 47)]);
    for (const b of bars) {
      const inMinute = s.trades.filter((t) => t.time >= b.time && t.time < b.time + 60_000);
      expect(inMinute.length).toBe(b.count);
      expect(inMinute[0].price).toBe(b.open);
      expect(inMinute[inMinute.length - 1].price).toBe(b.close);
      expect(Math.max(...inMinute.map((t) => t.price))).toBe(b.high);
      expect(Math.min(...inMinute.map((t) => t.price))).toBe(b.low);
      expect(inMinute.reduce((v, t) => v + t.size, 0)).toBe(b.volume);
    }
    // 5-second bars of the same stretch agree with the prints too.
    const fives = market.bars({ conId, start: at(9, 46), end: at(9, 47), barMs: 5_000, whatToShow: 'TRADES', useRTH: true });
    expect(fives.reduce((v, b) => v + b.volume, 0)).toBe(bars[1].volume);
    // The quote state carries the last print and the day's cumulative volume.
    const q = market.quote(conId);
    expect(q.last).toBe(s.trades[s.trades.length - 1].price);
    expect(q.open).not.toBeNull();
  });

  it('stops the book process when the last listener leaves (idle symbols cost nothing)', () => {
    const { market, advance } = manualMarket();
    markets.push(market);
    const conId = market.bySymbol('SPY')!.conId;
    const seen: SimTrade[] = [];
    const off = market.onTrade(conId, (t) => seen.push(t));
    advance(10_000, [conId]);
    off();
    const n = seen.length;
    advance(10_000);
    expect(seen.length).toBe(n);
    expect(n).toBeGreaterThan(0);
  });

  it('runs on the shared ticker at speed × real time', async () => {
    const { createSimMarket } = await import('../../../src-main/sim/market');
    const market = createSimMarket({ seed: 3, speed: 20, startTime: at(10, 0), tickMs: 20 });
    markets.push(market);
    const t0 = market.now();
    const conId = market.bySymbol('NVDA')!.conId;
    const ops: SimDepthOp[] = [];
    const off = market.onDepth(conId, true, (op) => ops.push(op));
    const { waitFor } = await import('../../support/wait');
    await waitFor(() => ops.length > 100, { message: 'depth ops from the ticker' });
    off();
    expect(market.now() - t0).toBeGreaterThan(0);
  });
});
