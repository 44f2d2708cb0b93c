/**
 * The broker-facing callbacks of one recording stream. Data goes straight to the session writer (the hot
 * path: no allocation, no await); lifecycle events go to the service, which owns the slots.
 */
import type { AppError } from '../../src-shared/contract/result';
import type { OrderBook } from '../../src-shared/domain/book';
import { BookSide } from '../../src-shared/domain/depth';
import type { QualityTracker } from '../../src-shared/domain/metrics/quality-tracker';
import type { DepthOwner, TapeOwner } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { RecordingStream } from './recording-stream';

export interface StreamEvents {
  changed(): void;
  depthFailed(stream: RecordingStream, error: AppError): void;
  tapeFailed(stream: RecordingStream, kind: 'AllLast' | 'BidAsk', error: AppError): void;
}

function pause(s: RecordingStream, info: { start: number; reason: string }, ev: StreamEvents): void {
  if (s.paused || !s.live) return;
  s.paused = { start: info.start, reason: info.reason };
  s.writer?.pause(info.start, info.reason);
  ev.changed();
}

function resume(s: RecordingStream, info: { start: number; end: number; dataLost: boolean }, ev: StreamEvents): void {
  if (!s.paused || !s.live) return;
  s.paused = null;
  s.writer?.resume(info.end, info.start, info.dataLost);
  s.frameDirty = true;
  ev.changed();
}

/** Best quotes after the row, read in place (no copy: this runs for every depth message). */
function trackQuality(q: QualityTracker, t: number, book: OrderBook): void {
  q.depth(t, book.row(BookSide.Bid, 0)?.price ?? NaN, book.row(BookSide.Ask, 0)?.price ?? NaN);
}

export function depthOwner(s: RecordingStream, clock: Clock, ev: StreamEvents): DepthOwner {
  const attempt = s.depthAttempt;
  const current = () => s.depthAttempt === attempt && s.live;
  return {
    onDelta(d) {
      if (!current()) return;
      const reqId = s.depthSub?.reqId;
      if (reqId !== undefined && reqId !== s.depthReqId) {
        // IB 316: the broker re-requested depth under a new reqId, so the book is resent from empty.
        if (s.depthReqId !== null) s.writer?.resubscribed(clock.now());
        s.depthReqId = reqId;
      }
      s.writer?.depth(d);
      if (s.writer && s.quality) trackQuality(s.quality, d.tsRecv, s.writer.book);
      s.depthMessages++;
      s.rate.add(d.tsRecv);
      s.lastUpdate = d.tsRecv;
      s.frameDirty = true;
      ev.changed();
    },
    onReset() {
      if (!current()) return;
      s.writer?.reset(clock.now());
      s.frameDirty = true;
      ev.changed();
    },
    onPause: (info) => current() && pause(s, info, ev),
    onResume: (info) => {
      if (!current()) return;
      s.depthReqId = info.reqId;
      resume(s, info, ev);
    },
    onError: (error) => current() && ev.depthFailed(s, error),
  };
}

export function tapeOwner(s: RecordingStream, kind: 'AllLast' | 'BidAsk', ev: StreamEvents): TapeOwner {
  return {
    onTrade(t) {
      if (!s.live) return;
      s.writer?.trade(t);
      s.tickMessages++;
      s.lastUpdate = t.tsRecv;
      s.pushTrade(t.tsRecv, t.price, t.size);
      ev.changed();
    },
    onQuote(q) {
      if (!s.live) return;
      s.writer?.quote(q);
      s.tickMessages++;
      s.lastUpdate = q.tsRecv;
      ev.changed();
    },
    onPause: (info) => pause(s, info, ev),
    onResume: (info) => resume(s, info, ev),
    onError: (error) => s.live && ev.tapeFailed(s, kind, error),
    onSource(source, reason) {
      if (!s.live) return;
      s.tapeFallback[kind] = source === 'rt-volume' ? reason : null;
      ev.changed();
    },
  };
}
