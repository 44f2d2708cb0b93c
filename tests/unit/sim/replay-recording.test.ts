import { copyFileSync, mkdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import { ManualClock } from '../../../src-main/platform/clock';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { SessionWriter } from '../../../src-main/recorder/session-writer';
import { REPLAY_LEAD_MS } from '../../../src-main/sim/market/replay-process';
import { loadReplaySource } from '../../../src-main/sim/market/replay-source';
import type { SimDepthOp, SimMarket, SimTrade } from '../../../src-main/sim/market/types';
import { makeTempDir } from '../../support/temp-dir';
import { manualMarket } from './market-helpers';

const T0 = Date.UTC(2024, 5, 21, 13, 30, 0); // 09:30 ET
type Row = { t: number; position: number; operation: 0 | 1 | 2; side: 0 | 1; price: number; size: number; mm?: string };

/**
 * A session with every kind of book clear: 317 after row 4, a reconnect that lost data (epoch 2) before
 * row 7, 316 after row 9, and a 1102 reconnect (book kept) before row 13. Two trades.
 */
function writeSession(dataDir: string, close = true): string {
  const w = new SessionWriter({ dataDir, symbol: 'AAPL', instrument: null, clock: new ManualClock(T0), snapshotLevels: 3, batchRows: 4 });
  const depth = (r: Row) => w.depth({ tsRecv: T0 + r.t, position: r.position, operation: r.operation, side: r.side, price: r.price, size: r.size, marketMaker: r.mm ?? 'NSDQ', isSmart: true });
  depth({ t: 0, position: 0, operation: 0, side: 1, price: 100, size: 300 });
  depth({ t: 10, position: 1, operation: 0, side: 1, price: 99.99, size: 200, mm: 'ARCA' });
  depth({ t: 20, position: 0, operation: 0, side: 0, price: 100.01, size: 100 });
  depth({ t: 30, position: 0, operation: 1, side: 0, price: 100.01, size: 400, mm: 'ARCA' });
  w.trade({ tsEvent: T0 + 34, tsRecv: T0 + 35, price: 100.01, size: 50, exchange: 'NASDAQ', conditions: 'T' });
  w.reset(T0 + 45);
  depth({ t: 50, position: 0, operation: 0, side: 1, price: 100, size: 500 });
  depth({ t: 60, position: 0, operation: 0, side: 0, price: 100.02, size: 600 });
  w.pause(T0 + 70, 'socket closed');
  w.resume(T0 + 80, T0 + 70, true);
  depth({ t: 90, position: 0, operation: 0, side: 1, price: 101, size: 100 });
  depth({ t: 100, position: 0, operation: 0, side: 0, price: 101.01, size: 100 });
  depth({ t: 110, position: 1, operation: 0, side: 1, price: 100.99, size: 100 });
  w.trade({ tsEvent: T0 + 115, tsRecv: T0 + 115, price: 101, size: 100, exchange: 'ARCA', conditions: '' });
  w.resubscribed(T0 + 120);
  depth({ t: 130, position: 0, operation: 0, side: 0, price: 101.02, size: 200 });
  depth({ t: 140, position: 0, operation: 0, side: 1, price: 101, size: 300 });
  depth({ t: 150, position: 0, operation: 2, side: 1, price: 101, size: 300 });
  w.pause(T0 + 160, 'IB lost its connection (1100)');
  w.resume(T0 + 170, T0 + 160, false);
  depth({ t: 180, position: 0, operation: 1, side: 0, price: 101.02, size: 250 });
  if (close) w.close(T0 + 200);
  else w.flush();
  return w.dir;
}

/**
 * The README's rebuild, one state per step: each row, and each clear (at an epoch change, timed at the
 * epoch's start; after a 316/317 marker's row, timed at the marker).
 */
function recordedBooks(dir: string): { at: number; book: OrderBook }[] {
  const meta = readSessionMeta(dir)!;
  const clearAt = new Map(meta.markers.filter((m) => m.code === 316 || m.code === 317).map((m) => [m.seq, m.ts - T0]));
  const epochAt = new Map(meta.epochs.map((e) => [e.epoch, e.start - T0]));
  const rows = tableFromIPC(readFileSync(join(dir, 'depth.arrows'))).toArray().map((r) => r.toJSON());
  const book = new OrderBook();
  const out: { at: number; book: OrderBook }[] = [];
  const push = (at: number) => {
    const copy = new OrderBook();
    for (const side of [0, 1] as const) (side === 0 ? book.asks() : book.bids()).forEach((row, p) => copy.apply({ position: p, operation: 0, side, ...row }));
    out.push({ at, book: copy });
  };
  rows.forEach((r, i) => {
    if (i > 0 && r.epoch !== rows[i - 1].epoch) {
      book.clear();
      push(epochAt.get(r.epoch)!);
    }
    book.apply(r);
    push(Number(r.tsRecv) - T0);
    const markAt = clearAt.get(Number(r.seq));
    if (markAt !== undefined) {
      book.clear();
      push(markAt);
    }
  });
  return out;
}

const rowsOf = (b: OrderBook) => ({ bids: b.bids(), asks: b.asks() });

describe('replay of a recorded Tapedeck session', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const markets: SimMarket[] = [];
  beforeEach(() => (tmp = makeTempDir('replay-rec-')));
  afterEach(() => {
    markets.splice(0).forEach((m) => m.dispose());
    tmp.cleanup();
  });

  it('a client applying the replayed ops holds the recorded book after every row, timed by tsRecv', () => {
    const dir = writeSession(tmp.dir);
    const { market, clock } = manualMarket({ replay: [{ symbol: 'AAPL', path: dir }] });
    markets.push(market);
    const conId = market.bySymbol('AAPL')!.conId;
    expect(market.book(conId, 10, true)).toEqual({ bids: [], asks: [] });
    const client = new OrderBook();
    const ops: SimDepthOp[] = [];
    const trades: SimTrade[] = [];
    market.onDepth(conId, true, (op) => (ops.push(op), client.apply(op)));
    market.onTrade(conId, (t) => trades.push(t));
    const start = clock.now();
    const sim0 = market.now();
    const books = recordedBooks(dir);
    books.forEach(({ at, book }, i) => {
      // At the step's recorded time and until just before the next step, the client holds that book.
      for (const t of [at, i + 1 < books.length ? books[i + 1].at - 1 : at + 1_000]) {
        clock.set(start + REPLAY_LEAD_MS + t);
        market.book(conId, 0, true);
        expect(rowsOf(client), `step ${i} at +${t} ms`).toEqual(rowsOf(book));
      }
    });
    expect(books).toHaveLength(13 + 3);
    expect(client.anomalies).toBe(0);
    // 13 rows plus deletes of the 3, 2 and 3 rows held at the 317, the new epoch and the 316.
    expect(ops).toHaveLength(13 + 8);
    // Market makers pass through, and a clear's deletes carry the removed row's maker and size.
    expect(ops.slice(0, 7).map((o) => [o.operation, o.side, o.price, o.size, o.marketMaker])).toEqual([
      [0, 1, 100, 300, 'NSDQ'], [0, 1, 99.99, 200, 'ARCA'], [0, 0, 100.01, 100, 'NSDQ'], [1, 0, 100.01, 400, 'ARCA'],
      [2, 0, 100.01, 400, 'ARCA'], [2, 1, 100, 300, 'NSDQ'], [2, 1, 99.99, 200, 'ARCA'],
    ]);
    expect(trades).toEqual([
      { time: sim0 + REPLAY_LEAD_MS + 35, price: 100.01, size: 50, exchange: 'NASDAQ', conditions: 'T' },
      { time: sim0 + REPLAY_LEAD_MS + 115, price: 101, size: 100, exchange: 'ARCA', conditions: '' },
    ]);
    expect(market.quote(conId)).toMatchObject({ last: 101, lastSize: 100, bid: 0, ask: 101.02, askSize: 250 });
  });

  it('clears at the recorded times and scales them by speed', () => {
    const dir = writeSession(tmp.dir);
    const src = loadReplaySource('aapl', dir);
    expect(src.symbol).toBe('AAPL');
    const deletesAt = [...new Set(src.ops.filter((o) => o.operation === 2 && o.at !== 150).map((o) => o.at))];
    expect(deletesAt).toEqual([45, 80, 120]);
    expect(src.durationMs).toBe(180);

    const { market, clock } = manualMarket({ speed: 10, replay: [{ symbol: 'AAPL', path: join(dir, 'depth.arrows') }] });
    markets.push(market);
    const conId = market.bySymbol('AAPL')!.conId;
    const start = clock.now();
    // Sim time moves 10x: the row at +110 ms and the 316 clear at +120 ms play by real +12 ms after the lead.
    clock.set(start + REPLAY_LEAD_MS / 10 + 11);
    expect(market.book(conId, 10, true).bids.map((o) => o.price)).toEqual([101, 100.99]);
    clock.set(start + REPLAY_LEAD_MS / 10 + 12);
    expect(market.book(conId, 10, true)).toEqual({ bids: [], asks: [] });
  });

  it('loops: deletes the book, plays again, and the client never sees an anomaly', () => {
    const dir = writeSession(tmp.dir);
    const { market, clock } = manualMarket({ replay: [{ symbol: 'AAPL', path: dir, loop: true }] });
    markets.push(market);
    const conId = market.bySymbol('AAPL')!.conId;
    const client = new OrderBook();
    let trades = 0;
    market.onDepth(conId, false, (op) => client.apply(op));
    market.onTrade(conId, () => trades++);
    for (let i = 0; i < 60; i++) {
      clock.advance(100);
      market.book(conId, 0, false);
    }
    expect(client.anomalies).toBe(0);
    expect(client.messages).toBeGreaterThan(3 * 21);
    expect(trades).toBeGreaterThanOrEqual(6);
  });

  it('replays a session still being recorded (whole batches, no end-of-stream marker yet)', () => {
    const dir = writeSession(tmp.dir, false);
    expect(loadReplaySource('AAPL', dir).ops.length).toBe(21);
  });

  it('a torn or missing file is a clear error, not a crash', () => {
    const dir = writeSession(tmp.dir);
    const copy = (name: string, files: string[]) => {
      const to = join(tmp.dir, name);
      mkdirSync(to);
      for (const f of files) copyFileSync(join(dir, f), join(to, f));
      return to;
    };
    const torn = copy('torn', ['depth.arrows', 'ticks.arrows', 'session.json']);
    truncateSync(join(torn, 'depth.arrows'), readFileSync(join(torn, 'depth.arrows')).length - 20);
    expect(() => manualMarket({ replay: [{ symbol: 'AAPL', path: torn }] })).toThrow(/replay AAPL: .*depth\.arrows is torn: \d+ bytes after its last whole batch/);

    const tornTicks = copy('torn-ticks', ['depth.arrows', 'ticks.arrows', 'session.json']);
    truncateSync(join(tornTicks, 'ticks.arrows'), 30);
    expect(() => loadReplaySource('AAPL', tornTicks)).toThrow(/ticks\.arrows is not an Arrow IPC stream/);

    const noDepth = copy('no-depth', ['ticks.arrows', 'session.json']);
    expect(() => loadReplaySource('AAPL', noDepth)).toThrow(/cannot read .*depth\.arrows: ENOENT/);

    const noMeta = copy('no-meta', ['depth.arrows']);
    expect(() => loadReplaySource('AAPL', join(noMeta, 'depth.arrows'))).toThrow(/cannot read .*session\.json \(ENOENT\)/);

    const noTicks = copy('no-ticks', ['depth.arrows', 'session.json']);
    const src = loadReplaySource('AAPL', noTicks);
    expect(src.trades).toEqual([]);
    expect(src.ops).toHaveLength(21);

    rmSync(join(noMeta, 'depth.arrows'));
    expect(() => loadReplaySource('AAPL', noMeta)).toThrow(/no loader accepts a folder/);
  });
});
