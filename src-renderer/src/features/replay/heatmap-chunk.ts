/**
 * What crosses between the renderer's main thread and the column-cache worker, as typed arrays so a
 * `postMessage` transfers buffers instead of cloning 50,000 objects: a chunk of depth events (columnar, the
 * market makers as a dictionary) one way, the finished cache (one Float32Array of sizes plus per-column
 * offsets) the other. Pure: no DOM, no Worker.
 */
import type { ReplayEventColumns } from '../../../../src-shared/contract/features/replay';
import type { DepthRun } from '../../../../src-shared/domain/replay/book-cursor';
import type { ColumnCache, DepthEventLike, HeatColumn } from './heatmap-columns';

/** A run of depth events, columnar. `seq` is kept per row (the builder checks that it continues). */
export interface EventChunk {
  length: number;
  seq: Float64Array;
  tsRecv: Float64Array;
  epoch: Int32Array;
  position: Int32Array;
  operation: Uint8Array;
  side: Uint8Array;
  price: Float64Array;
  size: Float64Array;
  /** Index into `makers` per row. */
  maker: Uint16Array;
  makers: string[];
}

export function encodeChunk(events: readonly DepthEventLike[]): EventChunk {
  const n = events.length;
  const c: EventChunk = {
    length: n,
    seq: new Float64Array(n),
    tsRecv: new Float64Array(n),
    epoch: new Int32Array(n),
    position: new Int32Array(n),
    operation: new Uint8Array(n),
    side: new Uint8Array(n),
    price: new Float64Array(n),
    size: new Float64Array(n),
    ...makerDictionary(n, (i) => events[i].marketMaker),
  };
  for (let i = 0; i < n; i++) {
    const e = events[i];
    c.seq[i] = e.seq;
    c.tsRecv[i] = e.tsRecv;
    c.epoch[i] = e.epoch;
    c.position[i] = e.position;
    c.operation[i] = e.operation;
    c.side[i] = e.side;
    c.price[i] = e.price;
    c.size[i] = e.size;
  }
  return c;
}

/**
 * Market makers as a dictionary: an index per row into `makers`. More than 65,535 distinct market makers in one
 * chunk does not happen on IB (a few dozen MPIDs); the rest would share the last slot, which the heatmap (sizes by
 * price) never reads.
 */
function makerDictionary(n: number, at: (i: number) => string): { maker: Uint16Array; makers: string[] } {
  const makers: string[] = [];
  const dict = new Map<string, number>();
  const maker = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const m = at(i);
    let k = dict.get(m);
    if (k === undefined) {
      k = Math.min(0xffff, makers.length);
      if (k === makers.length) makers.push(m);
      dict.set(m, k);
    }
    maker[i] = k;
  }
  return { maker, makers };
}

/** A `replay:eventColumns` answer as a chunk: straight copies into typed arrays, no object per event. */
export function chunkOfColumns(c: ReplayEventColumns): EventChunk {
  const n = c.tsRecv.length;
  const seq = new Float64Array(n);
  for (let i = 0; i < n; i++) seq[i] = c.firstSeq + i;
  return {
    length: n, seq, tsRecv: Float64Array.from(c.tsRecv), epoch: Int32Array.from(c.epoch), position: Int32Array.from(c.position),
    operation: Uint8Array.from(c.operation), side: Uint8Array.from(c.side), price: Float64Array.from(c.price), size: Float64Array.from(c.size),
    ...makerDictionary(n, (i) => c.marketMaker[i]),
  };
}

export function decodeChunk(c: EventChunk): DepthEventLike[] {
  return Array.from({ length: c.length }, (_, i) => ({
    seq: c.seq[i],
    tsRecv: c.tsRecv[i],
    epoch: c.epoch[i],
    position: c.position[i],
    operation: c.operation[i],
    side: c.side[i],
    price: c.price[i],
    size: c.size[i],
    marketMaker: c.makers[c.maker[i]],
  }));
}

export function chunkBuffers(c: EventChunk): ArrayBuffer[] {
  return [c.seq, c.tsRecv, c.epoch, c.position, c.operation, c.side, c.price, c.size, c.maker].map((a) => a.buffer as ArrayBuffer);
}

/** The chunk as the book cursor's columnar run, when its seqs run on without a hole (they do from `replay:events`). */
export function chunkRun(c: EventChunk): DepthRun | null {
  if (c.length === 0) return null;
  const first = c.seq[0];
  for (let i = 1; i < c.length; i++) if (c.seq[i] !== first + i) return null;
  return {
    firstSeq: first,
    length: c.length,
    tsRecv: c.tsRecv,
    epoch: c.epoch,
    position: c.position,
    operation: c.operation,
    side: c.side,
    price: c.price,
    size: c.size,
    marketMaker: Array.from(c.maker, (k) => c.makers[k]),
  };
}

/** A column cache flattened: column i's sizes are sizes[offset[i] .. offset[i + 1]). Null quotes are NaN. */
export interface PackedCache {
  t0: number;
  sliceMs: number;
  minTick: number;
  seq: number;
  group: number;
  t: Float64Array;
  lowTick: Int32Array;
  offset: Uint32Array;
  sizes: Float32Array;
  bestBid: Float64Array;
  bestAsk: Float64Array;
}

export function packCache(cache: ColumnCache): PackedCache {
  const n = cache.columns.length;
  const offset = new Uint32Array(n + 1);
  cache.columns.forEach((c, i) => (offset[i + 1] = offset[i] + c.sizes.length));
  const p: PackedCache = {
    t0: cache.t0,
    sliceMs: cache.sliceMs,
    minTick: cache.minTick,
    seq: cache.seq,
    group: cache.group ?? 1,
    t: new Float64Array(n),
    lowTick: new Int32Array(n),
    offset,
    sizes: new Float32Array(offset[n]),
    bestBid: new Float64Array(n),
    bestAsk: new Float64Array(n),
  };
  cache.columns.forEach((c, i) => {
    p.t[i] = c.t;
    p.lowTick[i] = c.lowTick;
    p.sizes.set(c.sizes, offset[i]);
    p.bestBid[i] = c.bestBid ?? NaN;
    p.bestAsk[i] = c.bestAsk ?? NaN;
  });
  return p;
}

/** Back to columns; each column's sizes is a view into the packed buffer (no copy). */
export function unpackCache(p: PackedCache): ColumnCache {
  const columns: HeatColumn[] = Array.from({ length: p.t.length }, (_, i) => ({
    t: p.t[i],
    lowTick: p.lowTick[i],
    sizes: p.sizes.subarray(p.offset[i], p.offset[i + 1]),
    bestBid: Number.isNaN(p.bestBid[i]) ? null : p.bestBid[i],
    bestAsk: Number.isNaN(p.bestAsk[i]) ? null : p.bestAsk[i],
  }));
  return { t0: p.t0, sliceMs: p.sliceMs, minTick: p.minTick, seq: p.seq, columns, ...(p.group > 1 ? { group: p.group } : {}) };
}

export function packedBuffers(p: PackedCache): ArrayBuffer[] {
  return [p.t, p.lowTick, p.offset, p.sizes, p.bestBid, p.bestAsk].map((a) => a.buffer as ArrayBuffer);
}
