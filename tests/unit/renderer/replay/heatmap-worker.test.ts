import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkBuffers, chunkOfColumns, chunkRun, decodeChunk, encodeChunk, packCache, packedBuffers, unpackCache } from '../../../../src-renderer/src/features/replay/heatmap-chunk';
import { ColumnBuilder, type ColumnCache, type DepthEventLike } from '../../../../src-renderer/src/features/replay/heatmap-columns';
import { CacheWorkerHandler, type FromWorker, type ToWorker } from '../../../../src-renderer/src/features/replay/heatmap-worker-protocol';
import { groupCache, groupedCache } from '../../../../src-renderer/src/features/replay/price-grouping';

const T0 = 1_700_000_000_000;

/** A random but valid-looking stream: 5 levels a side inserted, then updates and deletes/re-inserts. */
function stream(n: number, seed = 3): DepthEventLike[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: DepthEventLike[] = [];
  for (let i = 0; i < 10; i++) {
    const side = i < 5 ? 1 : 0;
    const p = i % 5;
    out.push({ seq: i + 1, tsRecv: T0 + i, epoch: 1, position: p, operation: 0, side, price: side ? 50 - p * 0.01 : 50.01 + p * 0.01, size: 100 + i, marketMaker: i % 2 ? 'NSDQ' : '' });
  }
  for (let i = 10; i < n; i++) {
    const side = rnd() < 0.5 ? 1 : 0;
    const p = Math.floor(rnd() * 5);
    const drift = Math.round(Math.sin(i / 500) * 5) * 0.01;
    out.push({ seq: i + 1, tsRecv: T0 + i * 7, epoch: 1, position: p, operation: 1, side, price: side ? 50 + drift - p * 0.01 : 50.01 + drift + p * 0.01, size: Math.floor(rnd() * 900), marketMaker: ['ARCA', 'EDGX', ''][i % 3] });
  }
  return out;
}

const spec = (sliceMs: number) => ({ t0: T0, sliceMs, minTick: 0.01, markers: [{ seq: 400, code: 317 }], gaps: [{ start: T0 + 2000, end: T0 + 2600 }], sessionFirstSeqs: [] });

function direct(events: DepthEventLike[], sliceMs: number, end: number): ColumnCache {
  const s = spec(sliceMs);
  const b = new ColumnBuilder(s.t0, s.sliceMs, s.minTick, s.markers, s.gaps, s.sessionFirstSeqs);
  b.add(events);
  return b.finish(end);
}

const plainColumns = (c: ColumnCache) => c.columns.map((col) => ({ ...col, sizes: Array.from(col.sizes) }));

describe('event chunk hand-over', () => {
  it('round-trips every field, market makers included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            tsRecv: fc.integer({ min: 0, max: 2 ** 42 }),
            epoch: fc.integer({ min: 1, max: 1000 }),
            position: fc.integer({ min: 0, max: 99 }),
            operation: fc.integer({ min: 0, max: 2 }),
            side: fc.integer({ min: 0, max: 1 }),
            price: fc.double({ min: 0, max: 1e5, noNaN: true }),
            size: fc.double({ min: 0, max: 1e9, noNaN: true }),
            marketMaker: fc.constantFrom('', 'NSDQ', 'ARCA', 'Ω-mm'),
          }),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (rows, first) => {
          const events = rows.map((r, i) => ({ ...r, seq: first + i }));
          expect(decodeChunk(encodeChunk(events))).toEqual(events);
          // The app's feed (replay:eventColumns) gives the same chunk as the events it stands for.
          const cols = {
            firstSeq: first, tsRecv: events.map((e) => e.tsRecv), epoch: events.map((e) => e.epoch), position: events.map((e) => e.position),
            operation: events.map((e) => e.operation), side: events.map((e) => e.side), price: events.map((e) => e.price), size: events.map((e) => e.size),
            marketMaker: events.map((e) => e.marketMaker),
          };
          expect(decodeChunk(chunkOfColumns(cols))).toEqual(events);
        },
      ),
    );
  });

  it('transfers its buffers and reads as the book cursor’s run only when the seqs run on', () => {
    const events = stream(50);
    const c = encodeChunk(events);
    const buffers = chunkBuffers(c);
    expect(new Set(buffers).size).toBe(9);
    const run = chunkRun(c)!;
    expect(run.firstSeq).toBe(1);
    expect(run.marketMaker[1]).toBe('NSDQ');
    expect(chunkRun(encodeChunk([events[0], events[2]]))).toBeNull();
    expect(chunkRun(encodeChunk([]))).toBeNull();
    // structuredClone with transfer detaches the sender's copy, as postMessage does.
    const moved = structuredClone(c, { transfer: buffers });
    expect(c.seq.length).toBe(0);
    expect(decodeChunk(moved)).toEqual(events);
  });

  it('packs a cache and unpacks the same columns, unknown columns and null quotes included', () => {
    const cache = direct(stream(3000), 100, T0 + 21_000);
    expect(cache.columns.some((c) => c.sizes.length === 0)).toBe(true);
    const back = unpackCache(structuredClone(packCache(cache)));
    expect(plainColumns(back)).toEqual(plainColumns(cache));
    expect(back.seq).toBe(cache.seq);
    const g = unpackCache(packCache(groupCache(cache, 5)));
    expect(g.group).toBe(5);
    expect(packedBuffers(packCache(cache))).toHaveLength(6);
  });
});

