/**
 * replay:* for the app: the catalog (SQLite) stays on this thread, which lists sessions and resolves a
 * request to session folders; everything else goes to the replay worker thread (replay-worker.ts), which
 * owns the open replays. Opening a full day or analysing it takes seconds there while this event loop (the
 * IB socket, the order path) carries on. A worker that dies answers its pending calls INTERNAL and is
 * replaced on the next call; its replays are gone, so the renderer reopens them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import type { ReplayFrame, ReplayOpen, ReplaySessionsQuery } from '../../src-shared/contract/features/replay';
import { err, type Result } from '../../src-shared/contract/result';
import type { Logger } from '../platform/log';
import { type SessionCatalog, sessionFolders } from './open-source';
import type { ReplayApi } from './replay-api';
import { DEFAULT_LEVELS } from './replay-core';
import type { FromReplayWorker, ReplayOp, ReplayOpArgs, ReplayOpResult, ToReplayWorker } from './replay-worker-protocol';
import { listSessions } from './session-list';

export interface ReplayProxyDeps {
  catalog: SessionCatalog;
  emitFrame: (f: ReplayFrame) => void;
  log: Logger;
  /** The worker's entry; default replayWorkerEntry(). Tests start stand-ins that misbehave. */
  entry?: URL;
}

/**
 * The worker's entry next to this module: from TypeScript source (tsx, vitest) a bootstrap that registers
 * tsx's loader inside the worker, from the bundle `replay-worker.js` beside main.js in out/main
 * (electron-vite's main entry `replay-worker`). The same scheme as the demo gateway's worker.
 */
export function replayWorkerEntry(moduleUrl: string = import.meta.url): URL {
  return moduleUrl.endsWith('.ts') ? new URL('./replay-worker-source.mjs', moduleUrl) : new URL('./replay-worker.js', moduleUrl);
}

interface Pending {
  op: ReplayOp;
  resolve: (r: Result<unknown>) => void;
}

export class ReplayProxy implements ReplayApi {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;
  /** Settles when the current worker has loaded its code (or stopped first). */
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => {};
  /** Workers started so far: 1 after the first call, one more after each stop. */
  starts = 0;

  constructor(private readonly d: ReplayProxyDeps) {}

  sessions(q: z.output<typeof ReplaySessionsQuery>) {
    // Someone is browsing sessions: an open is likely next, so the worker loads its code meanwhile.
    void this.warm();
    return Promise.resolve(listSessions(this.d.catalog, q));
  }

  open(req: ReplayOpen, clientId: string) {
    const folders = sessionFolders(req, this.d.catalog);
    if (!folders.ok) return Promise.resolve(folders);
    return this.call('open', folders.value, req.levels ?? DEFAULT_LEVELS, clientId);
  }

  seek(...a: ReplayOpArgs<'seek'>) { return this.call('seek', ...a); }
  step(...a: ReplayOpArgs<'step'>) { return this.call('step', ...a); }
  play(...a: ReplayOpArgs<'play'>) { return this.call('play', ...a); }
  pause(...a: ReplayOpArgs<'pause'>) { return this.call('pause', ...a); }
  close(...a: ReplayOpArgs<'close'>) { return this.call('close', ...a); }
  events(...a: ReplayOpArgs<'events'>) { return this.call('events', ...a); }
  eventColumns(...a: ReplayOpArgs<'eventColumns'>) { return this.call('eventColumns', ...a); }
  trades(...a: ReplayOpArgs<'trades'>) { return this.call('trades', ...a); }
  analysis(...a: ReplayOpArgs<'analysis'>) { return this.call('analysis', ...a); }

  clientClosed(clientId: string): void {
    // No worker: nothing is open.
    this.post({ type: 'clientClosed', clientId });
  }

  dispose(): void {
    this.disposed = true;
    void this.terminate('the app is closing');
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

  private call<K extends ReplayOp>(op: K, ...args: ReplayOpArgs<K>): Promise<ReplayOpResult<K>> {
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

  private ensureWorker(): Worker | Result<never> {
    if (this.worker) return this.worker;
    const entry = this.d.entry ?? replayWorkerEntry();
    if (!existsSync(fileURLToPath(entry))) return err('INTERNAL', `Replay is unavailable: its worker is missing at ${fileURLToPath(entry)} (run npm run build).`);
    let w: Worker;
    try {
      w = new Worker(entry, { name: 'tapedeck-replay' });
    } catch (e) {
      return err('INTERNAL', `Replay is unavailable: its worker did not start: ${(e as Error).message}`);
    }
    w.unref();
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    w.on('message', (m: FromReplayWorker) => this.onMessage(m));
    w.on('error', (e) => this.stopped(w, e.message));
    w.on('messageerror', (e) => this.d.log.error('replay worker message unreadable', { error: e.message }));
    w.on('exit', (code) => this.stopped(w, `it exited with code ${code}`));
    this.worker = w;
    this.starts++;
    return w;
  }

  private onMessage(m: FromReplayWorker): void {
    if (m.type === 'ready') this.markReady();
    else if (m.type === 'result') this.answer(m.id, m.result);
    else if (m.type === 'frame') this.d.emitFrame(m.frame);
    else if (m.type === 'log') this.d.log[m.level](m.message, m.context);
  }

  private answer(id: number, result: Result<unknown>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    p.resolve(result);
  }

  private post(m: ToReplayWorker): boolean {
    try {
      this.worker?.postMessage(m);
      return this.worker !== null;
    } catch (e) {
      this.d.log.error('replay worker message not sent', { error: (e as Error).message });
      return false;
    }
  }

  /** The worker w is gone (crashed, exited, or ended on purpose): its calls answer INTERNAL; the next call starts another. */
  private stopped(w: Worker, reason: string, onPurpose = false): void {
    if (w !== this.worker) return;
    this.worker = null;
    this.markReady();
    const calls = [...this.pending.values()];
    this.pending.clear();
    const level = !onPurpose ? 'error' : calls.length > 0 ? 'warn' : 'info';
    this.d.log[level]('replay worker stopped', { reason, pending: calls.length });
    w.terminate().catch(() => undefined);
    for (const p of calls) p.resolve(err('INTERNAL', `Replay ${p.op} failed: the replay worker stopped: ${reason}; reopen the session.`));
  }
}
