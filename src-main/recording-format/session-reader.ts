/**
 * Read side of one session folder for the replay and analysis tools: session.json, the batch index (built
 * and stored on first open when missing or stale), depth rows decoded batch by batch on demand (a small
 * cache keeps the recent ones), the trades of ticks.arrows, and the keyframes the recorder wrote.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import type { DepthRun } from '../../src-shared/domain/replay/book-cursor';
import { lastAtOrBefore } from '../../src-shared/domain/replay/keyframe';
import { type BatchIndexEntry, buildBatchIndex, decodeBatch, readBatchIndex, writeBatchIndex } from './batch-index';
import { scanIpcStream } from './ipc-framing';
import { type KeyframeRead, keyframesOf } from './keyframe-rows';
import { decodeStream, float64s, readSessionMetaStrict, readStream, strings } from './readers';
import { KEYFRAME_FILE, RECORDING_FILES } from './schemas';
import type { SessionMeta } from './session-meta';

const CACHED_BATCHES = 48;

export interface TradeColumns {
  tsRecv: Float64Array;
  price: Float64Array;
  size: Float64Array;
}

export class SessionReader {
  /** Index entries of depth.arrows, in seq order. */
  readonly depthBatches: BatchIndexEntry[];
  readonly lastSeq: number;
  /** How the index was obtained: read from index.arrows, or built now (and stored when `indexStored`). */
  readonly indexBuilt: boolean;
  readonly indexStored: boolean;
  private readonly schemaBytes: Uint8Array;
  private readonly cache = new Map<number, DepthRun>();
  private readonly batchLastTs: Float64Array;
  private readonly batchLastSeq: Float64Array;
  private tradeCols: TradeColumns | null = null;

  private constructor(readonly dir: string, readonly meta: SessionMeta, index: BatchIndexEntry[], built: boolean, stored: boolean) {
    this.depthBatches = index.filter((e) => e.file === RECORDING_FILES.depth);
    this.indexBuilt = built;
    this.indexStored = stored;
    this.lastSeq = this.depthBatches.at(-1)?.lastSeq ?? 0;
    this.batchLastTs = Float64Array.from(this.depthBatches, (e) => e.lastTs);
    this.batchLastSeq = Float64Array.from(this.depthBatches, (e) => e.lastSeq);
    this.schemaBytes = this.readSchema();
  }

  /** Opens a session folder; throws an Error naming the file at fault. */
  static open(dir: string): SessionReader {
    const meta = readSessionMetaStrict(dir);
    const depthPath = join(dir, RECORDING_FILES.depth);
    if (!existsSync(depthPath)) throw new Error(`${dir} has no ${RECORDING_FILES.depth}`);
    // The schema message comes first: a prefix tells whether this is an Arrow stream at all.
    const scan = scanIpcStream(readRange(depthPath, 0, Math.min(statSync(depthPath).size, 64 * 1024)));
    if (!scan.hasSchema) throw new Error(`${depthPath} is not an Arrow IPC stream (empty, or cut before its schema)`);
    let index = readBatchIndex(dir);
    let built = false;
    let stored = false;
    if (!index) {
      index = buildBatchIndex(dir);
      built = true;
      try {
        writeBatchIndex(dir, index);
        stored = true;
      } catch {
        // A read-only folder (opened from disk): the index lives in memory only.
      }
    }
    const reader = new SessionReader(dir, meta, index, built, stored);
    reader.checkContiguous();
    return reader;
  }

  private checkContiguous(): void {
    let expect = 1;
    for (const e of this.depthBatches) {
      if (e.firstSeq !== expect || e.lastSeq - e.firstSeq + 1 !== e.rows) {
        throw new Error(`${join(this.dir, RECORDING_FILES.depth)}: batch ${e.batch} holds seq ${e.firstSeq}–${e.lastSeq}, expected to start at ${expect}`);
      }
      expect = e.lastSeq + 1;
    }
  }

  private readSchema(): Uint8Array {
    const first = this.depthBatches[0];
    const path = join(this.dir, RECORDING_FILES.depth);
    if (!first) return new Uint8Array(0);
    return readRange(path, 0, first.offset);
  }

  get firstTs(): number | null {
    return this.depthBatches[0]?.firstTs ?? null;
  }

  get lastTs(): number | null {
    return this.depthBatches.at(-1)?.lastTs ?? null;
  }

  /** The depth rows of batch `b`, decoded (cached). */
  run(b: number): DepthRun {
    const hit = this.cache.get(b);
    if (hit) {
      this.cache.delete(b);
      this.cache.set(b, hit);
      return hit;
    }
    const e = this.depthBatches[b];
    const t = decodeBatch(this.schemaBytes, readRange(join(this.dir, RECORDING_FILES.depth), e.offset, e.length));
    const run = depthRunOf(t, e.firstSeq);
    this.cache.set(b, run);
    if (this.cache.size > CACHED_BATCHES) this.cache.delete(this.cache.keys().next().value!);
    return run;
  }

  /** Batch holding `seq` (1 ≤ seq ≤ lastSeq). */
  batchOfSeq(seq: number): number {
    return lastAtOrBefore(this.batchLastSeq, seq - 1) + 1;
  }

  /** Receive time of row `seq`. */
  tsOfSeq(seq: number): number {
    const run = this.run(this.batchOfSeq(seq));
    return run.tsRecv[seq - run.firstSeq];
  }

  /** Last seq whose tsRecv ≤ t (0 when none); rows are in arrival order, so times never decrease. */
  seqAtTime(t: number): number {
    const b = lastAtOrBefore(this.batchLastTs, t) + 1; // first batch that may end after t
    if (b >= this.depthBatches.length) return this.lastSeq;
    const run = this.run(b);
    const i = lastAtOrBefore(run.tsRecv, t);
    return i >= 0 ? run.firstSeq + i : run.firstSeq - 1;
  }

  /** The trades of ticks.arrows (quotes left out), loaded on first use. */
  trades(): TradeColumns {
    if (this.tradeCols) return this.tradeCols;
    const path = join(this.dir, RECORDING_FILES.ticks);
    const empty = { tsRecv: new Float64Array(0), price: new Float64Array(0), size: new Float64Array(0) };
    if (!existsSync(path)) return (this.tradeCols = empty);
    const t = readStream(path, ['kind', 'tsRecv', 'price', 'size']);
    const kind = strings(t, 'kind');
    const [ts, price, size] = ['tsRecv', 'price', 'size'].map((c) => float64s(t, c));
    const keep = kind.flatMap((k, i) => (k === 'trade' ? [i] : []));
    return (this.tradeCols = {
      tsRecv: Float64Array.from(keep, (i) => ts[i]),
      price: Float64Array.from(keep, (i) => price[i]),
      size: Float64Array.from(keep, (i) => size[i]),
    });
  }

  /** The keyframes stored with the session (null when it has none: older sessions). Torn tails are cut. */
  storedKeyframes(): KeyframeRead | null {
    const path = join(this.dir, KEYFRAME_FILE);
    if (!existsSync(path)) return null;
    const bytes = readFileSync(path);
    const scan = scanIpcStream(bytes);
    if (!scan.hasSchema) return null;
    const t: Table = decodeStream(path, bytes.subarray(0, scan.goodEnd), ['kf', 'seq', 'markers', 'side']);
    return keyframesOf(t);
  }
}

function readRange(path: string, offset: number, length: number): Uint8Array {
  const buf = new Uint8Array(length);
  const fd = openSync(path, 'r');
  try {
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buf, done, length - done, offset + done);
      if (n === 0) throw new Error(`${path} ends before byte ${offset + length}: the index is stale`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf;
}

function depthRunOf(t: Table, firstSeq: number): DepthRun {
  const f = (name: string) => float64s(t, name);
  const i32 = (name: string) => Int32Array.from(t.getChild(name)!.toArray() as ArrayLike<number>);
  return {
    firstSeq,
    length: t.numRows,
    tsRecv: f('tsRecv'),
    epoch: i32('epoch'),
    position: i32('position'),
    operation: i32('operation'),
    side: i32('side'),
    price: t.getChild('price')!.toArray() as Float64Array,
    size: t.getChild('size')!.toArray() as Float64Array,
    marketMaker: strings(t, 'marketMaker'),
  };
}
