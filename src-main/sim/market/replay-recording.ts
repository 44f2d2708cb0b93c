/**
 * Replay of a recorded Tapedeck session folder (src-main/recorder/README.md): depth.arrows drives the
 * book, ticks.arrows (when present) the trades, session.json says where the recorder cleared its book.
 * Every clear becomes deletes of the rows then held, so a client applying the replayed ops to an
 * `OrderBook` holds exactly the recorded book after every row.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Table } from 'apache-arrow';
import { OrderBook } from '../../../src-shared/domain/book';
import { DEPTH_COLUMNS, numbers, readSessionMetaStrict, readStream, strings, TICK_COLUMNS } from '../../recording-format/readers';
import { RECORDING_FILES } from '../../recording-format/schemas';
import { SESSION_FILE } from '../../recording-format/session-meta';
import type { ReplayLoader, ReplayOp, ReplaySource, ReplayTrade } from './replay-source';
import { REPLAY_BOOK_ROWS } from './replay-process';

/** One depth.arrows row, as the replay needs it. */
export interface RecordedDepthRow {
  tsRecv: number;
  seq: number;
  epoch: number;
  position: number;
  operation: number;
  side: number;
  price: number;
  size: number;
  marketMaker: string;
}

/** Where the recorder cleared its book besides epoch changes: right after row `seq` (IB 316/317), at `ts`. */
export interface RecordedClears {
  markers: ReadonlyArray<{ code: number; seq: number; ts: number }>;
  epochs: ReadonlyArray<{ epoch: number; start: number }>;
}

const BOOK_CLEARING_CODES = new Set([316, 317]);

/**
 * Depth rows in order, with deletes of every held row wherever the recorder cleared its book: when the
 * epoch changes (timed at the epoch's start) and after a 316/317 marker's row (timed at the marker).
 * `at` is ms after `t0` and never decreases; each row is its own message, each clear one more.
 */
export function recordedDepthOps(rows: readonly RecordedDepthRow[], clears: RecordedClears, t0: number): ReplayOp[] {
  const clearAfter = new Map<number, number>();
  for (const m of clears.markers) if (BOOK_CLEARING_CODES.has(m.code)) clearAfter.set(m.seq, Math.max(clearAfter.get(m.seq) ?? -Infinity, m.ts));
  const epochStart = new Map(clears.epochs.map((e) => [e.epoch, e.start]));
  const book = new OrderBook(REPLAY_BOOK_ROWS);
  const out: ReplayOp[] = [];
  let msg = 0;
  let lastAt = 0;
  const clamp = (ts: number | undefined, lo: number, hi: number) => (ts === undefined ? hi : Math.min(hi, Math.max(lo, ts - t0)));
  const clear = (at: number): void => {
    let any = false;
    for (const side of [0, 1] as const) {
      for (let r = book.row(side, 0); r; r = book.row(side, 0)) {
        const op: ReplayOp = { position: 0, operation: 2, side, price: r.price, size: r.size, marketMaker: r.marketMaker, at, msg, execution: false };
        book.apply(op);
        out.push(op);
        any = true;
      }
    }
    if (any) msg++;
  };
  rows.forEach((r, i) => {
    const at = Math.max(lastAt, r.tsRecv - t0);
    if (i > 0 && r.epoch !== rows[i - 1].epoch) clear(clamp(epochStart.get(r.epoch), lastAt, at));
    const op = { position: r.position, operation: r.operation as 0 | 1 | 2, side: r.side as 0 | 1, price: r.price, size: r.size, marketMaker: r.marketMaker };
    out.push({ ...op, at, msg: msg++, execution: false });
    book.apply(op);
    lastAt = at;
    const markTs = clearAfter.get(r.seq);
    if (markTs !== undefined) {
      const nextAt = i + 1 < rows.length ? Math.max(at, rows[i + 1].tsRecv - t0) : at;
      lastAt = clamp(markTs, at, nextAt);
      clear(lastAt);
    }
  });
  return out;
}

function depthRows(t: Table): RecordedDepthRow[] {
  const [tsRecv, seq, epoch, position, operation, side, price, size] = DEPTH_COLUMNS.slice(0, 8).map((c) => numbers(t, c));
  const marketMaker = strings(t, 'marketMaker');
  return tsRecv.map((ts, i) => ({
    tsRecv: ts, seq: seq[i], epoch: epoch[i], position: position[i], operation: operation[i], side: side[i],
    price: price[i], size: size[i], marketMaker: marketMaker[i],
  }));
}

/** Trades of ticks.arrows with their tsRecv (quotes are left out: the replay quotes its own book). */
function tradeRows(t: Table): Array<Omit<ReplayTrade, 'at'> & { tsRecv: number }> {
  const kind = strings(t, 'kind');
  const [tsRecv, price, size] = ['tsRecv', 'price', 'size'].map((c) => numbers(t, c));
  const [exchange, conditions] = ['exchange', 'conditions'].map((c) => strings(t, c));
  const out: Array<Omit<ReplayTrade, 'at'> & { tsRecv: number }> = [];
  kind.forEach((k, i) => {
    if (k === 'trade') out.push({ tsRecv: tsRecv[i], price: price[i], size: size[i], exchange: exchange[i], conditions: conditions[i] });
  });
  return out;
}

/** The session folder of a path that is the folder or one of its .arrows files. */
const sessionDirOf = (path: string): string => (isDir(path) ? path : dirname(path));

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads a session folder into a replay source; throws an Error naming the file at fault. */
export function loadRecordedSession(symbol: string, path: string): ReplaySource {
  const dir = sessionDirOf(path);
  try {
    if (!existsSync(dir)) throw new Error(`no session folder at ${dir}`);
    const meta = readSessionMetaStrict(dir);
    const rows = depthRows(readStream(join(dir, RECORDING_FILES.depth), DEPTH_COLUMNS));
    const ticksPath = join(dir, RECORDING_FILES.ticks);
    const trades = existsSync(ticksPath) ? tradeRows(readStream(ticksPath, TICK_COLUMNS)) : [];
    if (rows.length === 0 && trades.length === 0) throw new Error(`${dir} holds no depth rows and no trades`);
    const t0 = Math.min(rows[0]?.tsRecv ?? Infinity, trades[0]?.tsRecv ?? Infinity);
    const ops = recordedDepthOps(rows, { markers: meta.markers ?? [], epochs: meta.epochs ?? [] }, t0);
    let lastAt = 0;
    const timed = trades.map(({ tsRecv, ...t }) => ({ ...t, at: (lastAt = Math.max(lastAt, tsRecv - t0)) }));
    const durationMs = Math.max(ops.at(-1)?.at ?? 0, timed.at(-1)?.at ?? 0);
    return { symbol, ops, trades: timed, durationMs };
  } catch (e) {
    throw new Error(`replay ${symbol}: ${(e as Error).message}`);
  }
}

/** A recorded session: its folder (holding depth.arrows or session.json) or one of its .arrows files. */
export const recordedSessionLoader: ReplayLoader = {
  name: 'Tapedeck recording (session folder or depth.arrows)',
  canLoad: (path) =>
    basename(path).toLowerCase().endsWith('.arrows') ||
    (isDir(path) && (existsSync(join(path, RECORDING_FILES.depth)) || existsSync(join(path, SESSION_FILE)))),
  load: loadRecordedSession,
};
