/**
 * Streaming subscriptions over IB: quotes, depth, tape, scanner, real-time bars. Each is registered with its
 * owner, re-requested with a fresh reqId after 1101 or a reconnect, paused on 1100 and resumed on 1102.
 */
import type { IBApi } from '@stoqey/ib';
import type { AppError } from '../../src-shared/contract/result';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { IbErrorInfo } from './error-map';
import type { IbLink } from './ib-link';
import { toIbContract } from './parse';
import type { BarOwner, DepthOwner, QuoteOwner, ScannerOwner, ScannerRequest, StreamOwner, Subscription, TapeOwner } from './port';
import { toIbScannerSubscription } from './scan-code';
import type { Scheduler } from './scheduler';
import { attachStreamRouting } from './stream-routing';
import { SubscriptionRegistry, type StreamEntry, type StreamKind } from './subscription-registry';
import { TapeStreams } from './tape-streams';

/** How far back a silent stream may have been requested for an error 100 to be the reason it is silent. */
const REISSUE_WINDOW_MS = 5_000;

export class StreamService {
  readonly registry: SubscriptionRegistry;
  /** Depth streams IB allows, learnt from the first 309. */
  depthLimit: number | undefined;
  readonly tapes: TapeStreams;

  /** `scheduler` holds back tick-by-tick requests IB's 15 s repeat rule would refuse. */
  constructor(private readonly link: IbLink, scheduler?: Scheduler) {
    this.registry = new SubscriptionRegistry(() => link.nextReqId(), scheduler, () => link.now());
    this.tapes = new TapeStreams(link, this.registry);
  }

  quotes(instrument: Instrument, owner: QuoteOwner): Subscription {
    const c = toIbContract(instrument);
    return this.open('quotes', instrument.symbol, owner,
      (id) => this.link.send((api) => api.reqMktData(id, c, '', false, false)),
      (id) => this.link.send((api) => api.cancelMktData(id)));
  }

  depth(instrument: Instrument, o: { rows: number; smart: boolean }, owner: DepthOwner): Subscription {
    const c = toIbContract(instrument);
    const rows = Math.max(1, Math.min(50, Math.floor(o.rows)));
    // A future trades on one exchange: its depth is that exchange's book, never SMART's venue mix.
    const smart = o.smart && instrument.secType !== 'FUT';
    return this.open('depth', instrument.symbol, owner,
      (id) => this.link.send((api) => api.reqMktDepth(id, c, rows, smart, [])),
      (id) => this.link.send((api) => api.cancelMktDepth(id, smart)));
  }

  /** Tick-by-tick, or RT_VOLUME past IB's tick-by-tick cap (see TapeStreams). */
  tape(instrument: Instrument, kind: 'AllLast' | 'BidAsk', owner: TapeOwner): Subscription {
    return this.tapes.subscribe(instrument, kind, owner);
  }

  scanner(request: ScannerRequest, owner: ScannerOwner): Subscription {
    const sub = toIbScannerSubscription(request);
    if (!sub) return this.refused(owner, { code: 'INVALID_INPUT', message: `IB has no scan code "${request.scanCode}".` });
    return this.open('scanner', request.scanCode, owner,
      (id) => this.link.send((api) => api.reqScannerSubscription(id, sub, [], [])),
      (id) => this.link.send((api) => api.cancelScannerSubscription(id)));
  }

  realtimeBars(instrument: Instrument, owner: BarOwner): Subscription {
    const c = toIbContract(instrument);
    return this.open('rtbars', instrument.symbol, owner,
      (id) => this.link.send((api) => api.reqRealTimeBars(id, c, 5, 'TRADES' as never, false, [])),
      (id) => this.link.send((api) => api.cancelRealTimeBars(id)));
  }

  /** Routes this socket's stream events to owners; returns the detach function. */
  attach(api: IBApi): () => void {
    return attachStreamRouting(api, this.registry, () => this.link.now());
  }

  /** After a (re)connect or 1101: every stream gets a fresh reqId and its owner hears about the gap. */
  reactivateAll(now: number, dataLost: boolean): void {
    for (const e of this.registry.all()) {
      const reqId = this.registry.activate(e);
      if (e.pausedAt !== undefined) e.owner.onResume?.({ start: e.pausedAt, end: now, reqId, dataLost });
      e.pausedAt = undefined;
    }
  }

  /** Socket lost or 1100: owners hear the stream stopped. `retire` when the reqIds died with the socket. */
  pauseAll(now: number, reason: string, retire: boolean): void {
    for (const e of this.registry.all()) {
      if (e.pausedAt === undefined && e.reqId !== undefined) {
        e.pausedAt = now;
        e.owner.onPause?.({ start: now, reason });
      }
      if (retire) this.registry.retire(e);
    }
  }

  /** 1102: IB kept the subscriptions; same reqIds. */
  resumeKept(now: number): void {
    for (const e of this.registry.all()) {
      if (e.pausedAt === undefined || e.reqId === undefined) continue;
      e.owner.onResume?.({ start: e.pausedAt, end: now, reqId: e.reqId, dataLost: false });
      e.pausedAt = undefined;
    }
  }

  /**
   * IB said 100 (too many messages) and dropped a request without saying which. Every stream requested in the
   * last `withinMs` that has heard nothing yet is cancelled (in case its request did arrive) and asked again
   * under a fresh reqId. Returns how many were asked again.
   */
  reissueSilent(now: number, withinMs = REISSUE_WINDOW_MS): number {
    let n = 0;
    for (const e of this.registry.all()) {
      if (e.reqId === undefined || e.pausedAt !== undefined || e.heard || this.registry.isWaiting(e)) continue;
      if ((e.activatedAt ?? -Infinity) < now - withinMs) continue;
      e.stop(e.reqId);
      this.registry.activate(e);
      n++;
    }
    return n;
  }

  /** Handles an IB error addressed to a stream; false when the reqId is not a stream. */
  handleError(reqId: number, info: IbErrorInfo): boolean {
    const e = this.registry.live(reqId);
    if (!e) return this.registry.isRetired(reqId);
    if (e.kind === 'tape') {
      this.tapes.handleError(e, reqId, info);
    } else if (info.ibCode === 317) {
      (e.owner as DepthOwner).onReset?.();
    } else if (info.ibCode === 316) {
      this.registry.activate(e);
    } else if (info.level === 'error' || info.code === 'LIMIT_REACHED') {
      if (info.ibCode === 309) this.depthLimit = this.registry.all().filter((x) => x.kind === 'depth' && x.reqId !== undefined && x !== e).length;
      this.registry.remove(e, false);
      e.owner.onError?.({ code: info.code, message: info.message, ibCode: info.ibCode });
    }
    return true;
  }

  entryFor(reqId: number): StreamEntry | undefined {
    return this.registry.live(reqId);
  }

  disposeAll(): void {
    for (const e of this.registry.all()) this.registry.remove(e, false);
    this.tapes.clear();
  }

  private open<O extends StreamOwner>(kind: StreamKind, label: string, owner: O, start: (id: number) => void, stop: (id: number) => void): Subscription {
    const entry = this.registry.add({ kind, label, owner, start, stop });
    if (this.link.isUp()) this.registry.activate(entry);
    const registry = this.registry;
    const link = this.link;
    return {
      get reqId() {
        return entry.reqId ?? -1;
      },
      dispose: () => {
        if (registry.has(entry)) registry.remove(entry, link.isUp());
      },
    };
  }

  private refused(owner: StreamOwner, error: AppError): Subscription {
    queueMicrotask(() => owner.onError?.(error));
    return { reqId: -1, dispose: () => undefined };
  }
}
