/**
 * Every live stream (quotes, depth, tape, scanner, real-time bars) with its owner. The registry survives
 * reconnects: on resubscribe each entry gets a FRESH reqId; old reqIds are retired and their late messages
 * are dropped, so an owner never sees data from two requests at once.
 */
import type { StreamOwner } from './port';

export type StreamKind = 'quotes' | 'depth' | 'tape' | 'scanner' | 'rtbars';

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
}

export class SubscriptionRegistry {
  private nextKey = 1;
  private readonly entries = new Map<number, StreamEntry>();
  private readonly byReq = new Map<number, StreamEntry>();
  private readonly retired = new Set<number>();

  constructor(private readonly allocateReqId: () => number) {}

  add<O extends StreamOwner>(spec: Omit<StreamEntry<O>, 'key' | 'reqId' | 'pausedAt'>): StreamEntry<O> {
    const entry: StreamEntry<O> = { ...spec, key: this.nextKey++, reqId: undefined, pausedAt: undefined };
    this.entries.set(entry.key, entry as StreamEntry);
    return entry;
  }

  /** Sends the request under a new reqId, retiring the previous one. */
  activate(entry: StreamEntry): number {
    this.retire(entry);
    const reqId = this.allocateReqId();
    entry.reqId = reqId;
    this.byReq.set(reqId, entry);
    entry.start(reqId);
    return reqId;
  }

  /** Forgets the entry; cancels its IB request when `cancel` (the socket is still up). */
  remove(entry: StreamEntry, cancel: boolean): void {
    if (cancel && entry.reqId !== undefined) entry.stop(entry.reqId);
    this.retire(entry);
    this.entries.delete(entry.key);
  }

  /** The live entry for a reqId; undefined for retired or unknown ids (their messages are dropped). */
  live(reqId: number): StreamEntry | undefined {
    return this.byReq.get(reqId);
  }

  isRetired(reqId: number): boolean {
    return this.retired.has(reqId);
  }

  /** Detaches an entry from its reqId without removing it (stream ended by IB, or the socket died). */
  retire(entry: StreamEntry): void {
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
