/**
 * replay:* for the app: the catalog (SQLite) stays on this thread, which lists sessions and resolves a
 * request to session folders; everything else goes to a replay worker thread (replay-worker.ts): one owns the
 * open replays, a second opens its own copy of a replay on its first analysis and computes analyses there. Opening a full day or analysing it takes seconds there while this event loop (the
 * IB socket, the order path) carries on. A worker that dies answers its pending calls INTERNAL and is
 * replaced on the next call; its replays are gone, so the renderer reopens them.
 */
import type { z } from 'zod';
import type { ReplayAnalysis, ReplayAnalysisQuery, ReplayFrame, ReplayOpen, ReplaySessionsQuery } from '../../src-shared/contract/features/replay';
import type { Result } from '../../src-shared/contract/result';
import type { Logger } from '../platform/log';
import { type SessionCatalog, sessionFolders } from './open-source';
import type { ReplayApi } from './replay-api';
import { DEFAULT_LEVELS } from './replay-core';
import type { ReplayOpArgs } from './replay-worker-protocol';
import { ReplayWorkerChannel } from './replay-worker-channel';
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

interface OpenReplay {
  folders: string[];
  levels: number;
  clientId: string;
  /** Its id in the analysis worker, once that has opened it (lazily, on the first analysis). */
  analysisId?: Promise<Result<string>>;
}

export class ReplayProxy implements ReplayApi {
  /** The open replays: seek, step, play (frames), events, trades. */
  private readonly replay: ReplayWorkerChannel;
  /** Their analyses, on a thread of their own: seconds of work there never hold a seek or a frame. */
  private readonly analyzer: ReplayWorkerChannel;
  private readonly opened = new Map<string, OpenReplay>();
  private disposed = false;

  constructor(private readonly d: ReplayProxyDeps) {
    const entry = d.entry ?? replayWorkerEntry();
    this.replay = new ReplayWorkerChannel({ role: 'replay', entry, log: d.log, onFrame: d.emitFrame, onStopped: () => this.replayStopped() });
    // The analysis worker's replays never play: it sends no frames.
    this.analyzer = new ReplayWorkerChannel({ role: 'analysis', entry, log: d.log, onFrame: () => {}, onStopped: () => this.analyzerStopped() });
  }

  /** Replay workers started so far (the analysis worker not counted). */
  get starts(): number {
    return this.replay.starts;
  }

  sessions(q: z.output<typeof ReplaySessionsQuery>) {
    // Someone is browsing sessions: an open is likely next, so the worker loads its code meanwhile.
    void this.warm();
    return Promise.resolve(listSessions(this.d.catalog, q));
  }

  async open(req: ReplayOpen, clientId: string) {
    const folders = sessionFolders(req, this.d.catalog);
    if (!folders.ok) return folders;
    const levels = req.levels ?? DEFAULT_LEVELS;
    const r = await this.replay.call('open', folders.value, levels, clientId);
    if (r.ok) this.opened.set(r.value.replayId, { folders: folders.value, levels, clientId });
    return r;
  }

  seek(...a: ReplayOpArgs<'seek'>) { return this.replay.call('seek', ...a); }
  step(...a: ReplayOpArgs<'step'>) { return this.replay.call('step', ...a); }
  play(...a: ReplayOpArgs<'play'>) { return this.replay.call('play', ...a); }
  pause(...a: ReplayOpArgs<'pause'>) { return this.replay.call('pause', ...a); }
  events(...a: ReplayOpArgs<'events'>) { return this.replay.call('events', ...a); }
  eventColumns(...a: ReplayOpArgs<'eventColumns'>) { return this.replay.call('eventColumns', ...a); }
  trades(...a: ReplayOpArgs<'trades'>) { return this.replay.call('trades', ...a); }

  async close(q: { replayId: string }) {
    const o = this.opened.get(q.replayId);
    this.opened.delete(q.replayId);
    const side = await o?.analysisId;
    if (side?.ok) void this.analyzer.call('close', { replayId: side.value });
    return this.replay.call('close', q);
  }

  async analysis(q: z.output<typeof ReplayAnalysisQuery>): Promise<Result<ReplayAnalysis>> {
    const o = this.opened.get(q.replayId);
    // Not one of ours (closed, or its worker died): the replay worker answers NOT_FOUND in its own words.
    if (!o) return this.replay.call('analysis', q);
    o.analysisId ??= this.analyzer.call('open', o.folders, o.levels, o.clientId).then((r) => (r.ok ? { ok: true as const, value: r.value.replayId } : r));
    const id = await o.analysisId;
    if (!id.ok) {
      o.analysisId = undefined;
      return id;
    }
    return this.analyzer.call('analysis', { ...q, replayId: id.value });
  }

  clientClosed(clientId: string): void {
    for (const [id, o] of this.opened) if (o.clientId === clientId) this.opened.delete(id);
    // No worker: nothing is open there.
    this.replay.post({ type: 'clientClosed', clientId });
    this.analyzer.post({ type: 'clientClosed', clientId });
  }

  dispose(): void {
    this.disposed = true;
    void this.replay.dispose('the app is closing');
    void this.analyzer.dispose('the app is closing');
  }

  /** Starts the replay worker if none runs; resolves once it has loaded its code (or failed to). */
  warm(): Promise<void> {
    return this.disposed ? Promise.resolve() : this.replay.warm();
  }

  /** Ends both workers now, as a crash would: pending calls answer INTERNAL; the next call starts new ones. */
  async terminate(reason = 'terminated'): Promise<void> {
    await Promise.all([this.replay.terminate(reason), this.analyzer.terminate(reason)]);
  }

  /** The replay worker's replays died with it; their analysis copies are useless now. */
  private replayStopped(): void {
    for (const o of this.opened.values()) {
      void o.analysisId?.then((r) => {
        if (r.ok) void this.analyzer.call('close', { replayId: r.value });
      });
    }
    this.opened.clear();
  }

  /** The analysis worker's copies died with it: the next analysis opens them again. */
  private analyzerStopped(): void {
    for (const o of this.opened.values()) o.analysisId = undefined;
  }
}
