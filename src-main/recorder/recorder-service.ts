/**
 * Start Selected: every selected name records its tape, the first N also their Level 2 book (N = min(user
 * cap, IB's cap learnt from 309)); the rest wait in a FIFO queue and take a slot as one frees. Each name
 * has its own session on disk; one name's failure (unknown symbol, full disk) never stops the others.
 * A ladder may also show a name that is not recorded: a live view (`LiveViewDesk`) borrows a depth slot
 * no recording needs and gives it back the moment one does.
 */
import type { RecorderStatus, RecordingSummary } from '../../src-shared/contract/features/recorder';
import type { DepthFrame } from '../../src-shared/contract/features/depth';
import type { RecorderSettings } from '../../src-shared/contract/features/settings';
import type { RecordingMark } from '../../src-shared/contract/features/scanner';
import { type AppError, err, ok, type Result } from '../../src-shared/contract/result';
import type { BrokerPort } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { RecorderTimers } from './recorder-timers';
import { RecordingStream } from './recording-stream';
import { type RecordingCatalog, repairRecordings } from './repair';
import * as slots from './slot-machine';
import { beginSession, endStream } from './stream-lifecycle';
import { depthOwner, type StreamEvents, tapeOwner } from './stream-owners';
import { LiveViewDesk } from './live-view-desk';
import { checkWritable, depthWaitReason, isDepthCapError, queueReason, streamMark } from './recorder-views';

export interface RecorderDeps {
  broker: BrokerPort;
  clock: Clock;
  dataDir: string;
  settings: () => RecorderSettings;
  catalog: RecordingCatalog;
  emitStatus: (s: RecorderStatus) => void;
  emitFrame: (f: DepthFrame) => void;
  onMarks?: (marks: Map<string, RecordingMark>) => void;
  log: Logger;
}

export interface DepthWatch {
  symbol: string;
  source: 'recording' | 'live' | 'none';
  reason: string | null;
}

export class RecorderService implements StreamEvents {
  private readonly streams = new Map<string, RecordingStream>();
  private slotState: slots.SlotState;
  /** Names sent back to the queue by 309 and not yet restarted (they keep selection order at its head). */
  private requeued: string[] = [];
  private readonly timers: RecorderTimers;
  private readonly desk: LiveViewDesk;
  private dataDirWritable = true;
  private disposed = false;

  constructor(private readonly d: RecorderDeps) {
    this.slotState = slots.emptySlots(d.settings().maxDepthStreams);
    this.desk = new LiveViewDesk({
      broker: d.broker,
      clock: d.clock,
      settings: d.settings,
      log: d.log,
      emitFrame: d.emitFrame,
      changed: () => this.changed(),
      slots: () => this.slotState,
      apply: (t) => this.applyTransition(t),
    });
    this.timers = new RecorderTimers({
      clock: d.clock,
      settings: d.settings,
      streams: () => this.streams.values(),
      views: () => this.desk.views(),
      emitFrame: d.emitFrame,
      emitStatus: () => this.publish(),
      onFlush: () => this.applyTransition(slots.setUserCap(this.slotState, d.settings().maxDepthStreams)),
    });
  }

  async start(symbols: string[]): Promise<Result<RecorderStatus>> {
    if (this.disposed) return err('INTERNAL', 'The recorder is shutting down.');
    const wanted = [...new Set(symbols.map((s) => s.trim().toUpperCase()).filter(Boolean))];
    const fresh = wanted.filter((s) => !this.streams.get(s)?.live);
    if (fresh.length === 0) return ok(this.status());
    this.dataDirWritable = checkWritable(this.d.dataDir);
    for (const sym of fresh) this.streams.set(sym, new RecordingStream(sym, this.d.clock.now()));
    this.changed();
    const resolved = await Promise.all(fresh.map((s) => this.d.broker.resolve(s)));
    const admitted: string[] = [];
    fresh.forEach((sym, i) => {
      const s = this.streams.get(sym);
      const r = resolved[i];
      if (!s || s.phase !== 'starting') return; // stopped while resolving
      if (!r.ok) return this.fail(s, r.error.message);
      s.instrument = r.value;
      if (this.openSession(s)) admitted.push(sym);
    });
    this.applyTransition(slots.admit(this.slotState, admitted));
    this.timers.ensureRunning();
    this.changed();
    const failures = resolved.filter((r): r is Extract<typeof r, { ok: false }> => !r.ok);
    if (failures.length === fresh.length && failures.every((f) => f.error.code === 'NOT_CONNECTED')) return failures[0];
    return ok(this.status());
  }

