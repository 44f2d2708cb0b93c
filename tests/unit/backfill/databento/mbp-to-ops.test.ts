/** MBP-10 level changes → IB row ops: applying the ops to an OrderBook gives exactly the new levels. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../../src-shared/domain/book';
import { BookAction, BookSide } from '../../../../src-shared/domain/depth';
import { diffSide, type Level } from '../../../../src-main/backfill/databento/mbp-to-ops';

const rows = (b: OrderBook, side: BookSide): Level[] => (side === BookSide.Bid ? b.bids() : b.asks()).map((r) => ({ price: r.price, size: r.size }));

/** A side of up to 10 unique prices, best first, from a set of ticks. */
const sideArb = (side: BookSide) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 10 }).chain((ticks) =>
    fc.array(fc.integer({ min: 1, max: 900 }), { minLength: ticks.length, maxLength: ticks.length }).map((sizes) => {
      const sorted = [...ticks].sort((a, b) => (side === BookSide.Bid ? b - a : a - b));
      return sorted.map((t, i) => ({ price: 100 + t / 100, size: sizes[i] }));
    }),
  );

describe('diffSide', () => {
  for (const side of [BookSide.Bid, BookSide.Ask]) {
    it(`any sequence of ${side === BookSide.Bid ? 'bid' : 'ask'} books is reproduced op by op`, () => {
      fc.assert(
        fc.property(fc.array(sideArb(side), { minLength: 1, maxLength: 30 }), (books) => {
          const book = new OrderBook();
          let prev: Level[] = [];
          for (const next of books) {
            for (const op of diffSide(prev, next, side)) expect(book.apply({ ...op, marketMaker: '' })).toBe(true);
            expect(rows(book, side)).toEqual(next);
            prev = next;
          }
          expect(book.anomalies).toBe(0);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('uses the cheap op for the common changes', () => {
    const a = [{ price: 10, size: 1 }, { price: 9.99, size: 2 }, { price: 9.98, size: 3 }];
    expect(diffSide(a, [{ price: 10, size: 5 }, ...a.slice(1)], BookSide.Bid)).toEqual([
      { side: BookSide.Bid, position: 0, operation: BookAction.Update, price: 10, size: 5 },
    ]);
    expect(diffSide(a, a.slice(1), BookSide.Bid)).toEqual([{ side: BookSide.Bid, position: 0, operation: BookAction.Delete, price: 10, size: 1 }]);
    expect(diffSide(a, [{ price: 10.01, size: 4 }, ...a], BookSide.Bid)).toEqual([
      { side: BookSide.Bid, position: 0, operation: BookAction.Insert, price: 10.01, size: 4 },
    ]);
    expect(diffSide(a, a, BookSide.Bid)).toEqual([]);
  });
});
