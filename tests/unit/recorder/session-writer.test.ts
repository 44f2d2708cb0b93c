import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordBatchStreamWriter, tableFromArrays, tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderBookDelta } from '../../../src-shared/domain/depth';
import { ManualClock } from '../../../src-main/platform/clock';
import { scanIpcStream } from '../../../src-main/recording-format/ipc-framing';
import { repairRecordings } from '../../../src-main/recorder/repair';
import { describeIoError, readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { ArrowStreamFile, forgetFooterBlocks } from '../../../src-main/recording-format/arrow-stream-file';
import { DEPTH_SCHEMA } from '../../../src-main/recording-format/schemas';
import { SessionWriter } from '../../../src-main/recorder/session-writer';
import { makeTempDir } from '../../support/temp-dir';

const T0 = Date.UTC(2024, 5, 21, 13, 30, 0); // 09:30 ET

function delta(i: number): OrderBookDelta {
  return {
    tsRecv: T0 + i,
    position: 0,
    operation: i === 0 ? 0 : 1,
    side: (i % 2) as 0 | 1,
    price: 100 + (i % 50) / 100,
    size: 100 + i,
    marketMaker: i % 3 === 0 ? 'NSDQ' : 'ARCA',
    isSmart: i % 2 === 0,
  };
}

function memoryCatalog() {
  const rows = new Map<string, { state: string; repaired: boolean }>();
  return {
    rows,
    upsert: (r: { path: string; state: string; repaired: boolean }) => void rows.set(r.path, r),
    list: () => [],
  };
}

describe('SessionWriter', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  beforeEach(() => {
    tmp = makeTempDir('rec-writer-');
    clock = new ManualClock(T0);
  });
  afterEach(() => tmp.cleanup());

  const open = (batchRows = 64) =>
    new SessionWriter({ dataDir: tmp.dir, symbol: 'AAPL', instrument: null, clock, snapshotLevels: 3, batchRows });

  it('lays out files by symbol, ET date and a sortable session id', () => {
    const w = open();
    expect(w.dir).toMatch(/recordings[/\\]symbol=AAPL[/\\]date=2024-06-21[/\\]093000-[0-9a-f]{4}$/);
    w.close(clock.now());
  });

  it('round-trips depth, ticks and snapshots through Arrow with exact columns and order', () => {
    const w = open(64);
    for (let i = 0; i < 200; i++) w.depth({ ...delta(i), position: 0, operation: 0 });
    w.trade({ tsEvent: T0 + 5, tsRecv: T0 + 6, price: 100.5, size: 300, exchange: 'NASDAQ', conditions: 'T' });
    w.quote({ tsEvent: T0 + 7, tsRecv: T0 + 8, bidPrice: 100.4, askPrice: 100.6, bidSize: 200, askSize: 100 });
    w.snapshot(T0 + 100);
    w.close(T0 + 1000);

    const depth = tableFromIPC(readFileSync(join(w.dir, 'depth.arrows')));
    expect(depth.schema.fields.map((f) => f.name)).toEqual([
      'tsRecv', 'seq', 'epoch', 'position', 'operation', 'side', 'price', 'size', 'marketMaker', 'isSmart',
    ]);
    expect(depth.numRows).toBe(200);
    const rows = depth.toArray().map((r) => r.toJSON());
    rows.forEach((r, i) => {
      const d = delta(i);
      expect(r).toEqual({ tsRecv: d.tsRecv, seq: BigInt(i + 1), epoch: 1, position: 0, operation: 0, side: d.side, price: d.price, size: d.size, marketMaker: d.marketMaker, isSmart: d.isSmart });
    });
    const ticks = tableFromIPC(readFileSync(join(w.dir, 'ticks.arrows'))).toArray().map((r) => r.toJSON());
    expect(ticks[0]).toMatchObject({ kind: 'trade', tsEvent: T0 + 5, tsRecv: T0 + 6, price: 100.5, size: 300, exchange: 'NASDAQ', conditions: 'T' });
    expect(ticks[1]).toMatchObject({ kind: 'quote', bidPrice: 100.4, askPrice: 100.6, bidSize: 200, askSize: 100 });
    expect(Number.isNaN(ticks[1].price)).toBe(true);
    const snaps = tableFromIPC(readFileSync(join(w.dir, 'snapshots.arrows')));
    expect(snaps.numRows).toBe(1);
    const s = snaps.get(0)!.toJSON();
    expect(s.ts).toBe(T0 + 100);
    expect(s.bidSize0).toBeGreaterThan(0);
    const meta = readSessionMeta(w.dir)!;
    expect(meta.stoppedAt).toBe(T0 + 1000);
    expect(meta.counts).toMatchObject({ depthMessages: 200, tickMessages: 2, trades: 1, quotes: 1, snapshots: 1 });
    expect(meta.counts.bytes).toBe(
      ['depth', 'ticks', 'snapshots'].reduce((n, f) => n + statSync(join(w.dir, `${f}.arrows`)).size, 0),
    );
    expect(scanIpcStream(readFileSync(join(w.dir, 'depth.arrows'))).eos).toBe(true);
  });

  it('a reconnect starts a new epoch, closes the gap and clears the book', () => {
    const w = open();
    w.depth(delta(0));
    w.pause(T0 + 10, 'socket closed');
    w.resume(T0 + 50, T0 + 10, true);
    w.depth({ ...delta(1), operation: 0 });
    w.reset(T0 + 60);
    w.pause(T0 + 70, 'IB lost its connection (1100)');
    w.depth({ ...delta(2), operation: 0 });
    w.resume(T0 + 80, T0 + 70, false); // 1102: subscriptions and book kept
    expect(w.book.depth(0) + w.book.depth(1)).toBe(1);
    w.close(T0 + 100);
    const meta = readSessionMeta(w.dir)!;
    expect(meta.gaps).toEqual([
      { start: T0 + 10, end: T0 + 50, reason: 'socket closed' },
      { start: T0 + 70, end: T0 + 80, reason: 'IB lost its connection (1100)' },
    ]);
    expect(meta.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(meta.markers.map((m) => m.code)).toEqual([1100, 1101, 317, 1100, 1102]);
    expect(meta.markers[2].seq).toBe(2);
    const epochs = tableFromIPC(readFileSync(join(w.dir, 'depth.arrows'))).getChild('epoch')!.toArray();
    expect([...epochs]).toEqual([1, 2, 2]);
  });

  it('repairs a file cut mid-batch: whole batches survive, the loss is reported, catalog updated', () => {
    const w = open(50);
    for (let i = 0; i < 175; i++) w.depth({ ...delta(i), operation: 0, position: 0 });
    w.flush(); // 4 batches: 50+50+50+25
    const path = join(w.dir, 'depth.arrows');
    const full = statSync(path).size;
    const cut = full - 40; // inside the last batch's body
    truncateSync(path, cut);
    const catalog = memoryCatalog();
    const report = repairRecordings(tmp.dir, catalog as never, clock);
    expect(report.repaired).toBe(1);
    const table = tableFromIPC(readFileSync(path));
    expect(table.numRows).toBe(150);
    expect(Number(table.getChild('tsRecv')!.get(149))).toBe(T0 + 149);
    const meta = readSessionMeta(w.dir)!;
    expect(meta.repaired!.lastGoodTsRecv).toBe(T0 + 149);
    expect(meta.repaired!.files['depth.arrows']).toBe(cut - scanIpcStream(readFileSync(path)).goodEnd + 8);
    expect(report.lostBytes).toBeGreaterThan(0);
    expect(meta.stoppedAt).not.toBeNull();
    expect([...catalog.rows.values()][0]).toMatchObject({ state: 'repaired', repaired: true });
    // a second pass finds nothing left open
    expect(repairRecordings(tmp.dir, catalog as never, clock).repaired).toBe(0);
  });

  it('repairs a file cut inside the schema message by rewriting an empty stream', () => {
    const w = open();
    const path = join(w.dir, 'ticks.arrows');
    w.flush();
    truncateSync(path, 20);
    repairRecordings(tmp.dir, memoryCatalog() as never, clock);
    const table = tableFromIPC(readFileSync(path));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)[0]).toBe('kind');
  });

  it('an unwritable folder fails with a message a trader can act on', () => {
    const notADir = join(tmp.dir, 'file');
    writeFileSync(notADir, 'x');
    expect(() => new SessionWriter({ dataDir: notADir, symbol: 'AAPL', instrument: null, clock, snapshotLevels: 3 })).toThrow(
      /^Cannot write to .*symbol=AAPL.*: ENOTDIR — check the disk$/,
    );
  });

  it('a full disk surfaces as ENOSPC with advice', () => {
    expect(existsSync('/dev/full')).toBe(true);
    let message = '';
    try {
      new ArrowStreamFile('/dev/full', DEPTH_SCHEMA);
    } catch (e) {
      message = describeIoError('/data', e);
    }
    expect(message).toBe('Cannot write to /data: ENOSPC — free disk space');
  });
});

describe('ArrowStreamFile memory', () => {
  it("keeps no footer block per batch (a stream has no footer), and the stream stays whole", () => {
    const writer = new RecordBatchStreamWriter();
    const table = tableFromArrays({ a: Int32Array.from([1, 2, 3]) });
    writer.reset(undefined, table.schema);
    for (let i = 0; i < 50; i++) {
      writer.write(table.batches[0]);
      forgetFooterBlocks(writer);
    }
    // The installed arrow still keeps the list this clears: if this fails, its internals changed.
    expect((writer as unknown as { _recordBatchBlocks: unknown[] })._recordBatchBlocks).toEqual([]);
    const back = tableFromIPC(writer.toUint8Array(true));
    expect(back.batches).toHaveLength(50);
    expect(back.numRows).toBe(150);
  });
});
