/**
 * The heatmap's column cache: one column per time slice holding the resting size at each price tick at the
 * slice's end, the best bid/ask, and the span of prices the recorded depth covered (outside it the book is
 * unknown, which is not the same as empty). Built once from `replay:events` in chunks, so drawing never
 * touches raw messages. Pure: no DOM, no contract calls.
 */
import { BookSide } from '../../../../src-shared/domain/depth';
import { BookCursor, type DepthRun, type MarkerLike } from '../../../../src-shared/domain/replay/book-cursor';

export interface HeatColumn {
  /** Slice start, epoch ms. */
  t: number;
  /** Lowest tick of `sizes` (the deepest recorded bid, or ask when there are no bids); unknown when `sizes` is empty. */
  lowTick: number;
  /** Aggregated resting size per tick from lowTick upwards (bids and asks together). */
  sizes: Float32Array;
  bestBid: number | null;
  bestAsk: number | null;
}

export interface ColumnCache {
  t0: number;
  sliceMs: number;
  minTick: number;
  columns: HeatColumn[];
  /** Last seq folded in, so a build resumes after it. */
  seq: number;
  /** Ticks per row when the cache is a grouped view of another (price-grouping.ts); absent = 1. */
  group?: number;
}

export interface DepthEventLike {
  seq: number;
  tsRecv: number;
  epoch: number;
  position: number;
  operation: number;
  side: number;
  price: number;
  size: number;
  marketMaker: string;
}

export interface GapLike {
  start: number;
  end: number | null;
}

/** Slice length so a session fits in at most `maxColumns` columns, never under 50 ms. */
export function sliceMsFor(start: number, end: number, maxColumns = 3000): number {
  return Math.max(50, Math.ceil(Math.max(1, end - start) / maxColumns));
}

/** Folds depth events into columns; `finish` closes the columns up to the session's end. */
export class ColumnBuilder {
  readonly cache: ColumnCache;
  private readonly cursor: BookCursor;
  private readonly sessionStarts: Set<number>;

  constructor(
    t0: number,
    sliceMs: number,
    minTick: number,
    markers: readonly MarkerLike[],
    private readonly gaps: readonly GapLike[] = [],
    /** First seq of each session after the first: the book starts empty there. */
    sessionFirstSeqs: readonly number[] = [],
  ) {
    this.cache = { t0, sliceMs, minTick, columns: [], seq: 0 };
    this.cursor = new BookCursor(markers);
    this.sessionStarts = new Set(sessionFirstSeqs);
  }

  /** Events must continue from the last one folded (seq + 1, + 2, …). */
  add(events: readonly DepthEventLike[]): void {
    for (const e of events) {
      if (e.seq <= this.cache.seq) continue;
      this.closeUntil(e.tsRecv);
      // A day's next session starts from an empty book, whatever its epoch numbers say.
      if (this.sessionStarts.has(e.seq)) this.cursor.book.clear();
      this.cursor.applyRow(oneRow(e), 0);
      this.cache.seq = e.seq;
    }
  }

  /** The same for a columnar run (the worker's path: no object per event). */
  addRun(run: DepthRun): void {
    for (let i = 0; i < run.length; i++) {
      const seq = run.firstSeq + i;
      if (seq <= this.cache.seq) continue;
      this.closeUntil(run.tsRecv[i]);
      if (this.sessionStarts.has(seq)) this.cursor.book.clear();
      this.cursor.applyRow(run, i);
      this.cache.seq = seq;
    }
  }

  /** Closes every slice that ends at or before `end`. */
  finish(end: number): ColumnCache {
    this.closeUntil(end + this.cache.sliceMs);
    return this.cache;
  }

  /** Snapshots the book into every slice ending at or before ts (the book holds until the next event). */
  private closeUntil(ts: number): void {
    const { t0, sliceMs, columns } = this.cache;
    while (t0 + (columns.length + 1) * sliceMs <= ts) {
      const t = t0 + columns.length * sliceMs;
      columns.push(this.inGap(t, t + sliceMs) ? unknownColumn(t) : this.snapshot(t));
    }
  }

  private inGap(from: number, to: number): boolean {
    return this.gaps.some((g) => g.start <= from && (g.end === null || g.end >= to));
  }

  private snapshot(t: number): HeatColumn {
    const book = this.cursor.book;
    const tick = this.cache.minTick;
    const nb = book.depth(BookSide.Bid);
    const na = book.depth(BookSide.Ask);
    if (nb + na === 0) return unknownColumn(t);
    const ticks: number[] = [];
    const sizes: number[] = [];
    for (const side of [BookSide.Bid, BookSide.Ask]) {
      for (let p = 0; p < book.depth(side); p++) {
        const r = book.row(side, p)!;
        ticks.push(Math.round(r.price / tick));
        sizes.push(r.size);
      }
    }
    const low = Math.min(...ticks);
    const high = Math.max(...ticks);
    const out = new Float32Array(high - low + 1);
    ticks.forEach((k, i) => (out[k - low] += sizes[i]));
    const bid = book.row(BookSide.Bid, 0);
    const ask = book.row(BookSide.Ask, 0);
    return {
      t,
      lowTick: low,
      sizes: out,
      bestBid: bid ? Math.round(bid.price / tick) : null,
      bestAsk: ask ? Math.round(ask.price / tick) : null,
    };
  }
}

function unknownColumn(t: number): HeatColumn {
  return { t, lowTick: 0, sizes: new Float32Array(0), bestBid: null, bestAsk: null };
}

function oneRow(e: DepthEventLike): DepthRun {
  return {
    firstSeq: e.seq,
    length: 1,
    tsRecv: [e.tsRecv],
    epoch: [e.epoch],
    position: [e.position],
    operation: [e.operation],
    side: [e.side],
    price: [e.price],
    size: [e.size],
    marketMaker: [e.marketMaker],
  };
}

/** Size at a tick of a column, or null when the recorded depth did not cover that price. */
export function sizeAt(col: HeatColumn, tick: number): number | null {
  const i = tick - col.lowTick;
  return i >= 0 && i < col.sizes.length ? col.sizes[i] : null;
}

/** Index of the column covering ts (clamped to the cache). */
export function columnIndexAt(cache: ColumnCache, ts: number): number {
  if (cache.columns.length === 0) return -1;
  return Math.min(cache.columns.length - 1, Math.max(0, Math.floor((ts - cache.t0) / cache.sliceMs)));
}
