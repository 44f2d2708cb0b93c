/**
 * The ONE place the analysis reads a recording from disk (src-main/recorder/README.md, format in src-main/recording-format): depth.arrows rows
 * are applied to an `OrderBook` (cleared at a new epoch and right after a 316/317 marker's row) and the
 * top levels after every row become a `BookSeries`; trades of ticks.arrows become a `TradeSeries` (tsRecv,
 * the same clock as depth); session.json gives gaps and markers. Everything else in the analysis is pure
 * over these plain arrays, so re-pointing this file at another reader is the whole migration.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Table, tableFromIPC } from 'apache-arrow';
import { OrderBook } from '../../src-shared/domain/book';
import { type BookSeries, emptyBookSeries, topOfBook, type TradeSeries } from '../../src-shared/domain/metrics/series';
import { EOS_MARKER, scanIpcStream } from '../recording-format/ipc-framing';
import { RECORDING_FILES } from '../recording-format/schemas';
import { readSessionMeta, type SessionMeta, sessionDir } from '../recording-format/session-meta';

export interface LoadedSession {
  dirs: string[];
  metas: SessionMeta[];
  book: BookSeries;
  trades: TradeSeries;
  /** Files read only up to their last whole batch (a crash not yet repaired). */
  warnings: string[];
}

const CLEARING_CODES = new Set([316, 317]);

