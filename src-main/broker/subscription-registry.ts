/**
 * Every live stream (quotes, depth, tape, scanner, real-time bars) with its owner. The registry survives
 * reconnects: on resubscribe each entry gets a FRESH reqId; old reqIds are retired and their late messages
 * are dropped, so an owner never sees data from two requests at once.
 */
import type { StreamOwner } from './port';
import type { Scheduler, TimerHandle } from './scheduler';

/** `tapeline`: one reqMktData line (generic tick 233) serving the tapes of an instrument past IB's tick-by-tick cap. */
export type StreamKind = 'quotes' | 'depth' | 'tape' | 'tapeline' | 'scanner' | 'rtbars';

export interface StreamEntry<O extends StreamOwner = StreamOwner> {
  readonly key: number;
  readonly kind: StreamKind;
  readonly owner: O;
  /** Sends the IB request for this stream under `reqId`. */
  readonly start: (reqId: number) => void;
  /** Cancels the IB request `reqId`. */
  readonly stop: (reqId: number) => void;
  /** A short label for logs and notices (symbol or scan code). */
  readonly label: string;
  /** Current reqId; undefined while paused or waiting for a slot. */
  reqId: number | undefined;
  /** Epoch ms when data stopped (set on pause). */
  pausedAt: number | undefined;
  /** Milliseconds the request must wait before it is sent (an IB repeat rule); absent = send at once. */
  readonly delay?: () => number;
  /** When the current reqId was taken (the registry's clock). */
  activatedAt?: number;
  /** Any message has arrived for the current reqId. */
  heard?: boolean;
}

export class SubscriptionRegistry {
  private nextKey = 1;
  private readonly entries = new Map<number, StreamEntry>();
  private readonly byReq = new Map<number, StreamEntry>();
  private readonly retired = new Set<number>();
  /** Requests holding a reqId but not yet sent (delayed by `entry.delay`), by entry key. */
  private readonly waiting = new Map<number, TimerHandle>();

  constructor(
    private readonly allocateReqId: () => number,
    private readonly scheduler?: Scheduler,
    private readonly now: () => number = Date.now,
  ) {}

  add<O extends StreamOwner>(spec: Omit<StreamEntry<O>, 'key' | 'reqId' | 'pausedAt'>): StreamEntry<O> {
    const entry: StreamEntry<O> = { ...spec, key: this.nextKey++, reqId: undefined, pausedAt: undefined };
    this.entries.set(entry.key, entry as StreamEntry);
    return entry;
  }

  /**
   * Sends the request under a new reqId, retiring the previous one. When `entry.delay` says wait, the reqId is
   * reserved now and the request goes out later, unless the entry was retired or removed in between.
   */
  activate(entry: StreamEntry): number {
    this.retire(entry);
    const reqId = this.allocateReqId();
    entry.reqId = reqId;
    entry.activatedAt = this.now();
    entry.heard = false;
    this.byReq.set(reqId, entry);
    const wait = this.scheduler && entry.delay ? entry.delay() : 0;
    if (wait <= 0) {
      entry.start(reqId);
      return reqId;
    }
    const scheduler = this.scheduler!;
    this.waiting.set(entry.key, scheduler.setTimeout(() => {
      this.waiting.delete(entry.key);
      if (entry.reqId === reqId) entry.start(reqId);
    }, wait));
    return reqId;
  }

  /** True while the entry's request is held back by its delay. */
  isWaiting(entry: StreamEntry): boolean {
    return this.waiting.has(entry.key);
  }

  /** Forgets the entry; cancels its IB request when `cancel` (the socket is still up) and it was sent. */
  remove(entry: StreamEntry, cancel: boolean): void {
    if (cancel && entry.reqId !== undefined && !this.waiting.has(entry.key)) entry.stop(entry.reqId);
    this.retire(entry);
    this.entries.delete(entry.key);
  }

  /** The live entry for a reqId; undefined for retired or unknown ids (their messages are dropped). */
  live(reqId: number): StreamEntry | undefined {
    return this.byReq.get(reqId);
  }

  /** The live entry a message for `reqId` belongs to, marked as having heard from IB. */
  heardFrom(reqId: number): StreamEntry | undefined {
    const e = this.byReq.get(reqId);
    if (e) e.heard = true;
    return e;
  }

  isRetired(reqId: number): boolean {
    return this.retired.has(reqId);
  }

  /** Detaches an entry from its reqId without removing it (stream ended by IB, or the socket died). */
  retire(entry: StreamEntry): void {
    const timer = this.waiting.get(entry.key);
    if (timer) this.scheduler?.clearTimeout(timer);
    this.waiting.delete(entry.key);
    if (entry.reqId === undefined) return;
    this.byReq.delete(entry.reqId);
    this.retired.add(entry.reqId);
    // Bounded memory: old ids are only needed while late messages can still arrive.
    if (this.retired.size > 10_000) this.retired.delete(this.retired.values().next().value as number);
    entry.reqId = undefined;
  }

  all(): StreamEntry[] {
    return [...this.entries.values()];
  }

  has(entry: StreamEntry): boolean {
    return this.entries.has(entry.key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** reqIds currently serving a stream (for tests and diagnostics). */
  liveReqIds(): number[] {
    return [...this.byReq.keys()];
  }
}
