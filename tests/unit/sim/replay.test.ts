import { afterEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import { loadIbDepthOps, loadLobsterBook } from '../../../src-main/sim/market/fixture-ops';
import { REPLAY_LEAD_MS } from '../../../src-main/sim/market/replay-process';
import type { SimDepthOp, SimMarket, SimQuote, SimTrade } from '../../../src-main/sim/market/types';
import { fixture, hasFixtures } from '../../support/fixtures';
import { manualMarket } from './market-helpers';

const OPS = 'AAPL_2012-06-21_L10_first997_ib_depth_ops.csv';
const markets: SimMarket[] = [];
afterEach(() => markets.splice(0).forEach((m) => m.dispose()));

describe.skipIf(!hasFixtures)('replay of an IB depth-ops file', () => {
  it('emits exactly the file ops in order and rebuilds every LOBSTER snapshot', () => {
    const { market, advance } = manualMarket({ replay: [{ symbol: 'AAPL', path: fixture('depth', OPS) }] });
    markets.push(market);
    const conId = market.bySymbol('AAPL')!.conId;
    // Subscribed as the market starts: the replay has not begun, so the stream carries every op.
    const snap = market.book(conId, 10, false);
    expect(snap).toEqual({ bids: [], asks: [] });
    const ops: SimDepthOp[] = [];
    const trades: SimTrade[] = [];
    const quotes: SimQuote[] = [];
    const offs = [
      market.onDepth(conId, false, (op) => ops.push(op)),
      market.onTrade(conId, (t) => trades.push(t)),
      market.onQuote(conId, (q) => quotes.push(q)),
    ];
    advance(60_000, [conId]);
    offs.forEach((f) => f());

    const file = loadIbDepthOps(fixture('depth', OPS));
    expect(ops.map((o) => [o.position, o.operation, o.side, o.price, o.size, o.marketMaker]))
      .toEqual(file.map((r) => [r.position, r.operation, r.side, r.price, r.size, '']));
    const snaps = loadLobsterBook(fixture('depth', 'AAPL_2012-06-21_34200000_57600000_orderbook_10.csv'));
    const book = new OrderBook(10);
    let i = 0;
    for (let m = 0; m < snaps.length; m++) {
      while (i < ops.length && file[i].msgIndex === m) book.apply(ops[i++]);
      expect(book.asks().map((r) => [r.price, r.size])).toEqual(snaps[m].asks.map((r) => [r.price, r.size]));
      expect(book.bids().map((r) => [r.price, r.size])).toEqual(snaps[m].bids.map((r) => [r.price, r.size]));
    }
    expect(trades.length).toBeGreaterThan(10);
    expect(quotes.length).toBeGreaterThan(10);
    for (const q of quotes) expect(q.bid).toBeLessThan(q.ask);
    expect(market.quote(conId).last).toBe(trades[trades.length - 1].price);
  });

  it('times ops by the file, scaled by speed, and shows a late subscriber the live book', () => {
    const { market, clock } = manualMarket({ speed: 10, replay: [{ symbol: 'AAPL', path: fixture('depth', OPS) }] });
    markets.push(market);
    const conId = market.bySymbol('AAPL')!.conId;
    clock.advance(2_000); // 20 s of replay at speed 10
    const snap = market.book(conId, 10, false);
    const file = loadIbDepthOps(fixture('depth', OPS));
    const due = file.filter((r) => (r.timeS - file[0].timeS) * 1000 <= 20_000 - REPLAY_LEAD_MS);
    const expected = new OrderBook(10);
    due.forEach((r) => expected.apply(r));
    expect(snap.bids.map((o) => o.price)).toEqual(expected.bids().map((r) => r.price));
    expect(snap.asks.map((o) => o.size)).toEqual(expected.asks().map((r) => r.size));
  });

  it('loops: clears the book with deletes and plays again', () => {
    const { market, advance } = manualMarket({ replay: [{ symbol: 'AAPL', path: fixture('depth', OPS), loop: true }] });
    markets.push(market);
    const conId = market.bySymbol('AAPL')!.conId;
    const book = new OrderBook(10);
    const snap = market.book(conId, 10, false);
    [...snap.asks, ...snap.bids].forEach((op) => book.apply(op));
    const off = market.onDepth(conId, false, (op) => book.apply(op));
    advance(110_000, [conId]); // two passes of ~49 s plus the gap
    off();
    expect(book.anomalies).toBe(0);
    expect(book.messages).toBeGreaterThan(2 * 1603);
  });

  it('refuses a path no loader understands', () => {
    expect(() => manualMarket({ replay: [{ symbol: 'XYZ', path: '/nonexistent/thing.bin' }] })).toThrow(/no loader/);
  });
});