/** Session ids of a symbol's date, in start order. */
export function listSessions(dataDir: string, symbol: string, date: string): string[] {
  const dir = join(dataDir, 'recordings', `symbol=${symbol}`, `date=${date}`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

function readTable(path: string, warnings: string[]): Table | null {
  if (!existsSync(path)) return null;
  let bytes: Uint8Array = readFileSync(path);
  const scan = scanIpcStream(bytes);
  if (!scan.hasSchema) throw new Error(`${path} is not an Arrow IPC stream (empty, or cut before its schema)`);
  if (scan.goodEnd < bytes.length || !scan.eos) {
    if (scan.goodEnd < bytes.length) warnings.push(`${path}: ${bytes.length - scan.goodEnd} torn bytes after row ${scan.rows} ignored`);
    const whole = new Uint8Array(scan.goodEnd + EOS_MARKER.length);
    whole.set(bytes.subarray(0, scan.goodEnd));
    whole.set(EOS_MARKER, scan.goodEnd);
    bytes = whole;
  }
  return tableFromIPC(bytes);
}

const col = (t: Table, name: string): ArrayLike<number | bigint> => {
  const c = t.getChild(name);
  if (!c) throw new Error(`recording file has no column ${name}`);
  return c.toArray() as ArrayLike<number | bigint>;
};

/** Writes the book's top `levels` price levels (rows merged by price, best first) into row i of `s`. */
function writeLevels(book: OrderBook, s: BookSeries, i: number): void {
  const L = s.levels;
  for (const side of [1, 0] as const) {
    const px = side === 1 ? s.bidPx : s.askPx;
    const sz = side === 1 ? s.bidSz : s.askSz;
    let n = 0;
    const rows = book.depth(side);
    for (let p = 0; p < rows; p++) {
      const r = book.row(side, p)!;
      let l = 0;
      while (l < n && Math.abs(px[i * L + l] - r.price) > 1e-9) l++;
      if (l < n) sz[i * L + l] += r.size;
      else if (n < L) {
        px[i * L + n] = r.price;
        sz[i * L + n] = r.size;
        n++;
      }
    }
  }
}

function depthSeries(t: Table, meta: SessionMeta, levels: number): BookSeries {
  const n = t.numRows;
  const [ts, seq, epoch, position, operation, side, price, size] = ['tsRecv', 'seq', 'epoch', 'position', 'operation', 'side', 'price', 'size'].map((c) => col(t, c));
  const mm = t.getChild('marketMaker')?.toArray() as ArrayLike<string | null> | undefined;
  const clearAfter = new Set(meta.markers.filter((m) => CLEARING_CODES.has(m.code)).map((m) => m.seq));
  const book = new OrderBook();
  const s = emptyBookSeries(n, levels);
  for (let i = 0; i < n; i++) {
    if (i > 0 && epoch[i] !== epoch[i - 1]) book.clear();
    book.apply({ position: Number(position[i]), operation: Number(operation[i]), side: Number(side[i]), price: Number(price[i]), size: Number(size[i]), marketMaker: mm?.[i] ?? '' });
    s.t[i] = Number(ts[i]);
    writeLevels(book, s, i);
    if (clearAfter.has(Number(seq[i]))) book.clear();
  }
  return s;
}

function tradesOf(t: Table | null): TradeSeries {
  if (!t) return { n: 0, t: new Float64Array(0), price: new Float64Array(0), size: new Float64Array(0) };
  const kind = t.getChild('kind')!.toArray() as ArrayLike<string>;
  const [ts, price, size] = ['tsRecv', 'price', 'size'].map((c) => col(t, c));
  const idx: number[] = [];
  for (let i = 0; i < t.numRows; i++) if (kind[i] === 'trade') idx.push(i);
  const out = { n: idx.length, t: new Float64Array(idx.length), price: new Float64Array(idx.length), size: new Float64Array(idx.length) };
  idx.forEach((r, j) => {
    out.t[j] = Number(ts[r]);
    out.price[j] = Number(price[r]);
    out.size[j] = Number(size[r]);
  });
  return out;
}

function concatBooks(parts: BookSeries[], levels: number): BookSeries {
  if (parts.length === 1) return parts[0];
  const out = emptyBookSeries(parts.reduce((a, p) => a + p.n, 0), levels);
  let at = 0;
  for (const p of parts) {
    out.t.set(p.t, at);
    for (const k of ['bidPx', 'bidSz', 'askPx', 'askSz'] as const) out[k].set(p[k], at * levels);
    at += p.n;
  }
  return out;
}

function concatTrades(parts: TradeSeries[]): TradeSeries {
  if (parts.length === 1) return parts[0];
  const n = parts.reduce((a, p) => a + p.n, 0);
  const out = { n, t: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n) };
  let at = 0;
  for (const p of parts) {
    for (const k of ['t', 'price', 'size'] as const) out[k].set(p[k], at);
    at += p.n;
  }
  return out;
}

/** Loads one session, or every session of the symbol's date (in start order) when `sessionId` is omitted. */
export function loadSession(o: { dataDir: string; symbol: string; date: string; sessionId?: string; levels?: number }): LoadedSession {
  const ids = o.sessionId ? [o.sessionId] : listSessions(o.dataDir, o.symbol, o.date);
  if (!ids.length) throw new Error(`no recording of ${o.symbol} on ${o.date} under ${join(o.dataDir, 'recordings')}`);
  return loadSessionDirs(ids.map((id) => sessionDir(o.dataDir, o.symbol, o.date, id)), o.levels);
}

/** Loads session folders (in the given order, which should be start order), e.g. an open replay's. */
export function loadSessionDirs(sessionDirs: readonly string[], levels = 10): LoadedSession {
  const warnings: string[] = [];
  const dirs: string[] = [];
  const metas: SessionMeta[] = [];
  const books: BookSeries[] = [];
  const trades: TradeSeries[] = [];
  for (const dir of sessionDirs) {
    const meta = readSessionMeta(dir);
    if (!meta) throw new Error(`cannot read ${join(dir, 'session.json')}: without it the book resets are unknown`);
    const depth = readTable(join(dir, RECORDING_FILES.depth), warnings);
    dirs.push(dir);
    metas.push(meta);
    books.push(depth ? depthSeries(depth, meta, levels) : emptyBookSeries(0, levels));
    trades.push(tradesOf(readTable(join(dir, RECORDING_FILES.ticks), warnings)));
  }
  const all = concatBooks(books, levels);
  // The best level contiguous (made here, while the rows are hot) so the analysis reads it cheaply.
  return { dirs, metas, book: { ...all, best: topOfBook(all) }, trades: concatTrades(trades), warnings };
}
