import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplayFrame, ReplayInfo } from '../../../src-shared/contract/features/replay';
import type { RecordingSummary } from '../../../src-shared/contract/features/recorder';
import { calls } from '../../../src-shared/contract/calls';
import { events as eventSchemas } from '../../../src-shared/contract/events';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { SessionWriter } from '../../../src-main/recorder/session-writer';
import { summaryOf } from '../../../src-main/recorder/session-summary';
import { MAX_OPEN_REPLAYS, ReplayService, type Ticker } from '../../../src-main/replay/replay-service';
import { syntheticDepth } from '../../support/synthetic-depth';
import { makeTempDir } from '../../support/temp-dir';

const T0 = Date.UTC(2024, 5, 21, 13, 30, 0);

function manualTicker(): Ticker & { fire(): void; running: boolean } {
  let cb: (() => void) | null = null;
  return {
    start(f) {
      cb = f;
      return () => void (cb = null);
    },
    fire: () => cb?.(),
    get running() {
      return cb !== null;
    },
  };
}

describe('replay service', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  let wall: ManualClock;
  let ticker: ReturnType<typeof manualTicker>;
  let frames: ReplayFrame[];
  let catalog: RecordingSummary[];
  let svc: ReplayService;
  beforeEach(() => {
    tmp = makeTempDir('replay-svc-');
    clock = new ManualClock(T0);
    wall = new ManualClock(1_000_000);
    ticker = manualTicker();
    frames = [];
    catalog = [];
    svc = new ReplayService({
      catalog: { list: (q) => catalog.filter((r) => !q.symbol || r.symbol === q.symbol).slice(0, q.limit ?? 500) },
      emitFrame: (f) => frames.push(eventSchemas['replay:frame'].parse(f)),
      log: createLogger('replay-test'),
      wall,
      ticker,
    });
  });
  afterEach(() => {
    svc.dispose();
    tmp.cleanup();
  });

  function record(symbol: string, rows: number): RecordingSummary {
    const w = new SessionWriter({ dataDir: tmp.dir, symbol, instrument: null, clock, snapshotLevels: 3, batchRows: 256 });
    const gen = syntheticDepth(rows, clock.now(), { msPerOp: 0.5 });
    for (let i = 0; i < rows; i++) {
      const d = gen.next();
      clock.set(d.tsRecv);
      w.depth(d);
      if (i % 100 === 0) w.trade({ tsEvent: d.tsRecv, tsRecv: d.tsRecv, price: d.price, size: 100, exchange: 'ARCA', conditions: '' });
    }
    w.reset(clock.now());
    w.close(clock.now());
    const row = summaryOf(w.dir, w.meta);
    catalog.push(row);
    return row;
  }

  const opened = (r: ReturnType<ReplayService['open']>): ReplayInfo => {
    if (!r.ok) throw new Error(r.error.message);
    return calls['replay:open'].output.parse(r.value);
  };

  it('lists sessions by symbol and date with gaps and markers', () => {
    record('AAPL', 500);
    record('MSFT', 300);
    const r = svc.sessions({ symbol: 'AAPL' });
    expect(r.ok && r.value.map((s) => [s.symbol, s.markers, s.gaps])).toEqual([['AAPL', 1, 0]]);
    const none = svc.sessions({ date: '2020-01-01' });
    expect(none.ok && none.value).toEqual([]);
    const day = svc.sessions({ date: catalog[0].date });
    expect(day.ok && day.value.length).toBe(2);
  });

  it('opens by session id, by day and by folder; refuses hostile paths', () => {
    const a = record('AAPL', 800);
    clock.advance(120_000);
    record('AAPL', 400);
    const one = opened(svc.open({ sessionId: a.sessionId }, 'c1'));
    expect(one).toMatchObject({ symbol: 'AAPL', events: 800, quality: { mismatches: 0, warnings: [] } });
    expect(one.frame.seq).toBe(0);
    const day = opened(svc.open({ day: { symbol: 'AAPL', date: a.date } }, 'c1'));
    expect(day.events).toBe(1200);
    expect(day.sessions.map((s) => [s.firstSeq, s.lastSeq])).toEqual([[1, 800], [801, 1200]]);
    expect(opened(svc.open({ path: a.path }, 'c1')).events).toBe(800);

    const plain = join(tmp.dir, 'not-a-session');
    mkdirSync(plain);
    writeFileSync(join(tmp.dir, 'file.txt'), 'x');
    for (const [path, code] of [
      ['relative/dir', 'INVALID_INPUT'],
      ['/definitely/not/here', 'NOT_FOUND'],
      [join(tmp.dir, 'file.txt'), 'INVALID_INPUT'],
      [plain, 'INVALID_INPUT'],
      [`${a.path}\0`, 'INVALID_INPUT'],
      [join(a.path, '..', '..', '..'), 'INVALID_INPUT'],
    ] as const) {
      const r = svc.open({ path }, 'c1');
      expect(r.ok ? 'ok' : r.error.code, path).toBe(code);
    }
    writeFileSync(join(plain, 'session.json'), '{"version": 99}');
    const r = svc.open({ path: plain }, 'c1');
    expect(!r.ok && r.error.message).toMatch(/version 99/);
    expect(calls['replay:open'].input.safeParse({ sessionId: 'x', path: '/x' }).success).toBe(false);
  });

  it('plays at 10×: frames follow the wall clock, each names the events it moved past, none skipped', () => {
    const a = record('AAPL', 3000);
    const info = opened(svc.open({ sessionId: a.sessionId, levels: 5 }, 'c1'));
    const id = info.replayId;
    expect(svc.play({ replayId: id, speed: 10 }).ok).toBe(true);
    while (ticker.running && frames.length < 10_000) {
      wall.advance(16);
      ticker.fire();
    }
    expect(frames.at(-1)).toMatchObject({ seq: 3000, playing: false, atEnd: true });
    const span = info.end - info.start;
    expect(frames.length).toBeGreaterThanOrEqual(Math.floor(span / 160) - 1);
    let prev = 0;
    for (const f of frames) {
      expect(f.fromSeq).toBe(prev);
      expect(f.seq).toBeGreaterThanOrEqual(prev);
      expect(f.bids.length).toBeLessThanOrEqual(5);
      prev = f.seq;
    }
    // Every event between two frames is there to ask for.
    const f = frames[Math.floor(frames.length / 2)];
    const ev = svc.events({ replayId: id, fromSeq: f.fromSeq + 1, toSeq: f.seq });
    expect(ev.ok && ev.value.events.map((e) => e.seq)).toEqual(Array.from({ length: f.seq - f.fromSeq }, (_, i) => f.fromSeq + 1 + i));
  });

  it('plays as fast as possible to the end, pauses, seeks, steps and closes', () => {
    const a = record('AAPL', 5000);
    const id = opened(svc.open({ sessionId: a.sessionId }, 'c1')).replayId;
    svc.play({ replayId: id, speed: 'max' });
    for (let i = 0; i < 1000 && ticker.running; i++) ticker.fire();
    expect(frames.at(-1)!.seq).toBe(5000);
    expect(ticker.running).toBe(false);
    const s = svc.seek({ replayId: id, seq: 1234 });
    expect(s.ok && s.value.seq).toBe(1234);
    const back = svc.step({ replayId: id, kind: 'event', direction: -1 });
    expect(back.ok && back.value.seq).toBe(1233);
    const trade = svc.step({ replayId: id, kind: 'trade', direction: 1 });
    expect(trade.ok && trade.value.trades.at(-1)!.ts).toBe(trade.ok && trade.value.ts);
    const marker = svc.step({ replayId: id, kind: 'marker', direction: 1 });
    expect(marker.ok && marker.value.bids).toEqual([]); // the 317 at the end cleared the book
    svc.play({ replayId: id, speed: 2 });
    expect(ticker.running).toBe(true);
    const p = svc.pause({ replayId: id });
    expect(p.ok && p.value.playing).toBe(false);
    ticker.fire();
    expect(ticker.running).toBe(false);
    expect(svc.close({ replayId: id }).ok).toBe(true);
    expect(svc.seek({ replayId: id, seq: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('opens a session still being written (up to its last flush) and one with tape but no depth', () => {
    const w = new SessionWriter({ dataDir: tmp.dir, symbol: 'LIVE', instrument: null, clock, snapshotLevels: 3, batchRows: 256 });
    const gen = syntheticDepth(5, clock.now());
    for (let i = 0; i < 700; i++) w.depth(gen.next());
    w.flush();
    for (let i = 0; i < 50; i++) w.depth(gen.next()); // not flushed yet
    catalog.push(summaryOf(w.dir, w.meta));
    const live = opened(svc.open({ path: w.dir }, 'c1'));
    expect(live.events).toBe(700);
    const end = svc.seek({ replayId: live.replayId, seq: 700 });
    expect(end.ok && end.value.bids.length + end.value.asks.length).toBeGreaterThan(0);
    w.close(clock.now());

    const t = new SessionWriter({ dataDir: tmp.dir, symbol: 'TAPE', instrument: null, clock, snapshotLevels: 3 });
    t.trade({ tsEvent: clock.now(), tsRecv: clock.now(), price: 10, size: 5, exchange: 'X', conditions: '' });
    clock.advance(1000);
    t.close(clock.now());
    const tape = opened(svc.open({ path: t.dir }, 'c1'));
    expect(tape).toMatchObject({ events: 0, trades: 1 });
    const last = svc.step({ replayId: tape.replayId, kind: 'trade', direction: 1 });
    expect(last.ok && last.value).toMatchObject({ seq: 0, tradeCount: 1, last: 10, bids: [], asks: [] });
  });

  it('caps open replays and closes a client’s replays when it leaves', () => {
    const a = record('AAPL', 200);
    for (let i = 0; i < MAX_OPEN_REPLAYS; i++) opened(svc.open({ sessionId: a.sessionId }, 'c2'));
    expect(svc.open({ sessionId: a.sessionId }, 'c3')).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } });
    svc.clientClosed('c2');
    expect(svc.open({ sessionId: a.sessionId }, 'c3').ok).toBe(true);
  });
});
