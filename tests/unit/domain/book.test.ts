import { describe, expect, it } from 'vitest';
import { OrderBook, aggregateRows } from '../../../src-shared/domain/book';
import { BookAction, BookSide } from '../../../src-shared/domain/depth';
import { loadIbDepthOps, loadLobsterBook } from '../../../src-main/sim/market/fixture-ops';
import { fixture, hasFixtures } from '../../support/fixtures';

const ins = (side: 0 | 1, position: number, price: number, size = 100, marketMaker = '') => ({
  side, position, price, size, marketMaker, operation: BookAction.Insert,
});

describe('OrderBook row semantics', () => {
  it('insert shifts rows down, update sets, delete pulls up', () => {
    const b = new OrderBook(10);
    expect(b.apply(ins(BookSide.Bid, 0, 10))).toBe(true);
    expect(b.apply(ins(BookSide.Bid, 0, 10.01))).toBe(true);
    expect(b.apply(ins(BookSide.Bid, 1, 10.005))).toBe(true);
    expect(b.bids().map((r) => r.price)).toEqual([10.01, 10.005, 10]);
    expect(b.apply({ side: 1, position: 2, operation: BookAction.Update, price: 9.99, size: 7 })).toBe(true);
    expect(b.bids()[2]).toEqual({ price: 9.99, size: 7, marketMaker: '' });
    expect(b.apply({ side: 1, position: 0, operation: BookAction.Delete, price: 0, size: 0 })).toBe(true);
    expect(b.bids().map((r) => r.price)).toEqual([10.005, 9.99]);
    expect(b.bestBid()?.price).toBe(10.005);
    expect(b.bestAsk()).toBeUndefined();
    expect(b.messages).toBe(5);
    expect(b.anomalies).toBe(0);
  });

  it('rows beyond maxRows fall off on insert', () => {
    const b = new OrderBook(3);
    for (const p of [1, 2, 3]) b.apply(ins(BookSide.Ask, b.asks().length, p));
    b.apply(ins(BookSide.Ask, 0, 0.5));
    expect(b.asks().map((r) => r.price)).toEqual([0.5, 1, 2]);
  });

  it('counts ops that cannot apply as anomalies and never throws', () => {
    const b = new OrderBook(3);
    expect(b.apply(ins(BookSide.Ask, 1, 1))).toBe(false); // gap: nothing at row 0
    expect(b.apply({ side: 0, position: 0, operation: BookAction.Update, price: 1, size: 1 })).toBe(false);
    expect(b.apply({ side: 1, position: 0, operation: BookAction.Delete, price: 1, size: 1 })).toBe(false);
    expect(b.apply({ side: 0, position: -1, operation: 0, price: 1, size: 1 })).toBe(false);
    expect(b.apply({ side: 0, position: 3, operation: 0, price: 1, size: 1 })).toBe(false); // >= maxRows
    expect(b.apply({ side: 2, position: 0, operation: 0, price: 1, size: 1 })).toBe(false);
    expect(b.apply({ side: 0, position: 0, operation: 7, price: 1, size: 1 })).toBe(false);
    expect(b.anomalies).toBe(7);
    expect(b.messages).toBe(7);
    expect(b.asks()).toEqual([]);
  });

  it('clear() empties both sides (IB 317) and keeps counters', () => {
    const b = new OrderBook();
    b.apply(ins(BookSide.Ask, 0, 1));
    b.apply(ins(BookSide.Bid, 0, 0.99));
    b.clear();
    expect(b.asks()).toEqual([]);
    expect(b.bids()).toEqual([]);
    expect(b.messages).toBe(2);
  });

  it('returns copies: callers cannot corrupt the book', () => {
    const b = new OrderBook();
    b.apply(ins(BookSide.Bid, 0, 5, 10, 'ARCA'));
    b.bids()[0].size = 999;
    expect(b.bids()[0].size).toBe(10);
  });

  it('aggregates SMART rows by price into [price, total, makers], best first', () => {
    const b = new OrderBook();
    b.apply(ins(BookSide.Bid, 0, 10.0, 100, 'NSDQ'));
    b.apply(ins(BookSide.Bid, 1, 10.0, 200, 'ARCA'));
    b.apply(ins(BookSide.Bid, 2, 9.99, 300, 'BATS'));
    b.apply(ins(BookSide.Bid, 3, 9.98, 50, 'IEX'));
    b.apply(ins(BookSide.Ask, 0, 10.01, 10, 'EDGX'));
    b.apply(ins(BookSide.Ask, 1, 10.01, 20, 'NSDQ'));
    b.apply(ins(BookSide.Ask, 2, 10.02, 30, 'NYSE'));
    const agg = b.aggregated(2);
    expect(agg.bids).toEqual([[10.0, 300, 2], [9.99, 300, 1]]);
    expect(agg.asks).toEqual([[10.01, 30, 2], [10.02, 30, 1]]);
  });

  it('aggregation sorts an out-of-order row into place', () => {
    const rows = [
      { price: 5.01, size: 1, marketMaker: 'A' },
      { price: 5.03, size: 2, marketMaker: 'B' },
      { price: 5.01 + 1e-12, size: 3, marketMaker: 'C' },
    ];
    expect(aggregateRows(rows, BookSide.Bid, 5)).toEqual([[5.03, 2, 1], [5.01, 4, 2]]);
    expect(aggregateRows(rows, BookSide.Ask, 1)).toEqual([[5.01, 4, 2]]);
  });
});

describe.skipIf(!hasFixtures)('OrderBook against the LOBSTER AAPL book', () => {
  it('reproduces every orderbook snapshot after the ops of each message', () => {
    const ops = loadIbDepthOps(fixture('depth', 'AAPL_2012-06-21_L10_first997_ib_depth_ops.csv'));
    const snaps = loadLobsterBook(fixture('depth', 'AAPL_2012-06-21_34200000_57600000_orderbook_10.csv'));
    expect(ops.length).toBeGreaterThan(1500);
    const book = new OrderBook(10);
    let i = 0;
    let compared = 0;
    for (let m = 0; m < snaps.length; m++) {
      while (i < ops.length && ops[i].msgIndex === m) book.apply(ops[i++]);
      const strip = (rows: { price: number; size: number }[]) => rows.map((r) => [r.price, r.size]);
      expect(strip(book.asks()), `asks after msg ${m}`).toEqual(strip(snaps[m].asks));
      expect(strip(book.bids()), `bids after msg ${m}`).toEqual(strip(snaps[m].bids));
      compared++;
    }
    expect(compared).toBe(snaps.length);
    expect(book.anomalies).toBe(0);
    // every op that belongs to a snapshot was applied (the file's last message has no snapshot row)
    expect(ops.slice(i).every((o) => o.msgIndex >= snaps.length)).toBe(true);
  });
});
