/**
 * When the recorder writes a keyframe (the whole book, keyframes.arrows): at session start, every
 * KEYFRAME_EVERY_OPS depth rows, at least every KEYFRAME_EVERY_MS while rows arrive (checked at flush),
 * and after every clear or gap (317, 316, a reconnect, a pause), each with its point and checksum.
 */
import type { OrderBook } from '../../src-shared/domain/book';
import { bookChecksum } from '../../src-shared/domain/replay/book-checksum';
import type { Keyframe, KeyframeReason } from '../../src-shared/domain/replay/keyframe';
import { KeyframeBatchBuilder } from '../recording-format/keyframe-rows';

export const KEYFRAME_EVERY_OPS = 2000;
export const KEYFRAME_EVERY_MS = 1000;

export class KeyframeKeeper {
  readonly rows = new KeyframeBatchBuilder();
  private count = 0;
  private opsSince = 0;
  private lastTs = -Infinity;

  /** Counts one depth row; true when a periodic keyframe is due by count. */
  depthRow(): boolean {
    return ++this.opsSince >= KEYFRAME_EVERY_OPS;
  }

  /** True when rows arrived since the last keyframe and it is at least KEYFRAME_EVERY_MS old. */
  dueByTime(now: number): boolean {
    return this.opsSince > 0 && now - this.lastTs >= KEYFRAME_EVERY_MS;
  }

  get changedSince(): boolean {
    return this.opsSince > 0;
  }

  /** Builds the keyframe of `book` now; the caller appends it once `rows.fits` allows. */
  build(book: OrderBook, at: { seq: number; markers: number; epoch: number; ts: number }, reason: KeyframeReason): Keyframe {
    const asks = book.asks();
    const bids = book.bids();
    this.opsSince = 0;
    this.lastTs = at.ts;
    return { kf: this.count++, seq: at.seq, markers: at.markers, tsRecv: at.ts, epoch: at.epoch, reason, checksum: bookChecksum(asks, bids), asks, bids };
  }
}
