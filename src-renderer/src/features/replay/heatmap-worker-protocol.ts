/**
 * The column-cache worker's messages and its handler, kept pure (a message in, replies out) so tests drive
 * it without a Worker. The main thread sends `start`, then `chunk`s in seq order, then `finish`; the worker
 * answers each chunk with `folded` (progress, and the main thread's back-pressure), and `finish` with the
 * cache and its price-grouped views, packed for transfer.
 */
import type { MarkerLike } from '../../../../src-shared/domain/replay/book-cursor';
import { chunkRun, decodeChunk, packCache, packedBuffers, type EventChunk, type PackedCache } from './heatmap-chunk';
import { ColumnBuilder, type GapLike } from './heatmap-columns';
import { groupCache } from './price-grouping';

export interface CacheBuildSpec {
  t0: number;
  sliceMs: number;
  minTick: number;
  markers: MarkerLike[];
  gaps: GapLike[];
  /** First seq of each session after the first. */
  sessionFirstSeqs: number[];
}

export type ToWorker =
  | ({ kind: 'start' } & CacheBuildSpec)
  | { kind: 'chunk'; chunk: EventChunk }
  | { kind: 'finish'; end: number; groups: number[] };

export type FromWorker =
  | { kind: 'folded'; seq: number; foldMs: number }
  | { kind: 'done'; cache: PackedCache; grouped: PackedCache[]; buildMs: number }
  | { kind: 'error'; message: string };

export interface Reply {
  msg: FromWorker;
  transfer: ArrayBuffer[];
}

const plain = (msg: FromWorker): Reply => ({ msg, transfer: [] });

/** One build at a time; a new `start` drops the previous one. */
export class CacheWorkerHandler {
  private builder: ColumnBuilder | null = null;
  private busyMs = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  handle(m: ToWorker): Reply[] {
    switch (m?.kind) {
      case 'start':
        this.builder = new ColumnBuilder(m.t0, m.sliceMs, m.minTick, m.markers, m.gaps, m.sessionFirstSeqs);
        this.busyMs = 0;
        return [];
      case 'chunk':
        return [this.fold(m.chunk)];
      case 'finish':
        return [this.finish(m.end, m.groups)];
      default:
        return [plain({ kind: 'error', message: `unknown message ${JSON.stringify((m as { kind?: unknown } | null)?.kind)}` })];
    }
  }

  private fold(chunk: EventChunk): Reply {
    if (!this.builder) return plain({ kind: 'error', message: 'chunk before start' });
    const a = this.now();
    const run = chunkRun(chunk);
    // A chunk with a hole in its seqs (never from replay:events) still folds, one event at a time.
    if (run) this.builder.addRun(run);
    else this.builder.add(decodeChunk(chunk));
    const foldMs = this.now() - a;
    this.busyMs += foldMs;
    return plain({ kind: 'folded', seq: this.builder.cache.seq, foldMs });
  }

  private finish(end: number, groups: number[]): Reply {
    if (!this.builder) return plain({ kind: 'error', message: 'finish before start' });
    const a = this.now();
    const cache = this.builder.finish(end);
    this.builder = null;
    const packed = packCache(cache);
    // Grouping a whole day's cache takes milliseconds a view (bench: replay_ui heatmap group): done here once,
    // so switching the grouping on the main thread is a lookup.
    const grouped = groups.filter((n) => n > 1).map((n) => packCache(groupCache(cache, n)));
    const buildMs = this.busyMs + this.now() - a;
    const transfer = [packed, ...grouped].flatMap(packedBuffers);
    return { msg: { kind: 'done', cache: packed, grouped, buildMs }, transfer };
  }
}