  async stop(symbol: string): Promise<Result<RecorderStatus>> {
    const s = this.streams.get(symbol.toUpperCase());
    if (!s || !s.live) return err('NOT_FOUND', `${symbol} is not recording.`);
    this.close(s);
    this.applyTransition(slots.release(this.slotState, s.symbol));
    this.changed();
    return ok(this.status());
  }

  async stopAll(): Promise<Result<RecorderStatus>> {
    // Empty the slots first so stopping one name does not hand its slot to another about to stop.
    this.slotState = { ...this.slotState, active: [], queue: [] };
    this.requeued = [];
    for (const s of this.streams.values()) if (s.live) this.close(s);
    this.changed();
    return ok(this.status());
  }

  promote(symbol: string): Result<RecorderStatus> {
    const sym = symbol.toUpperCase();
    if (!this.slotState.queue.includes(sym)) return err('NOT_FOUND', `${sym} is not waiting for a depth slot.`);
    this.applyTransition(slots.promote(this.slotState, sym));
    this.changed();
    return ok(this.status());
  }

  reorder(symbols: string[]): Result<RecorderStatus> {
    const syms = symbols.map((s) => s.toUpperCase());
    if (!syms.some((s) => this.slotState.queue.includes(s))) return err('NOT_FOUND', 'None of these names is waiting for a depth slot.');
    this.applyTransition(slots.reorder(this.slotState, syms));
    this.changed();
    return ok(this.status());
  }

  status(): RecorderStatus {
    const now = this.d.clock.now();
    const st = this.slotState;
    const streams = [...this.streams.values()].map((s) => s.info(now, slots.queuePosition(st, s.symbol), queueReason(st, s.symbol)));
    return {
      userCap: st.userCap,
      ibCap: st.ibCap,
      effectiveCap: slots.effectiveCap(st),
      capReason: st.capReason,
      streams,
      queue: [...st.queue],
      diskBytes: streams.reduce((n, s) => n + s.bytes, 0),
      dataDirWritable: this.dataDirWritable,
      liveView: this.desk.info(),
    };
  }

  sessions(q: { symbol?: string; limit?: number }): Result<RecordingSummary[]> {
    try {
      return ok(this.d.catalog.list(q));
    } catch (e) {
      return err('INTERNAL', `Could not read the recordings catalog: ${(e as Error).message}`);
    }
  }

  /**
   * The ladder of `symbol`: its recording's book, else a live view when a depth slot is free (the previous
   * live view closes), else why not. Idempotent: several windows may watch the same name.
   */
  watchDepth(symbol: string): Result<DepthWatch> {
    const sym = symbol.toUpperCase();
    if (this.disposed) return err('INTERNAL', 'The recorder is shutting down.');
    this.timers.watch(sym);
    const s = this.streams.get(sym);
    if (s?.depthLive) {
      s.frameDirty = true;
      return ok({ symbol: sym, source: 'recording', reason: null });
    }
    // A recording still waiting for its depth (queued, starting, refused) shows why, unless it is taking over the view.
    if (s?.live && !this.desk.viewOf(sym)) return ok({ symbol: sym, source: 'none', reason: depthWaitReason(s, this.slotState) });
    return ok({ symbol: sym, ...this.desk.watch(sym) });
  }

  /** The last client watching `symbol` left: no more frames, and its live view (if any) frees its slot. */
  unwatchDepth(symbol: string): Result<null> {
    const sym = symbol.toUpperCase();
    this.timers.unwatch(sym);
    this.desk.unwatch(sym);
    return ok(null);
  }

