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
  onMessage(conn: IbConnection, fields: string[]): void;
  onClosed(conn: IbConnection): void;
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
  /** Counts messages written, for tests and the benchmark. */
  sentMessages = 0;

  constructor(readonly socket: Socket, private readonly hooks: IbConnectionHooks) {
    socket.setNoDelay(true);
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
    for (const ev of this.reader.push(chunk)) {
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
      this.hooks.onMessage(this, ev.fields);
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
