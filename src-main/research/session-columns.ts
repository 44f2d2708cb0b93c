/**
 * A recorded session turned into the columns of the `depth`, `trades` and `book` datasets. The book is the
 * replay engine's (BookCursor: epochs, 316/317 markers, the recorder's row cap) sampled on a 100 ms grid:
 * at each instant t the book holds every row received at or before t and the markers stamped by then
 * (ReplayEngine.seekTime's rule). Instants inside a recorded gap, and before the first row, are left out.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BookCursor } from '../../src-shared/domain/replay/book-cursor';
import type { SessionReader } from '../recording-format/session-reader';
import { float64s, readStream, strings } from '../recording-format/readers';
import { RECORDING_FILES } from '../recording-format/schemas';
import type { ColumnData } from './parquet-file';

export const BOOK_SAMPLE_MS = 100;

export interface Columns {
  data: ColumnData;
  rows: number;
  firstTs: number | null;
  lastTs: number | null;
}

const span = (ts: ArrayLike<number>): Pick<Columns, 'firstTs' | 'lastTs'> =>
  ts.length ? { firstTs: ts[0], lastTs: ts[ts.length - 1] } : { firstTs: null, lastTs: null };

export function depthColumns(r: SessionReader): Columns {
  const n = r.lastSeq;
  const ts = new Float64Array(n);
  const seq = new Float64Array(n);
  const [epoch, position, operation, side] = [0, 0, 0, 0].map(() => new Int32Array(n));
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  const mm: string[] = new Array<string>(n);
  for (let b = 0; b < r.depthBatches.length; b++) {
    const run = r.run(b);
    for (let i = 0; i < run.length; i++) {
      const k = run.firstSeq + i - 1;
      ts[k] = run.tsRecv[i];
      seq[k] = run.firstSeq + i;
      epoch[k] = run.epoch[i];
      position[k] = run.position[i];
      operation[k] = run.operation[i];
      side[k] = run.side[i];
      price[k] = run.price[i];
      size[k] = run.size[i];
      mm[k] = run.marketMaker[i];
    }
  }
  return { data: { ts, seq, epoch, position, operation, side, price, size, market_maker: mm }, rows: n, ...span(ts) };
}

/** The trades of ticks.arrows (quotes left out), in file order. */
export function tradeColumns(r: SessionReader): Columns {
  const path = join(r.dir, RECORDING_FILES.ticks);
  const empty = { ts: [], ts_event: [], price: [], size: [], exchange: [], conditions: [] };
  if (!existsSync(path)) return { data: empty, rows: 0, firstTs: null, lastTs: null };
  const t = readStream(path, ['kind', 'tsEvent', 'tsRecv', 'price', 'size', 'exchange', 'conditions']);
  const kind = strings(t, 'kind');
  const keep = kind.flatMap((k, i) => (k === 'trade' ? [i] : []));
  const pickF = (name: string) => {
    const all = float64s(t, name);
    return Float64Array.from(keep, (i) => all[i]);
  };
  const pickS = (name: string) => {
    const all = strings(t, name);
    return keep.map((i) => all[i]);
  };
  const ts = pickF('tsRecv');
  const data = { ts, ts_event: pickF('tsEvent'), price: pickF('price'), size: pickF('size'), exchange: pickS('exchange'), conditions: pickS('conditions') };
  return { data, rows: keep.length, ...span(ts) };
}

interface BookAcc {
  ts: number[];
  seq: number[];
  bid: number[];
  ask: number[];
  bidSize: number[];
  askSize: number[];
  bidDepth: number[];
  askDepth: number[];
  bidLevels: number[];
  askLevels: number[];
}

function sample(acc: BookAcc, t: number, cur: BookCursor): void {
  const book = cur.book;
  const sideSum = (s: 0 | 1) => {
    let sum = 0;
    for (let p = 0; p < book.depth(s); p++) sum += book.row(s, p)!.size;
    return sum;
  };
  const bid = book.bestBid();
  const ask = book.bestAsk();
  if (!bid && !ask) return; // an empty book (a reset, a new epoch before its rows) says nothing
  acc.ts.push(t);
  acc.seq.push(cur.seq);
  acc.bid.push(bid?.price ?? NaN);
  acc.ask.push(ask?.price ?? NaN);
  acc.bidSize.push(bid?.size ?? NaN);
  acc.askSize.push(ask?.size ?? NaN);
  acc.bidDepth.push(sideSum(1));
  acc.askDepth.push(sideSum(0));
  acc.bidLevels.push(book.depth(1));
  acc.askLevels.push(book.depth(0));
}

export function bookColumns(r: SessionReader, stepMs = BOOK_SAMPLE_MS): Columns {
  const markers = r.meta.markers ?? [];
  const gaps = r.meta.gaps ?? [];
  const cur = new BookCursor(markers);
  cur.reset(null);
  const acc: BookAcc = { ts: [], seq: [], bid: [], ask: [], bidSize: [], askSize: [], bidDepth: [], askDepth: [], bidLevels: [], askLevels: [] };
  const first = r.firstTs;
  const last = r.lastTs;
  if (first !== null && last !== null) {
    let b = 0;
    let run = r.depthBatches.length ? r.run(0) : null;
    let i = 0;
    const inGap = (t: number) => gaps.some((g) => t >= g.start && (g.end === null || t < g.end));
    for (let t = Math.ceil(first / stepMs) * stepMs; t <= last; t += stepMs) {
      while (run) {
        if (i >= run.length) {
          b++;
          run = b < r.depthBatches.length ? r.run(b) : null;
          i = 0;
          continue;
        }
        if (run.tsRecv[i] > t) break;
        cur.applyRow(run, i++);
      }
      // Markers after the last applied row count once stamped (seekTime: seq < local, or = local and ts ≤ t).
      while (cur.markers < markers.length && markers[cur.markers].seq <= cur.seq && markers[cur.markers].ts <= t) cur.applyMarkers(cur.seq, cur.markers + 1);
      if (!inGap(t)) sample(acc, t, cur);
    }
  }
  const spread = acc.ts.map((_, k) => acc.ask[k] - acc.bid[k]);
  const data: ColumnData = {
    ts: acc.ts, seq: acc.seq, bid: acc.bid, ask: acc.ask, bid_size: acc.bidSize, ask_size: acc.askSize,
    bid_depth: acc.bidDepth, ask_depth: acc.askDepth, bid_levels: acc.bidLevels, ask_levels: acc.askLevels, spread,
  };
  return { data, rows: acc.ts.length, ...span(acc.ts) };
}
