/**
 * One client socket: framing, the version handshake and a batched, optionally delayed output queue.
 * What the messages mean is the session's business (services/session.ts).
 */
import type { Socket } from 'node:net';
import { IbFrameReader, encodeFrame, joinFields, packPayloads } from './framing';
import { negotiateVersion, parseVersionOffer } from './handshake';

export interface IbConnectionHooks {
  /** Accept TCP but never answer the handshake (fault injection). */
  silentHandshake(): boolean;
  /** `yyyyMMdd HH:mm:ss <zone>` for the handshake reply. */
  connectionTime(): string;
  /** Extra delay for every reply (fault injection); 0 = none. */
  replyDelayMs(): number;
  onReady(conn: IbConnection): void;
  /** `arrivedAt`: when the message reached the socket, as well as the simulator can tell (see arrivalStamps). */
  onMessage(conn: IbConnection, fields: string[], arrivedAt: number): void;
  onClosed(conn: IbConnection): void;
}

/**
 * The simulator's own thread can be starved (a busy test machine, a long history reply), and then a client's
 * evenly paced messages pile up in the kernel and are read as one burst. IB's gateway counts messages as they
 * arrive, so the simulator must not count that pile-up as the client's burst: a tick every LOOP_TICK_MS tells
 * how long the thread was away, and the messages of a chunk read after such a stall are spread across it.
 * A client that really sends a burst, into a simulator that was not starved, is still stamped all at once.
 */
const LOOP_TICK_MS = 10;
const STALL_MS = 50;
let lastLoopTick = Date.now();
let loopTicker: NodeJS.Timeout | undefined;
function ensureLoopTicker(): void {
  if (loopTicker) return;
  lastLoopTick = Date.now();
  loopTicker = setInterval(() => {
    lastLoopTick = Date.now();
  }, LOOP_TICK_MS);
  loopTicker.unref();
}

/**
 * Arrival times for `count` messages read at `now`: all `now` unless the thread stalled since `lastTick`, in
 * which case they are spread evenly from the stall's start (never before `notBefore`, the last stamp given).
 */
export function arrivalStamps(count: number, now: number, lastTick: number, notBefore: number): number[] {
  const stalled = now - lastTick > STALL_MS;
  const from = stalled ? Math.max(lastTick, notBefore) : now;
  const span = Math.max(0, now - from);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = from + (span * (i + 1)) / count;
  return out;
}

/** A client that does not read is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export class IbConnection {
  serverVersion = 0;
  private readonly reader = new IbFrameReader();
  private pending: string[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private lastArrival = 0;
  /** Counts messages written, for tests and the benchmark. */
  sentMessages = 0;

  constructor(readonly socket: Socket, private readonly hooks: IbConnectionHooks) {
    socket.setNoDelay(true);
    ensureLoopTicker();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.shutdown());
    socket.on('close', () => this.shutdown());
    socket.on('error', () => this.shutdown());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues one message; written with others in one socket write on the next turn of the event loop. */
  send(fields: ReadonlyArray<string | number>): void {
    if (this.closed) return;
    const payload = joinFields(fields);
    const delay = this.hooks.replyDelayMs();
    if (delay > 0) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.enqueue(payload);
      }, delay);
      this.timers.add(t);
      return;
    }
    this.enqueue(payload);
  }

  /** Flushes what is queued, then half-closes (used after 326). */
  closeAfterFlush(): void {
    this.flush();
    this.shutdown(false);
    this.socket.end();
    // end() lets the kernel deliver what was written; destroy later in case the peer never closes.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.socket.destroy();
    this.shutdown();
  }

  private enqueue(payload: string): void {
    if (this.closed) return;
    this.pending.push(payload);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.sentMessages += batch.length;
    this.socket.write(packPayloads(batch));
    if (this.socket.writableLength > MAX_BUFFERED_BYTES) this.destroy();
  }

  private onData(chunk: Buffer): void {
    const events = this.reader.push(chunk);
    const stamps = arrivalStamps(events.length, Date.now(), lastLoopTick, this.lastArrival);
    if (stamps.length) this.lastArrival = stamps[stamps.length - 1];
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (this.closed) return;
      if (ev.kind === 'error') {
        this.destroy();
        return;
      }
      if (ev.kind === 'handshake') {
        this.onHandshake(ev.text);
        continue;
      }
      if (this.serverVersion === 0) continue;
      this.hooks.onMessage(this, ev.fields, stamps[i]);
    }
  }

  private onHandshake(text: string): void {
    if (this.hooks.silentHandshake()) return;
    const offer = parseVersionOffer(text);
    const version = offer && negotiateVersion(offer);
    if (!version) {
      this.destroy();
      return;
    }
    this.serverVersion = version;
    // Written on its own, never coalesced with later messages (ibapi reads one buffer here and drops the rest).
    this.socket.write(encodeFrame([version, this.hooks.connectionTime()]));
    this.hooks.onReady(this);
  }

  private shutdown(destroySocket = true): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (destroySocket && !this.socket.destroyed) this.socket.destroy();
    this.hooks.onClosed(this);
  }
}
