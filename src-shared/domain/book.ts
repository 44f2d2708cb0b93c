import { BookAction, BookSide } from './depth';

/** One row of a depth book as IB numbers them: by position, best first. */
export interface BookRow {
  price: number;
  size: number;
  /** Market maker / exchange code for SMART (L2) depth; '' for plain depth. */
  marketMaker: string;
}

/** The part of an IB depth message the book needs (OrderBookDelta fits). */
export interface BookDeltaInput {
  position: number;
  operation: number;
  side: number;
  price: number;
  size: number;
  marketMaker?: string;
}

/** [price, totalSize, makerCount], the shape of LadderLevel in the depth contract. */
export type AggregatedLevel = [number, number, number];

/** Default row cap: IB's SMART depth can carry many rows, plain depth at most numRows. */
export const DEFAULT_MAX_ROWS = 100;

/** Price key for grouping: prices arrive as floats, so compare them at a resolution finer than any tick. */
const priceKey = (price: number): number => Math.round(price * 1e8);

/**
 * A depth book with IB's row semantics: insert at p shifts rows down (rows past maxRows fall off),
 * update sets row p, delete at p pulls rows up. An op that cannot apply is counted, never thrown.
 */
export class OrderBook {
  private readonly sides: [BookRow[], BookRow[]] = [[], []];
  /** Depth messages offered to the book (applied or not). */
  messages = 0;
  /** Messages that could not be applied (bad side/operation, position out of range). */
  anomalies = 0;

  constructor(readonly maxRows: number = DEFAULT_MAX_ROWS) {}

  /** Applies one IB depth operation; false (and anomalies + 1) when it cannot apply. */
  apply(delta: BookDeltaInput): boolean {
    this.messages++;
    const ok = this.applyOp(delta);
    if (!ok) this.anomalies++;
    return ok;
  }

  private applyOp(d: BookDeltaInput): boolean {
    if (d.side !== BookSide.Ask && d.side !== BookSide.Bid) return false;
    const rows = this.sides[d.side];
    const p = d.position;
    if (!Number.isInteger(p) || p < 0) return false;
    switch (d.operation) {
      case BookAction.Insert: {
        if (p > rows.length || p >= this.maxRows) return false;
        rows.splice(p, 0, { price: d.price, size: d.size, marketMaker: d.marketMaker ?? '' });
        if (rows.length > this.maxRows) rows.length = this.maxRows;
        return true;
      }
      case BookAction.Update: {
        if (p >= rows.length) return false;
        const row = rows[p];
        row.price = d.price;
        row.size = d.size;
        row.marketMaker = d.marketMaker ?? row.marketMaker;
        return true;
      }
      case BookAction.Delete: {
        if (p >= rows.length) return false;
        rows.splice(p, 1);
        return true;
      }
      default:
        return false;
    }
  }

  /** IB 317 (market depth reset): empty both sides; counters keep running. */
  clear(): void {
    this.sides[0].length = 0;
    this.sides[1].length = 0;
  }

  /** Bid rows, best first (copies). */
  bids(): BookRow[] {
    return this.sides[BookSide.Bid].map((r) => ({ ...r }));
  }

  /** Ask rows, best first (copies). */
  asks(): BookRow[] {
    return this.sides[BookSide.Ask].map((r) => ({ ...r }));
  }

  /** Row count on one side without copying. */
  depth(side: BookSide): number {
    return this.sides[side].length;
  }

  /** Row `position` of one side without copying (undefined when absent). Do not mutate. */
  row(side: BookSide, position: number): Readonly<BookRow> | undefined {
    return this.sides[side][position];
  }

  bestBid(): BookRow | undefined {
    const r = this.sides[BookSide.Bid][0];
    return r ? { ...r } : undefined;
  }

  bestAsk(): BookRow | undefined {
    const r = this.sides[BookSide.Ask][0];
    return r ? { ...r } : undefined;
  }

  /** Rows merged by price (SMART books list one row per maker), best first, at most `levels` per side. */
  aggregated(levels: number): { bids: AggregatedLevel[]; asks: AggregatedLevel[] } {
    return {
      bids: aggregateRows(this.sides[BookSide.Bid], BookSide.Bid, levels),
      asks: aggregateRows(this.sides[BookSide.Ask], BookSide.Ask, levels),
    };
  }
}

/** Merges rows at the same price into [price, totalSize, makerCount] levels, best first. */
export function aggregateRows(rows: readonly BookRow[], side: BookSide, levels: number): AggregatedLevel[] {
  const byKey = new Map<number, AggregatedLevel>();
  for (const r of rows) {
    const k = priceKey(r.price);
    const level = byKey.get(k);
    if (level) {
      level[1] += r.size;
      level[2] += 1;
    } else {
      byKey.set(k, [r.price, r.size, 1]);
    }
  }
  const out = [...byKey.values()];
  // Rows usually arrive sorted, but a venue's stale row can sit out of order: sort to be safe.
  out.sort(side === BookSide.Bid ? (a, b) => b[0] - a[0] : (a, b) => a[0] - b[0]);
  return out.length > levels ? out.slice(0, Math.max(0, levels)) : out;
}
