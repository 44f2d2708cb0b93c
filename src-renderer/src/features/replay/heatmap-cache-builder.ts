/**
 * Builds the heatmap's column cache for an open replay off the main thread: the main thread fetches depth
 * events in 20,000-event chunks (only it can reach the api; column-cache-build.ts passes the fetch in), packs each into typed arrays and transfers them
 * to a module worker, which folds them and sends back the cache and its price-grouped views. When a Worker
 * cannot start (no Worker, a CSP or file:// refusal, a crash) the cache is built here instead, in pieces
 * with yields, so drawing and input still never wait long. `lastBuildStats` says which path ran and what
 * each chunk's hand-over cost the main thread.
 */
import type { ReplayInfo } from '../../../../src-shared/contract/features/replay';
import { chunkBuffers, decodeChunk, encodeChunk, unpackCache, type EventChunk } from './heatmap-chunk';
import { ColumnBuilder, sliceMsFor, type ColumnCache, type DepthEventLike } from './heatmap-columns';
import type { CacheBuildSpec, FromWorker, ToWorker } from './heatmap-worker-protocol';
import { GROUPS, seedGrouped } from './price-grouping';

// The contract allows 50,000 a call, but each answer is decoded on the main thread (WebSocket JSON or IPC
// clone, ~2.6 MB per 20,000 events): smaller answers keep each of those tasks short.
const FETCH = 20_000;
const FOLD = 5_000;
/** Chunks handed over but not folded yet: enough to overlap fetching with folding, little memory. */
const IN_FLIGHT = 2;

export interface CacheBuildStats {
  path: 'worker' | 'main';
  chunks: number;
  /** Main-thread time to pack and post one chunk (worker path). */
  handoverMsMean: number;
  handoverMsMax: number;
  /** Folding time (in the worker, or here on the main path), ms. */
  buildMs: number;
  totalMs: number;
  /** Why the worker path was not used. */
  fallback?: string;
}

export let lastBuildStats: CacheBuildStats | null = null;

/**
 * The Worker API used here, typed locally: the unit tests reach this file through the node typecheck, which
 * has no DOM. `new Worker(new URL(…), …)` must stay literal for vite to bundle the worker.
 */
export interface WorkerLike {
  onmessage: ((e: { data: FromWorker }) => void) | null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null;
  postMessage(message: ToWorker, transfer: ArrayBuffer[]): void;
  terminate(): void;
}
declare const Worker: (new (url: URL, options: { type: 'module'; name: string }) => WorkerLike) | undefined;

const yieldNow = () => new Promise<void>((r) => setTimeout(r, 0));

function specOf(info: ReplayInfo): CacheBuildSpec {
  return {
    t0: info.start,
    sliceMs: sliceMsFor(info.start, info.end),
    minTick: info.minTick,
    markers: info.markers.map((m) => ({ seq: m.seq, code: m.code })),
    gaps: info.gaps.map((g) => ({ start: g.start, end: g.end })),
    sessionFirstSeqs: info.sessions.slice(1).map((s) => s.firstSeq),
  };
}

/**
 * Depth events fromSeq..toSeq of a replay — as a columnar chunk (`replay:eventColumns`, what the app uses) or as
 * objects — or null when the call failed (the replay closed).
 */
export type FetchEvents = (replayId: string, fromSeq: number, toSeq: number) => Promise<EventChunk | DepthEventLike[] | null>;

const asChunk = (e: EventChunk | DepthEventLike[]): EventChunk => (Array.isArray(e) ? encodeChunk(e) : e);
const asEvents = (e: EventChunk | DepthEventLike[]): DepthEventLike[] => (Array.isArray(e) ? e : decodeChunk(e));

async function* chunks(info: ReplayInfo, fetch: FetchEvents): AsyncGenerator<EventChunk | DepthEventLike[] | null> {
  for (let from = 1; from <= info.events; from += FETCH) yield fetch(info.replayId, from, Math.min(info.events, from + FETCH - 1));
}

/** Replies from a worker, in order; a worker error rejects the waiting (and every later) read. */
class WorkerLink {
  private queue: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | null = null;
  private failed: string | null = null;
  private reject: ((e: Error) => void) | null = null;

