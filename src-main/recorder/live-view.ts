/**
 * A live view: the Level 2 book and trade prints of one name that is not recorded, for the ladder only
 * (nothing is written). It holds one depth slot while it lasts; `LiveViewDesk` decides when it opens and
 * closes. The book follows the same IB rules as a recorded one (317 and 316 clear it, so does a
 * reconnect that lost data).
 */
import type { DepthFrame } from '../../src-shared/contract/features/depth';
import type { AppError } from '../../src-shared/contract/result';
import { OrderBook } from '../../src-shared/domain/book';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { BrokerPort, DepthOwner, Subscription, TapeOwner, TapeSource } from '../broker/port';
import { buildDepthFrame, type FrameSource } from './depth-frame';
import { RECENT_TRADES } from './recording-stream';

export interface LiveViewEvents {
  /** The view's depth ended for good (309 cap, no permissions, unknown symbol). */
  viewDepthFailed(view: LiveView, error: AppError): void;
}

export class LiveView implements FrameSource {
  instrument: Instrument | null = null;
  readonly book = new OrderBook();
  readonly trades: Array<{ ts: number; price: number; size: number }> = [];
  last: number | null = null;
  /** Book or prints changed since the last frame was pushed. */
  frameDirty = false;
  closed = false;
  private depthSub: Subscription | null = null;
  private depthReqId: number | null = null;
  private tapeSub: Subscription | null = null;
  /** Where AllLast callbacks go: this view, or the recording that took the view over. */
  private tapeTarget: TapeOwner = { onTrade: (t) => this.pushTrade(t.tsRecv, t.price, t.size) };
  /** The last source the broker announced for the tape, replayed to a recording that takes it over. */
  private tapeSource: { source: TapeSource; reason: string } | null = null;

  constructor(readonly symbol: string, private readonly ev: LiveViewEvents) {}

  /** Depth is subscribed and the book is being kept. */
  get live(): boolean {
    return !this.closed && this.depthSub !== null;
  }

  /** Subscribes depth, then the trade tape (prints on the ladder). A synchronous refusal closes the view. */
  open(broker: BrokerPort, instrument: Instrument, options: { rows: number; smart: boolean }): void {
    if (this.closed) return;
    this.instrument = instrument;
    const depth = broker.subscribeDepth(instrument, options, this.depthOwner());
    if (this.closed) {
      depth.dispose(); // refused synchronously: the desk already closed the view
      return;
    }
    this.depthSub = depth;
    this.tapeSub = broker.subscribeTape(instrument, 'AllLast', this.forwardingTape());
  }

  /**
   * A recording of this name takes the view over: it gets the AllLast subscription as it is (no cancel
   * and re-request of tick-by-tick data) and from now on receives its callbacks.
   */
  handOverTape(owner: TapeOwner): Subscription | null {
    const sub = this.tapeSub;
    this.tapeSub = null;
    if (sub) this.tapeTarget = owner;
    if (sub && this.tapeSource) owner.onSource?.(this.tapeSource.source, this.tapeSource.reason);
    return sub;
  }

  /** Ends the subscriptions and empties the book (a final frame then shows no stale levels). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.depthSub?.dispose();
    this.tapeSub?.dispose();
    this.depthSub = this.tapeSub = null;
    this.book.clear();
    this.frameDirty = true;
  }

  frame(now: number): DepthFrame {
    this.frameDirty = false;
    return buildDepthFrame(this, this.book, now, 'live');
  }

  private pushTrade(ts: number, price: number, size: number): void {
    if (this.closed) return;
    this.trades.push({ ts, price, size });
    if (this.trades.length > RECENT_TRADES) this.trades.shift();
    this.last = price;
    this.frameDirty = true;
  }

  private depthOwner(): DepthOwner {
    return {
      onDelta: (d) => {
        if (this.closed) return;
        const reqId = this.depthSub?.reqId;
        if (reqId !== undefined && reqId !== this.depthReqId) {
          if (this.depthReqId !== null) this.book.clear(); // 316: re-requested, the book is resent from empty
          this.depthReqId = reqId;
        }
        this.book.apply(d);
        this.frameDirty = true;
      },
      onReset: () => {
        if (this.closed) return;
        this.book.clear();
        this.frameDirty = true;
      },
      onResume: (info) => {
        if (this.closed) return;
        this.depthReqId = info.reqId;
        if (info.dataLost) this.book.clear();
        this.frameDirty = true;
      },
      onError: (error) => {
        if (!this.closed) this.ev.viewDepthFailed(this, error);
      },
    };
  }

  private forwardingTape(): TapeOwner {
    return {
      onTrade: (t) => this.tapeTarget.onTrade?.(t),
      onQuote: (q) => this.tapeTarget.onQuote?.(q),
      onPause: (i) => this.tapeTarget.onPause?.(i),
      onResume: (i) => this.tapeTarget.onResume?.(i),
      onError: (e) => this.tapeTarget.onError?.(e),
      onSource: (source, reason) => {
        this.tapeSource = { source, reason };
        this.tapeTarget.onSource?.(source, reason);
      },
    };
  }
}
