import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCache, lastBuildStats } from '../../../../src-renderer/src/features/replay/heatmap-cache-builder';
import type { ReplayInfo } from '../../../../src-shared/contract/features/replay';
import { ColumnBuilder, sliceMsFor, type ColumnCache, type DepthEventLike } from '../../../../src-renderer/src/features/replay/heatmap-columns';
import { CacheWorkerHandler, type ToWorker } from '../../../../src-renderer/src/features/replay/heatmap-worker-protocol';
import { groupCache, groupedCache } from '../../../../src-renderer/src/features/replay/price-grouping';

const T0 = 1_700_000_000_000;
const N = 45_000; // three fetches of 20,000: back-pressure and progress across chunks

function stream(n: number): DepthEventLike[] {
  let s = 11;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  return Array.from({ length: n }, (_, i) => {
    const side = i < 10 ? (i < 5 ? 1 : 0) : rnd() < 0.5 ? 1 : 0;
    const p = i < 10 ? i % 5 : Math.floor(rnd() * 5);
    const drift = Math.round(Math.sin(i / 3000) * 8) * 0.01;
    return { seq: i + 1, tsRecv: T0 + i * 4, epoch: 1, position: p, operation: i < 10 ? 0 : 1, side, price: side ? 50 + drift - p * 0.01 : 50.01 + drift + p * 0.01, size: 100 + Math.floor(rnd() * 900), marketMaker: '' };
  });
}

const EVENTS = stream(N);
const calls = { fail: false, count: 0 };
const fetchEvents = async (_replayId: string, fromSeq: number, toSeq: number): Promise<DepthEventLike[] | null> => {
  calls.count++;
  return calls.fail ? null : EVENTS.slice(fromSeq - 1, toSeq);
};

const info = {
  replayId: 'r1',
  start: T0,
  end: T0 + N * 4,
  minTick: 0.01,
  events: N,
  markers: [{ ts: T0 + 40_000, code: 317, text: 'reset', seq: 10_000 }],
  gaps: [{ start: T0 + 90_000, end: T0 + 100_000, reason: 'disconnect' }],
  sessions: [{ sessionId: 's1', path: '/x', startedAt: T0, stoppedAt: T0 + N * 4, firstSeq: 1, lastSeq: N }],
} as unknown as ReplayInfo;

function expected(): ColumnCache {
  const b = new ColumnBuilder(T0, sliceMsFor(info.start, info.end), 0.01, [{ seq: 10_000, code: 317 }], [{ start: T0 + 90_000, end: T0 + 100_000 }]);
  b.add(EVENTS);
  return b.finish(info.end);
}
const plain = (c: ColumnCache) => c.columns.map((col) => ({ ...col, sizes: Array.from(col.sizes) }));

/** A Worker that runs the real handler in this thread, asynchronously, moving buffers as postMessage does. */
class InProcessWorker {
  static made = 0;
  static maxQueued = 0;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  terminated = false;
  private readonly handler = new CacheWorkerHandler();
  private queued = 0;
  constructor(readonly url: URL, readonly opts: { type: string }) {
    InProcessWorker.made++;
  }
  postMessage(m: ToWorker, transfer: ArrayBuffer[] = []): void {
    const moved = structuredClone(m, { transfer });
    InProcessWorker.maxQueued = Math.max(InProcessWorker.maxQueued, m.kind === 'chunk' ? ++this.queued : this.queued);
    setTimeout(() => {
      if (moved.kind === 'chunk') this.queued--;
      for (const r of this.handler.handle(moved)) this.onmessage?.({ data: structuredClone(r.msg, { transfer: r.transfer }) });
    }, 1);
  }
  terminate(): void {
    this.terminated = true;
  }
}

class BrokenWorker extends InProcessWorker {
  override postMessage(): void {
    setTimeout(() => this.onerror?.({ message: 'Failed to load module script', preventDefault: () => undefined }), 1);
  }
}

describe('buildCache', () => {
  beforeEach(() => {
    calls.fail = false;
    calls.count = 0;
    InProcessWorker.made = 0;
    InProcessWorker.maxQueued = 0;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('builds in the worker: the same cache, groupings seeded, progress to 1, chunks handed over two at a time at most', async () => {
    vi.stubGlobal('Worker', InProcessWorker);
    const progress: number[] = [];
    const cache = (await buildCache(info, fetchEvents, (f) => progress.push(f)))!;
    expect(plain(cache)).toEqual(plain(expected()));
    const built = lastBuildStats!;
    expect(built).toMatchObject({ path: 'worker', chunks: 3 });
    expect(built.handoverMsMax).toBeGreaterThanOrEqual(built.handoverMsMean);
    expect(calls.count).toBe(3);
    expect(InProcessWorker.made).toBe(1);
    expect(InProcessWorker.maxQueued).toBeLessThanOrEqual(2);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // The grouping came from the worker: a lookup, equal to grouping here.
    const g5 = groupedCache(cache, 5);
    expect(g5.group).toBe(5);
    expect(plain(g5)).toEqual(plain(groupCache(cache, 5)));
  });

  it('falls back to the main thread when the worker fails to load, with the reason', async () => {
    vi.stubGlobal('Worker', BrokenWorker);
    const cache = (await buildCache(info, fetchEvents, () => undefined))!;
    expect(plain(cache)).toEqual(plain(expected()));
    const built = lastBuildStats!;
    expect(built).toMatchObject({ path: 'main', fallback: 'Failed to load module script' });
  });

  it('builds on the main thread where there is no Worker, and gives null when the replay closes mid-build', async () => {
    vi.stubGlobal('Worker', undefined);
    const cache = (await buildCache(info, fetchEvents, () => undefined))!;
    expect(plain(cache)).toEqual(plain(expected()));
    expect(lastBuildStats).toMatchObject({ path: 'main', fallback: 'no Worker in this page' });
    calls.fail = true;
    expect(await buildCache(info, fetchEvents, () => undefined)).toBeNull();
    vi.stubGlobal('Worker', InProcessWorker);
    expect(await buildCache(info, fetchEvents, () => undefined)).toBeNull();
  });
});
