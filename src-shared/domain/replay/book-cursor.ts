/**
 * The book at a point of a recording, moved forward one depth row at a time with the recorder's own rules
 * (src-main/recorder/README.md): a row of a new epoch starts from an empty book, and a 316/317 marker
 * clears it right after the row whose seq it carries. Pure: rows and markers are plain data.
 */
import { OrderBook, type BookRow } from '../book';
import { checksumOf } from './book-checksum';
import type { Keyframe, RecordingPoint } from './keyframe';

/** The recorder's book row cap: keyframes hold exactly that book, so the replay must cap alike. */
export const RECORDED_BOOK_ROWS = 100;
export const BOOK_CLEARING_CODES: ReadonlySet<number> = new Set([316, 317]);

/** A run of consecutive depth rows, columnar (row i has seq firstSeq + i). */
export interface DepthRun {
  firstSeq: number;
  length: number;
  tsRecv: ArrayLike<number>;
  epoch: ArrayLike<number>;
  position: ArrayLike<number>;
  operation: ArrayLike<number>;
  side: ArrayLike<number>;
  price: ArrayLike<number>;
  size: ArrayLike<number>;
  marketMaker: readonly string[];
}

export interface MarkerLike {
  seq: number;
  code: number;
}

export class BookCursor {
  book = new OrderBook(RECORDED_BOOK_ROWS);
  seq = 0;
  markers = 0;
  epoch = 1;

  constructor(private readonly allMarkers: readonly MarkerLike[]) {}

  get point(): RecordingPoint {
    return { seq: this.seq, markers: this.markers };
  }

  /** Starts from a keyframe's book (or from the session start when null). */
  reset(kf: Pick<Keyframe, 'seq' | 'markers' | 'epoch' | 'asks' | 'bids'> | null): void {
    this.book = new OrderBook(RECORDED_BOOK_ROWS);
    this.seq = kf?.seq ?? 0;
    this.markers = kf?.markers ?? 0;
    this.epoch = kf?.epoch ?? 1;
    if (!kf) return;
    const load = (side: 0 | 1, rows: readonly BookRow[]) =>
      rows.forEach((r, position) => this.book.apply({ position, operation: 0, side, price: r.price, size: r.size, marketMaker: r.marketMaker }));
    load(0, kf.asks);
    load(1, kf.bids);
    this.book.messages = 0;
  }

  /** Applies markers up to `limit` (exclusive) whose seq ≤ `seq`. */
  applyMarkers(seq: number, limit = this.allMarkers.length): void {
    while (this.markers < limit && this.allMarkers[this.markers].seq <= seq) {
      if (BOOK_CLEARING_CODES.has(this.allMarkers[this.markers].code)) this.book.clear();
      this.markers++;
    }
  }

  /** Applies row i of `run` (which must be row seq + 1), with the markers before it. */
  applyRow(run: DepthRun, i: number): void {
    const seq = run.firstSeq + i;
    this.applyMarkers(seq - 1);
    const epoch = run.epoch[i];
    if (epoch !== this.epoch) {
      this.book.clear();
      this.epoch = epoch;
    }
    this.book.apply({
      position: run.position[i],
      operation: run.operation[i],
      side: run.side[i],
      price: run.price[i],
      size: run.size[i],
      marketMaker: run.marketMaker[i],
    });
    this.seq = seq;
  }

  /** A point recorded in a later epoch (the recorder cleared its book on reconnect, before that epoch's first row). */
  enterEpoch(epoch: number): void {
    if (epoch === this.epoch) return;
    this.book.clear();
    this.epoch = epoch;
  }

  checksum(): number {
    return checksumOf(
      (s) => this.book.depth(s),
      (s, p) => this.book.row(s, p),
    );
  }
}