describe('cache worker handler', () => {
  const run = (h: CacheWorkerHandler, msgs: ToWorker[]): FromWorker[] => msgs.flatMap((m) => h.handle(m).map((r) => r.msg));

  it('folds chunks into the cache the builder makes directly, and returns every grouping', () => {
    const events = stream(3000);
    const h = new CacheWorkerHandler();
    const chunks = [events.slice(0, 1000), events.slice(1000, 2200), events.slice(2200)].map((e) => ({ kind: 'chunk' as const, chunk: encodeChunk(e) }));
    const replies = run(h, [{ kind: 'start', ...spec(100) }, ...chunks, { kind: 'finish', end: T0 + 21_000, groups: [1, 2, 5] }]);
    expect(replies.slice(0, 3).map((r) => r.kind === 'folded' && r.seq)).toEqual([1000, 2200, 3000]);
    const done = replies[3];
    if (done.kind !== 'done') throw new Error(done.kind);
    const expected = direct(events, 100, T0 + 21_000);
    expect(plainColumns(unpackCache(done.cache))).toEqual(plainColumns(expected));
    expect(done.grouped.map((g) => g.group)).toEqual([2, 5]);
    expect(plainColumns(unpackCache(done.grouped[1]))).toEqual(plainColumns(groupCache(expected, 5)));
    expect(done.buildMs).toBeGreaterThanOrEqual(0);
  });

  it('transfers the finished buffers', () => {
    const h = new CacheWorkerHandler();
    h.handle({ kind: 'start', ...spec(100) });
    h.handle({ kind: 'chunk', chunk: encodeChunk(stream(200)) });
    const [r] = h.handle({ kind: 'finish', end: T0 + 2000, groups: [2] });
    expect(r.transfer).toHaveLength(12);
  });

  it('folds a chunk with a hole in its seqs one event at a time, skipping rows already folded', () => {
    const events = stream(400);
    const h = new CacheWorkerHandler();
    run(h, [{ kind: 'start', ...spec(100) }, { kind: 'chunk', chunk: encodeChunk(events.slice(0, 300)) }]);
    // Rows 250–300 again, then the rest: the repeat is ignored.
    const replies = run(h, [{ kind: 'chunk', chunk: encodeChunk([...events.slice(249, 300), ...events.slice(300)]) }, { kind: 'finish', end: T0 + 3000, groups: [] }]);
    const done = replies[1];
    if (done.kind !== 'done') throw new Error(done.kind);
    expect(plainColumns(unpackCache(done.cache))).toEqual(plainColumns(direct(events, 100, T0 + 3000)));
  });

  it('answers protocol errors with an error message, and a new start drops the old build', () => {
    const h = new CacheWorkerHandler();
    expect(run(h, [{ kind: 'chunk', chunk: encodeChunk(stream(20)) }])[0]).toMatchObject({ kind: 'error', message: 'chunk before start' });
    expect(run(h, [{ kind: 'finish', end: T0, groups: [] }])[0]).toMatchObject({ kind: 'error' });
    expect(run(h, [{ kind: 'nonsense' } as unknown as ToWorker])[0]).toMatchObject({ kind: 'error', message: 'unknown message "nonsense"' });
    run(h, [{ kind: 'start', ...spec(100) }, { kind: 'chunk', chunk: encodeChunk(stream(20)) }, { kind: 'start', ...spec(100) }]);
    const [done] = run(h, [{ kind: 'finish', end: T0 + 50, groups: [] }]);
    if (done.kind !== 'done') throw new Error(done.kind);
    expect(done.cache.seq).toBe(0);
  });
});

describe('seeded groupings', () => {
  it('groupedCache returns the worker’s grouped view rather than grouping again', async () => {
    const { seedGrouped } = await import('../../../../src-renderer/src/features/replay/price-grouping');
    const base = direct(stream(500), 100, T0 + 4000);
    const g5 = unpackCache(packCache(groupCache(base, 5)));
    seedGrouped(base, [g5]);
    expect(groupedCache(base, 5)).toBe(g5);
    expect(groupedCache(base, 1)).toBe(base);
    // An unseeded grouping is still built on demand.
    expect(plainColumns(groupedCache(base, 2))).toEqual(plainColumns(groupCache(base, 2)));
  });
});
