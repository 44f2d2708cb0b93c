/**
 * A synthetic Level 2 session as IB would send it: 5 contiguous one-cent levels a side, spread 1–2 cents,
 * best-quote moves as IB row inserts/deletes, size updates, trades at the touch, one 317 reset and one
 * reconnect that lost data (both followed by the whole book resent). Deterministic for a seed.
 */
import type { OrderBookDelta } from '../../src-shared/domain/depth';
import { SessionWriter } from '../../src-main/recorder/session-writer';
import { ManualClock } from '../../src-main/platform/clock';

export type SynthEvent =
  | { kind: 'depth'; ts: number; op: Omit<OrderBookDelta, 'tsRecv'> }
  | { kind: 'trade'; ts: number; price: number; size: number }
  | { kind: 'reset'; ts: number }
  | { kind: 'reconnect'; ts: number; gapStart: number };

const LEVELS = 5;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function* synthEvents(o: { start: number; events: number; seed?: number; resetAt?: number; reconnectAt?: number }): Generator<SynthEvent> {
  const r = rng(o.seed ?? 7);
  let ts = o.start;
  let b = 10_000; // best bid, cents
  let a = 10_001;
  const bidSz = Array.from({ length: LEVELS }, () => 100);
  const askSz = Array.from({ length: LEVELS }, () => 100);
  const op = (position: number, operation: 0 | 1 | 2, side: 0 | 1, cents: number, size: number): SynthEvent => ({
    kind: 'depth', ts, op: { position, operation, side, price: cents / 100, size, marketMaker: '', isSmart: false },
  });
  function* fullBook(): Generator<SynthEvent> {
    for (let l = 0; l < LEVELS; l++) yield op(l, 0, 1, b - l, bidSz[l]);
    for (let l = 0; l < LEVELS; l++) yield op(l, 0, 0, a + l, askSz[l]);
  }
  yield* fullBook();
  let n = LEVELS * 2;
  while (n < o.events) {
    ts += 1 + Math.floor(r() * 40);
    if (o.resetAt !== undefined && n >= o.resetAt && n - o.resetAt < 1) {
      yield { kind: 'reset', ts };
      yield* fullBook();
      n += 2 * LEVELS;
      o.resetAt = undefined;
      continue;
    }
    if (o.reconnectAt !== undefined && n >= o.reconnectAt) {
      const gapStart = ts;
      ts += 15_000;
      yield { kind: 'reconnect', ts, gapStart };
      yield* fullBook();
      n += 2 * LEVELS;
      o.reconnectAt = undefined;
      continue;
    }
    const u = r();
    const size = 1 + Math.floor(r() * 500);
    if (u < 0.08) {
      // Best-quote move, pushed by the imbalance at the touch.
      const up = r() < bidSz[0] / (bidSz[0] + askSz[0]);
      if (a - b === 2 && up) { b++; bidSz.unshift(size); bidSz.pop(); yield op(0, 0, 1, b, size); yield op(LEVELS, 2, 1, b - LEVELS, 0); }
      else if (a - b === 2) { a--; askSz.unshift(size); askSz.pop(); yield op(0, 0, 0, a, size); yield op(LEVELS, 2, 0, a + LEVELS, 0); }
      else if (up) { a++; askSz.shift(); askSz.push(size); yield op(0, 2, 0, a - 1, 0); yield op(LEVELS - 1, 0, 0, a + LEVELS - 1, size); }
      else { b--; bidSz.shift(); bidSz.push(size); yield op(0, 2, 1, b + 1, 0); yield op(LEVELS - 1, 0, 1, b - LEVELS + 1, size); }
      n += 2;
    } else if (u < 0.2) {
      const buy = r() < 0.5;
      yield { kind: 'trade', ts, price: (buy ? a : b) / 100, size: 1 + Math.floor(r() * 300) };
      n++;
    } else {
      const side = r() < 0.5 ? 1 : 0;
      const l = Math.floor(r() * LEVELS);
      (side === 1 ? bidSz : askSz)[l] = size;
      yield op(l, 1, side, side === 1 ? b - l : a + l, size);
      n++;
    }
  }
}

/** Writes the events through the recorder's own SessionWriter; returns the session folder and id. */
export function writeSynthSession(dataDir: string, symbol: string, events: Iterable<SynthEvent>, start: number): { dir: string; sessionId: string; date: string } {
  const clock = new ManualClock(start);
  const w = new SessionWriter({ dataDir, symbol, instrument: null, clock, snapshotLevels: 5 });
  let last = start;
  for (const e of events) {
    clock.set(e.ts);
    last = e.ts;
    if (e.kind === 'depth') w.depth({ ...e.op, tsRecv: e.ts });
    else if (e.kind === 'trade') w.trade({ tsEvent: e.ts, tsRecv: e.ts, price: e.price, size: e.size, exchange: 'NASDAQ', conditions: '' });
    else if (e.kind === 'reset') w.reset(e.ts);
    else {
      w.pause(e.gapStart, 'socket closed');
      w.resume(e.ts, e.gapStart, true);
    }
  }
  w.close(last + 1);
  return { dir: w.dir, sessionId: w.sessionId, date: w.meta.date };
}
