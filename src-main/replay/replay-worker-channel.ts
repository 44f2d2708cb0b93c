/**
 * One replay worker thread and the calls in flight to it: started on the first call, answered in order, and, when
 * it dies (crash, exit, or ended on purpose), every pending call answered INTERNAL and a fresh worker started on
 * the next call. ReplayProxy runs two: one for the open replays (seek, step, play, events) and one for their
 * analysis, so seconds of analysis never hold a seek or a playing replay's frames.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReplayFrame } from '../../src-shared/contract/features/replay';
import { err, type Result } from '../../src-shared/contract/result';
import type { Logger } from '../platform/log';
import type { FromReplayWorker, ReplayOp, ReplayOpArgs, ReplayOpResult, ToReplayWorker } from './replay-worker-protocol';

interface Pending {
  op: ReplayOp;
  resolve: (r: Result<unknown>) => void;
}

export interface ChannelOptions {
  /** 'replay' or 'analysis': in the thread's name and the log. */
  role: string;
  entry: URL;
  log: Logger;
  onFrame: (f: ReplayFrame) => void;
  /** The worker is gone: whatever it held is gone with it. */
  onStopped?: () => void;
}

export class ReplayWorkerChannel {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;
  /** Settles when the current worker has loaded its code (or stopped first). */
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => {};
  /** Workers started so far: 1 after the first call, one more after each stop. */
  starts = 0;

  constructor(private readonly o: ChannelOptions) {}

  get running(): boolean {
    return this.worker !== null;
  }

  call<K extends ReplayOp>(op: K, ...args: ReplayOpArgs<K>): Promise<ReplayOpResult<K>> {
    type Out = ReplayOpResult<K>;
    if (this.disposed) return Promise.resolve(err('INTERNAL', 'Replay is closed: the app is shutting down.') as Out);
    const w = this.ensureWorker();
    if (!(w instanceof Worker)) return Promise.resolve(w as Out);
    const id = this.nextId++;
    return new Promise<Out>((resolve) => {
      this.pending.set(id, { op, resolve: resolve as (r: Result<unknown>) => void });
      // Only a call in flight keeps the process alive, not an idle worker.
      if (this.pending.size === 1) w.ref();
      if (!this.post({ type: 'call', id, op, args })) this.answer(id, err('INTERNAL', `Replay ${op} could not be sent to the replay worker.`));
    });
  }

  /** Sends a message that has no answer (nothing when no worker runs: then nothing is open there either). */
  post(m: ToReplayWorker): boolean {
    try {
      this.worker?.postMessage(m);
      return this.worker !== null;
    } catch (e) {
      this.o.log.error('replay worker message not sent', { worker: this.o.role, error: (e as Error).message });
      return false;
    }
  }

  /** Starts the worker if none runs; resolves once it has loaded its code (or failed to). */
  warm(): Promise<void> {
    if (!this.disposed) this.ensureWorker();
    return this.ready;
  }

  /** Ends the worker now, as a crash would: pending calls answer INTERNAL; the next call starts a new worker. */
  async terminate(reason = 'terminated'): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.stopped(w, reason, true);
    await w.terminate();
  }

  dispose(reason: string): Promise<void> {
    this.disposed = true;
    return this.terminate(reason);
  }

  private ensureWorker(): Worker | Result<never> {
    if (this.worker) return this.worker;
    const entry = this.o.entry;
    if (!existsSync(fileURLToPath(entry))) return err('INTERNAL', `Replay is unavailable: its worker is missing at ${fileURLToPath(entry)} (run npm run build).`);
    let w: Worker;
    try {
      w = new Worker(entry, { name: `tapedeck-${this.o.role}` });
    } catch (e) {
      return err('INTERNAL', `Replay is unavailable: its worker did not start: ${(e as Error).message}`);
    }
    w.unref();
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    w.on('message', (m: FromReplayWorker) => this.onMessage(m));
    w.on('error', (e) => this.stopped(w, e.message));
    w.on('messageerror', (e) => this.o.log.error('replay worker message unreadable', { worker: this.o.role, error: e.message }));
    w.on('exit', (code) => this.stopped(w, `it exited with code ${code}`));
    this.worker = w;
    this.starts++;
    return w;
  }

  private onMessage(m: FromReplayWorker): void {
    if (m.type === 'ready') this.markReady();
    else if (m.type === 'result') this.answer(m.id, m.result);
    else if (m.type === 'frame') this.o.onFrame(m.frame);
    else if (m.type === 'log') this.o.log[m.level](m.message, m.context);
  }

  private answer(id: number, result: Result<unknown>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    p.resolve(result);
  }

  /** The worker w is gone (crashed, exited, or ended on purpose): its calls answer INTERNAL; the next call starts another. */
  private stopped(w: Worker, reason: string, onPurpose = false): void {
    if (w !== this.worker) return;
    this.worker = null;
    this.markReady();
    const calls = [...this.pending.values()];
    this.pending.clear();
    const level = !onPurpose ? 'error' : calls.length > 0 ? 'warn' : 'info';
    this.o.log[level]('replay worker stopped', { worker: this.o.role, reason, pending: calls.length });
    w.terminate().catch(() => undefined);
    this.o.onStopped?.();
    for (const p of calls) p.resolve(err('INTERNAL', `Replay ${p.op} failed: the replay worker stopped: ${reason}; reopen the session.`));
  }
}