  async repairOnStart(): Promise<{ repaired: number; lostBytes: number }> {
    const live = new Set([...this.streams.values()].filter((s) => s.writer && s.live).map((s) => s.writer!.dir));
    try {
      const r = repairRecordings(this.d.dataDir, this.d.catalog, this.d.clock, live);
      for (const s of r.sessions) this.d.log.warn('repaired unfinished recording', { dir: s.dir, lostBytes: s.lostBytes, lastGoodTsRecv: s.lastGoodTsRecv });
      return { repaired: r.repaired, lostBytes: r.lostBytes };
    } catch (e) {
      this.d.log.error('recording repair failed', { error: (e as Error).message });
      return { repaired: 0, lostBytes: 0 };
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.stopAll();
    this.disposed = true;
    this.desk.dispose();
    this.timers.dispose();
  }

  // ---- StreamEvents (from the broker callbacks) ----

  changed(): void {
    if (!this.disposed) this.timers.statusDirty();
  }

  depthFailed(s: RecordingStream, error: AppError): void {
    s.depthAttempt++;
    s.depthSub?.dispose();
    s.depthSub = null;
    if (isDepthCapError(error)) {
      this.d.log.warn('depth cap reached', { symbol: s.symbol, running: this.slotState.active.length - 1 });
      const t = slots.capHit(this.slotState, s.symbol, this.requeued);
      this.requeued = [...this.requeued.filter((x) => x !== s.symbol), s.symbol];
      this.applyTransition(t);
    } else {
      s.depthError = `No Level 2 for ${s.symbol}: ${error.message}`;
      this.d.log.warn('depth refused', { symbol: s.symbol, ibCode: error.ibCode, message: error.message });
      this.applyTransition(slots.release(this.slotState, s.symbol));
      this.failIfNothingLeft(s);
    }
    this.changed();
  }

  tapeFailed(s: RecordingStream, kind: 'AllLast' | 'BidAsk', error: AppError): void {
    s.tapeError = `No ${kind === 'AllLast' ? 'trade' : 'quote'} tape: ${error.message}`;
    this.d.log.warn('tape refused', { symbol: s.symbol, kind, ibCode: error.ibCode, message: error.message });
    this.failIfNothingLeft(s);
    this.changed();
  }

  // ---- internals ----

  private openSession(s: RecordingStream): boolean {
    try {
      beginSession(s, this.d, (message) => this.onDiskFailure(s, message));
      for (const kind of ['AllLast', 'BidAsk'] as const) {
        const owner = tapeOwner(s, kind, this);
        // Recording the name the ladder views live: keep its trade tape running rather than re-request it.
        const adopted = kind === 'AllLast' ? this.desk.adoptTape(s.symbol, owner) : null;
        if (adopted) s.adoptTrades(adopted.trades, adopted.last);
        s.tapeSubs.push(adopted?.sub ?? this.d.broker.subscribeTape(s.instrument!, kind, owner));
      }
      return s.phase === 'active';
    } catch (e) {
      this.fail(s, (e as Error).message);
      return false;
    }
  }

  private beginDepth(sym: string): void {
    const s = this.streams.get(sym);
    if (!s || s.phase !== 'active' || !s.instrument) {
      this.applyTransition(slots.release(this.slotState, sym));
      return;
    }
    this.requeued = this.requeued.filter((x) => x !== sym);
    s.depthError = null;
    const cfg = this.d.settings();
    const attempt = ++s.depthAttempt;
    s.writer?.subscribed(this.d.clock.now());
    const sub = this.d.broker.subscribeDepth(s.instrument, { rows: cfg.depthRows, smart: cfg.smartDepth }, depthOwner(s, this.d.clock, this));
    if (s.depthAttempt === attempt && s.phase === 'active') s.depthSub = sub;
    else sub.dispose(); // refused synchronously: the error handler already moved the slot on
  }

  /** Recordings win: a preempted live view closes before the names that start subscribe their depth. */
  private applyTransition(t: slots.SlotTransition): void {
    this.slotState = t.state;
    if (t.preempted) this.desk.preempted(t.preempted, t.start);
    for (const sym of t.start) {
      this.desk.takeOver(sym);
      this.beginDepth(sym);
    }
  }

  private onDiskFailure(s: RecordingStream, message: string): void {
    this.d.log.error('recording stopped by a disk error', { symbol: s.symbol, message });
    queueMicrotask(() => {
      if (!s.live) return;
      this.fail(s, message);
      this.applyTransition(slots.release(this.slotState, s.symbol));
      this.changed();
    });
  }

  private failIfNothingLeft(s: RecordingStream): void {
    const tapeGone = s.tapeError !== null;
    const depthGone = s.depthError !== null && !s.depthSub;
    if (tapeGone && depthGone) {
      this.fail(s, [s.depthError, s.tapeError].join(' '));
      this.applyTransition(slots.release(this.slotState, s.symbol));
    }
  }

  private fail(s: RecordingStream, message: string): void {
    endStream(s, this.d.catalog, this.d.clock.now(), message);
  }

  private close(s: RecordingStream): void {
    endStream(s, this.d.catalog, this.d.clock.now());
  }

  private publish(): void {
    const st = this.status();
    this.d.emitStatus(st);
    if (this.d.onMarks) {
      const marks = new Map<string, RecordingMark>();
      for (const s of this.streams.values()) marks.set(s.symbol, streamMark(s, slots.queuePosition(this.slotState, s.symbol)));
      this.d.onMarks(marks);
    }
  }
}
