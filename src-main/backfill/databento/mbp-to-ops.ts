/**
 * MBP-10 → IB-style depth ops (pure). Databento sends the whole top 10 of each side with every record; the
 * recording format stores IB's row ops (insert / update / delete at a position). For each side, the ops
 * here turn the previous top 10 into the new one, so applying them to an `OrderBook` reproduces
 * Databento's levels exactly. Prices are unique per side and sorted best first, so one walk suffices:
 * at position i a row with the wanted price is updated (if its size changed); rows ahead of the wanted
 * price that left the book are deleted; a price not in the book is inserted; rows past the new depth go.
 */
import { BookAction, BookSide } from '../../../src-shared/domain/depth';
import type { DbnLevel } from './dbn/decode';

export interface Level {
  price: number;
  size: number;
}

export interface DepthOp {
  side: BookSide;
  position: number;
  operation: BookAction;
  price: number;
  size: number;
}

/** One side of an MBP-10 record as levels, best first; stops at the first undefined level. */
export function sideLevels(levels: readonly DbnLevel[], side: BookSide): Level[] {
  const out: Level[] = [];
  for (const l of levels) {
    const price = side === BookSide.Bid ? l.bidPx : l.askPx;
    if (price === null) break;
    out.push({ price, size: side === BookSide.Bid ? l.bidSz : l.askSz });
  }
  return out;
}

const samePrice = (a: number, b: number): boolean => Math.round(a * 1e9) === Math.round(b * 1e9);

/** Ops turning `prev` into `next` for one side; `prev` is not modified. */
export function diffSide(prev: readonly Level[], next: readonly Level[], side: BookSide): DepthOp[] {
  const cur = prev.map((l) => ({ ...l }));
  const ops: DepthOp[] = [];
  for (let i = 0; i < next.length; i++) {
    const want = next[i];
    const at = cur.findIndex((l, j) => j >= i && samePrice(l.price, want.price));
    if (at >= 0) {
      // Levels between i and the wanted price left the book: pull them out from position i.
      for (let k = i; k < at; k++) {
        const gone = cur.splice(i, 1)[0];
        ops.push({ side, position: i, operation: BookAction.Delete, price: gone.price, size: gone.size });
      }
      if (cur[i].size !== want.size) {
        ops.push({ side, position: i, operation: BookAction.Update, price: want.price, size: want.size });
        cur[i].size = want.size;
      }
    } else {
      ops.push({ side, position: i, operation: BookAction.Insert, price: want.price, size: want.size });
      cur.splice(i, 0, { ...want });
    }
  }
  while (cur.length > next.length) {
    const gone = cur.pop() as Level;
    ops.push({ side, position: cur.length, operation: BookAction.Delete, price: gone.price, size: gone.size });
  }
  return ops;
}

/** Both sides' ops for one record: asks first, then bids (IB's order does not matter to the book). */
export function diffBook(prev: { bids: Level[]; asks: Level[] }, levels: readonly DbnLevel[]): { ops: DepthOp[]; bids: Level[]; asks: Level[] } {
  const asks = sideLevels(levels, BookSide.Ask);
  const bids = sideLevels(levels, BookSide.Bid);
  return { ops: [...diffSide(prev.asks, asks, BookSide.Ask), ...diffSide(prev.bids, bids, BookSide.Bid)], bids, asks };
}