  constructor(readonly worker: WorkerLike) {
    worker.onmessage = (e) => (this.waiting ? this.take(e.data) : this.queue.push(e.data));
    worker.onerror = (e) => {
      e.preventDefault();
      this.failed = e.message || 'the worker failed to start';
      this.reject?.(new Error(this.failed));
    };
  }

  send(m: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  next(): Promise<FromWorker> {
    if (this.failed) return Promise.reject(new Error(this.failed));
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.reject = reject;
    });
  }

  private take(m: FromWorker): void {
    const w = this.waiting!;
    this.waiting = this.reject = null;
    w(m);
  }
}

async function inWorker(link: WorkerLink, info: ReplayInfo, fetch: FetchEvents, onProgress: (f: number) => void, began: number): Promise<ColumnCache | null> {
  const handover: number[] = [];
  let inFlight = 0;
  const folded = async () => {
    const m = await link.next();
    if (m.kind === 'error') throw new Error(m.message);
    if (m.kind !== 'folded') throw new Error(`unexpected ${m.kind}`);
    inFlight--;
    onProgress(Math.min(1, m.seq / Math.max(1, info.events)));
  };
  link.send({ kind: 'start', ...specOf(info) });
  for await (const events of chunks(info, fetch)) {
    if (!events) return null;
    const a = performance.now();
    const chunk = asChunk(events);
    link.send({ kind: 'chunk', chunk }, chunkBuffers(chunk));
    handover.push(performance.now() - a);
    if (++inFlight >= IN_FLIGHT) await folded();
  }
  while (inFlight > 0) await folded();
  link.send({ kind: 'finish', end: info.end, groups: [...GROUPS] });
  const done = await link.next();
  if (done.kind !== 'done') throw new Error(done.kind === 'error' ? done.message : `unexpected ${done.kind}`);
  const cache = unpackCache(done.cache);
  seedGrouped(cache, done.grouped.map(unpackCache));
  const sum = handover.reduce((s, x) => s + x, 0);
  lastBuildStats = {
    path: 'worker',
    chunks: handover.length,
    handoverMsMean: handover.length ? sum / handover.length : 0,
    handoverMsMax: Math.max(0, ...handover),
    buildMs: done.buildMs,
    totalMs: performance.now() - began,
  };
  return cache;
}

async function onMain(info: ReplayInfo, fetch: FetchEvents, onProgress: (f: number) => void, began: number, fallback: string): Promise<ColumnCache | null> {
  const s = specOf(info);
  const builder = new ColumnBuilder(s.t0, s.sliceMs, s.minTick, s.markers, s.gaps, s.sessionFirstSeqs);
  let buildMs = 0;
  let n = 0;
  for await (const got of chunks(info, fetch)) {
    if (!got) return null;
    const events = asEvents(got);
    n++;
    for (let i = 0; i < events.length; i += FOLD) {
      const a = performance.now();
      builder.add(events.slice(i, i + FOLD));
      buildMs += performance.now() - a;
      onProgress(Math.min(1, builder.cache.seq / Math.max(1, info.events)));
      await yieldNow();
    }
  }
  const cache = builder.finish(info.end);
  lastBuildStats = { path: 'main', chunks: n, handoverMsMean: 0, handoverMsMax: 0, buildMs, totalMs: performance.now() - began, fallback };
  return cache;
}

function startWorker(): WorkerLike | string {
  if (typeof Worker === 'undefined') return 'no Worker in this page';
  try {
    return new Worker(new URL('./heatmap-cache.worker.ts', import.meta.url), { type: 'module', name: 'heatmap-cache' });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export async function buildCache(info: ReplayInfo, fetch: FetchEvents, onProgress: (fraction: number) => void): Promise<ColumnCache | null> {
  const began = performance.now();
  const worker = startWorker();
  if (typeof worker === 'string') return onMain(info, fetch, onProgress, began, worker);
  try {
    return await inWorker(new WorkerLink(worker), info, fetch, onProgress, began);
  } catch (e) {
    // The worker could not load or failed mid-way: start over here (the fetches are cheap next to folding).
    onProgress(0);
    return onMain(info, fetch, onProgress, began, e instanceof Error ? e.message : String(e));
  } finally {
    worker.terminate();
  }
}
