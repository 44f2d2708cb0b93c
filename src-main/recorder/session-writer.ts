/**
 * One recording session of one symbol on disk: applies depth to its book, appends rows to the three
 * Arrow streams, and keeps session.json current. An I/O error (full disk, unplugged drive) ends this
 * session only: `onFailure` is told once and later appends are ignored.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderBookDelta, QuoteTick, TradeTick } from '../../src-shared/domain/depth';
import type { Instrument } from '../../src-shared/domain/instrument';
import { OrderBook } from '../../src-shared/domain/book';
import type { Clock } from '../platform/clock';
import { ArrowStreamFile } from '../recording-format/arrow-stream-file';
import { DepthBatchBuilder, SnapshotBatchBuilder, TickBatchBuilder } from '../recording-format/batch-builders';
import { writeBatchIndex } from '../recording-format/batch-index';
import { BatchLog } from '../recording-format/batch-log';
import { DEPTH_SCHEMA, KEYFRAME_FILE, KEYFRAME_SCHEMA, RECORDING_FILES, snapshotSchema, TICKS_SCHEMA } from '../recording-format/schemas';
import type { KeyframeReason } from '../../src-shared/domain/replay/keyframe';
import { KeyframeKeeper } from './keyframe-keeper';
import {
  describeIoError,
  emptyCounts,
  etParts,
  newSessionId,
  SESSION_VERSION,
  type SessionMeta,
  sessionDir,
  writeSessionMeta,
} from '../recording-format/session-meta';

export interface SessionWriterOptions {
  dataDir: string;
  symbol: string;
  instrument: Instrument | null;
  clock: Clock;
  snapshotLevels: number;
  batchRows?: number;
  onFailure?: (message: string) => void;
}

export class SessionWriter {
  readonly dir: string;
  readonly meta: SessionMeta;
  readonly book = new OrderBook();
  private readonly files: { depth: ArrowStreamFile; ticks: ArrowStreamFile; snapshots: ArrowStreamFile; keyframes: ArrowStreamFile };
  private readonly keyframes = new KeyframeKeeper();
  private readonly logs = { depth: new BatchLog(RECORDING_FILES.depth), ticks: new BatchLog(RECORDING_FILES.ticks), keyframes: new BatchLog(KEYFRAME_FILE) };
  private readonly depthRows: DepthBatchBuilder;
  private readonly tickRows: TickBatchBuilder;
  private readonly snapRows: SnapshotBatchBuilder;
  private seq = 0;
  private epoch = 1;
  private failure: string | null = null;
  private closed = false;

  /** Creates the session folder and files; throws an Error with a trader-facing message when it cannot. */
  constructor(private readonly o: SessionWriterOptions) {
    const now = o.clock.now();
    const sessionId = newSessionId(now);
    const { date } = etParts(now);
    this.dir = sessionDir(o.dataDir, o.symbol, date, sessionId);
    this.meta = {
      version: SESSION_VERSION,
      sessionId,
      symbol: o.symbol,
      date,
      contract: o.instrument,
      startedAt: now,
      stoppedAt: null,
      counts: emptyCounts(),
      epochs: [{ epoch: 1, start: now }],
      gaps: [],
      markers: [],
      error: null,
      repaired: null,
    };
    this.depthRows = new DepthBatchBuilder(o.batchRows);
    this.tickRows = new TickBatchBuilder(o.batchRows);
    this.snapRows = new SnapshotBatchBuilder(o.snapshotLevels, Math.min(o.batchRows ?? 1024, 1024));
    const opened: ArrowStreamFile[] = [];
    try {
      mkdirSync(this.dir, { recursive: true });
      const open = (name: string, schema: ConstructorParameters<typeof ArrowStreamFile>[1]) => {
        const f = new ArrowStreamFile(join(this.dir, name), schema);
        opened.push(f);
        return f;
      };
      this.files = {
        depth: open(RECORDING_FILES.depth, DEPTH_SCHEMA),
        ticks: open(RECORDING_FILES.ticks, TICKS_SCHEMA),
        snapshots: open(RECORDING_FILES.snapshots, snapshotSchema(o.snapshotLevels)),
        keyframes: open(KEYFRAME_FILE, KEYFRAME_SCHEMA),
      };
      writeSessionMeta(this.dir, this.meta);
      this.keyframe(now, 'start');
    } catch (e) {
      for (const f of opened) f.abandon();
      throw new Error(describeIoError(this.dir, e));
    }
  }

  get sessionId(): string {
    return this.meta.sessionId;
  }
  get failed(): string | null {
    return this.failure;
  }
  get currentEpoch(): number {
    return this.epoch;
  }
  get bytes(): number {
    // The three data streams: keyframes are derived data, as the index is.
    return this.files.depth.bytes + this.files.ticks.bytes + this.files.snapshots.bytes;
  }
  get rowsWritten(): number {
    return this.files.depth.rows + this.files.ticks.rows + this.files.snapshots.rows;
  }

  depth(d: OrderBookDelta): void {
    if (this.failure !== null || this.closed) return;
    this.book.apply(d);
    this.depthRows.append(d, ++this.seq, this.epoch);
    this.logs.depth.note(this.seq, d.tsRecv);
    this.meta.counts.depthMessages++;
    if (this.depthRows.full) this.guard(() => this.appendDepth());
    if (this.keyframes.depthRow()) this.keyframe(d.tsRecv, 'periodic');
  }

  trade(t: TradeTick): void {
    if (this.failure !== null || this.closed) return;
    this.tickRows.appendTrade(t);
    this.logs.ticks.note(-1, t.tsRecv);
    this.meta.counts.tickMessages++;
    this.meta.counts.trades++;
    if (this.tickRows.full) this.guard(() => this.appendTicks());
  }

  quote(q: QuoteTick): void {
    if (this.failure !== null || this.closed) return;
    this.tickRows.appendQuote(q);
    this.logs.ticks.note(-1, q.tsRecv);
    this.meta.counts.tickMessages++;
    this.meta.counts.quotes++;
    if (this.tickRows.full) this.guard(() => this.appendTicks());
  }

  /** Records the top levels of the book as they are now. */
  snapshot(ts: number): void {
    if (this.failure !== null || this.closed) return;
    const { bids, asks } = this.book.aggregated(this.o.snapshotLevels);
    this.snapRows.append(ts, this.seq, bids, asks);
    this.meta.counts.snapshots++;
    if (this.snapRows.full) this.guard(() => this.files.snapshots.append(this.snapRows.take()));
  }

  /** Appends whatever rows are pending (called at least once a second) and refreshes session.json. */
  flush(): void {
    if (this.failure !== null || this.closed) return;
    if (this.keyframes.dueByTime(this.o.clock.now())) this.keyframe(this.o.clock.now(), 'periodic');
    this.guard(() => {
      this.appendDepth();
      this.appendTicks();
      if (this.snapRows.rows > 0) this.files.snapshots.append(this.snapRows.take());
      this.appendKeyframes();
      this.writeMeta();
    });
  }

  /** The whole book now, after row `seq` and every marker so far (see KeyframeKeeper for when). */
  private keyframe(ts: number, reason: KeyframeReason): void {
    if (this.failure !== null || this.closed) return;
    const k = this.keyframes.build(this.book, { seq: this.seq, markers: this.meta.markers.length, epoch: this.epoch, ts }, reason);
    const rows = k.asks.length + k.bids.length;
    if (!this.keyframes.rows.fits(rows)) this.guard(() => this.appendKeyframes());
    this.keyframes.rows.append(k);
    this.logs.keyframes.note(k.seq, ts);
  }

  private appendDepth(): void {
    if (this.depthRows.rows === 0) return;
    const n = this.depthRows.rows;
    this.files.depth.append(this.depthRows.take());
    this.logs.depth.appended(this.files.depth.lastSpan, n);
  }

  private appendTicks(): void {
    if (this.tickRows.rows === 0) return;
    const n = this.tickRows.rows;
    this.files.ticks.append(this.tickRows.take());
    this.logs.ticks.appended(this.files.ticks.lastSpan, n);
  }

  /** Depth first: a keyframe on disk never names a row that is not. */
  private appendKeyframes(): void {
    if (this.keyframes.rows.rows === 0) return;
    this.appendDepth();
    const n = this.keyframes.rows.rows;
    this.files.keyframes.append(this.keyframes.rows.take());
    this.logs.keyframes.appended(this.files.keyframes.lastSpan, n);
  }

  /** The connection dropped: a gap opens (closed by `resume`). */
  pause(ts: number, reason: string): void {
    const open = this.meta.gaps.at(-1);
    if (open && open.end === null) return;
    this.meta.gaps.push({ start: ts, end: null, reason });
    this.mark(ts, 1100, `Connection lost: ${reason}`);
    this.keyframe(ts, 'gap');
  }

  /**
   * Data flows again and the gap closes. With data lost (new socket or 1101) IB resends the book under new
   * reqIds: new epoch, empty book. With 1102 the subscriptions and the book were kept.
   */
  resume(ts: number, gapStart: number, dataLost: boolean): void {
    this.flush();
    const open = this.meta.gaps.at(-1);
    if (open && open.end === null) open.end = ts;
    else this.meta.gaps.push({ start: gapStart, end: ts, reason: 'stream interrupted' });
    if (dataLost) {
      this.epoch++;
      this.meta.epochs.push({ epoch: this.epoch, start: ts });
      this.book.clear();
    }
    this.mark(ts, dataLost ? 1101 : 1102, dataLost ? 'Connection restored, data lost; book re-requested' : 'Connection restored, data kept');
    this.keyframe(ts, dataLost ? 'epoch' : 'gap');
  }

  /** A depth subscription begins (at start, or when a queued name gets its slot): a keyframe marks where. */
  subscribed(ts: number): void {
    this.keyframe(ts, 'subscribe');
  }

  /** IB 317: the gateway will resend the book. */
  reset(ts: number): void {
    this.book.clear();
    this.mark(ts, 317, 'Market depth reset by IB (317): book cleared');
    this.keyframe(ts, 'reset');
  }

  /** IB 316: depth was re-requested; the gateway resends the book from empty. */
  resubscribed(ts: number): void {
    this.book.clear();
    this.mark(ts, 316, 'Market depth re-requested after IB 316: book cleared');
    this.keyframe(ts, 'resubscribe');
  }

  mark(ts: number, code: number, text: string): void {
    this.meta.markers.push({ ts, code, text, seq: this.seq, epoch: this.epoch });
    if (this.failure === null && !this.closed) this.guard(() => this.writeMeta());
  }

  /** Flushes, writes the EOS markers and the final session.json. */
  close(ts: number): void {
    if (this.closed) return;
    if (this.keyframes.changedSince) this.keyframe(ts, 'close');
    this.flush();
    this.closed = true;
    this.meta.stoppedAt = ts;
    if (this.failure !== null) return;
    this.guard(() => {
      for (const f of Object.values(this.files)) f.close();
      this.writeMeta();
    });
    this.writeIndex();
  }

  /** index.arrows from the spans noted while writing; a failure only costs a rebuild on first open. */
  private writeIndex(): void {
    if (this.failure !== null) return;
    try {
      const { depth, ticks, keyframes } = this.files;
      writeBatchIndex(this.dir, [...this.logs.depth.final(depth.bytes), ...this.logs.ticks.final(ticks.bytes), ...this.logs.keyframes.final(keyframes.bytes)]);
    } catch {
      // The replay builds the index when it finds none.
    }
  }

  private writeMeta(): void {
    this.meta.counts.rowsWritten = this.rowsWritten;
    this.meta.counts.bytes = this.bytes;
    writeSessionMeta(this.dir, this.meta);
  }

  private guard(io: () => void): void {
    try {
      io();
    } catch (e) {
      this.failure = describeIoError(this.dir, e);
      this.meta.error = this.failure;
      for (const f of Object.values(this.files)) f.abandon();
      try {
        this.meta.stoppedAt = this.o.clock.now();
        writeSessionMeta(this.dir, this.meta);
      } catch {
        // The disk refuses even session.json: repair on next start reports the loss.
      }
      this.o.onFailure?.(this.failure);
    }
  }
}
