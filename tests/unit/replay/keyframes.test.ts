import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import { bookChecksum } from '../../../src-shared/domain/replay/book-checksum';
import { ManualClock } from '../../../src-main/platform/clock';
import { SessionWriter } from '../../../src-main/recorder/session-writer';
import { KEYFRAME_EVERY_OPS } from '../../../src-main/recorder/keyframe-keeper';
import { repairSession } from '../../../src-main/recorder/repair';
import { buildBatchIndex, readBatchIndex } from '../../../src-main/recording-format/batch-index';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { SessionReader } from '../../../src-main/recording-format/session-reader';
import { CHECK_FILE, loadKeyframes, verifyKeyframes } from '../../../src-main/replay/keyframe-check';
import { syntheticDepth } from '../../support/synthetic-depth';
import { makeTempDir } from '../../support/temp-dir';

const T0 = Date.UTC(2024, 5, 21, 13, 30, 0);

describe('keyframes and the batch index', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  beforeEach(() => {
    tmp = makeTempDir('replay-kf-');
    clock = new ManualClock(T0);
  });
  afterEach(() => tmp.cleanup());

  /** A session with periodic keyframes, a 317, a 316, a reconnect that lost data and one that kept it. */
  function record(rows = 9000, close = true): SessionWriter {
    const w = new SessionWriter({ dataDir: tmp.dir, symbol: 'AAPL', instrument: null, clock, snapshotLevels: 3, batchRows: 512 });
    const gen = syntheticDepth(7, T0, { makers: true });
    const feed = (n: number) => {
      for (let i = 0; i < n; i++) {
        const d = gen.next();
        clock.set(d.tsRecv);
        w.depth(d);
        if (i % 700 === 0) w.flush();
      }
    };
    w.subscribed(clock.now());
    feed(rows / 3);
    w.reset(clock.now());
    feed(rows / 6);
    w.resubscribed(clock.now());
    feed(rows / 6);
    w.pause(clock.now(), 'socket closed');
    clock.advance(5000);
    w.resume(clock.now(), clock.now() - 5000, true);
    feed(rows / 6);
    w.pause(clock.now(), 'farm');
    w.resume(clock.now() + 10, clock.now(), false);
    feed(rows / 6);
    if (close) w.close(clock.now());
    else w.flush();
    return w;
  }

  it('the recorder writes keyframes at start, every few thousand ops, after clears and gaps; each reproduces the next', () => {
    const w = record();
    const r = SessionReader.open(w.dir);
    expect(r.indexBuilt).toBe(false); // written at close
    const stored = r.storedKeyframes()!;
    expect(stored.rejected).toEqual([]);
    const kfs = stored.keyframes;
    const reasons = kfs.map((k) => k.reason);
    expect(reasons[0]).toBe('start');
    for (const reason of ['subscribe', 'periodic', 'reset', 'resubscribe', 'epoch', 'gap', 'close']) expect(reasons).toContain(reason);
    for (let k = 1; k < kfs.length; k++) expect(kfs[k].seq - kfs[k - 1].seq).toBeLessThanOrEqual(KEYFRAME_EVERY_OPS);
    expect(kfs.find((k) => k.reason === 'reset')!.asks).toEqual([]);
    expect(kfs.find((k) => k.reason === 'epoch')!.epoch).toBe(2);
    // The last keyframe is the writer's book at close.
    const last = kfs.at(-1)!;
    expect(last.seq).toBe(9000);
    expect(last.checksum).toBe(bookChecksum(w.book.asks(), w.book.bids()));
    expect(verifyKeyframes(r, kfs)).toEqual([]);
    const report = loadKeyframes(r);
    expect(report).toMatchObject({ source: 'recorded', mismatches: [], warnings: [] });
    expect(report.checked).toBe(kfs.length - 1);
  });

  it('the index written at close equals one built from the files, and locates every depth row', () => {
    const w = record();
    const written = readBatchIndex(w.dir)!;
    expect(written).not.toBeNull();
    expect(written).toEqual(buildBatchIndex(w.dir).filter((e) => e.batch >= 0));
    const depth = written.filter((e) => e.file === 'depth.arrows');
    expect(depth[0].firstSeq).toBe(1);
    expect(depth.at(-1)!.lastSeq).toBe(9000);
    const all = tableFromIPC(readFileSync(join(w.dir, 'depth.arrows')));
    const r = SessionReader.open(w.dir);
    for (const seq of [1, 2, 511, 512, 513, 4500, 9000]) {
      const run = r.run(r.batchOfSeq(seq));
      expect(run.price[seq - run.firstSeq]).toBe(all.get(seq - 1)!.price);
      expect(r.tsOfSeq(seq)).toBe(Number(all.get(seq - 1)!.tsRecv));
    }
    const t = r.tsOfSeq(4500);
    expect(r.tsOfSeq(r.seqAtTime(t))).toBe(t);
    expect(r.seqAtTime(T0 - 1)).toBe(0);
    expect(r.seqAtTime(t + 1e9)).toBe(9000);
  });

  it('warns when replaying the ops does not reproduce a keyframe (a 317 missing from session.json)', () => {
    const w = record();
    const meta = readSessionMeta(w.dir)!;
    writeFileSync(join(w.dir, 'session.json'), JSON.stringify({ ...meta, markers: meta.markers.filter((m) => m.code !== 317) }));
    const report = loadKeyframes(SessionReader.open(w.dir));
    expect(report.mismatches.length).toBeGreaterThan(0);
    expect(report.warnings.join(' ')).toMatch(/does not reproduce/);
    expect(JSON.parse(readFileSync(join(w.dir, CHECK_FILE), 'utf8')).mismatches.length).toBe(report.mismatches.length);
  });

  it('a keyframe whose rows were altered fails its own checksum and is dropped', () => {
    const w = record();
    const path = join(w.dir, 'keyframes.arrows');
    const bytes = readFileSync(path);
    const t = tableFromIPC(bytes);
    // Flip one stored size: find its float64 bytes in the file and change them.
    const row = t.toArray().findIndex((r) => r.side === 1 && r.size > 0);
    const needle = Buffer.from(new Float64Array([t.get(row)!.size]).buffer);
    const at = bytes.indexOf(needle, 0);
    bytes.writeDoubleLE(t.get(row)!.size + 1, at);
    writeFileSync(path, bytes);
    const report = loadKeyframes(SessionReader.open(w.dir));
    expect(report.rejected).toBeGreaterThan(0);
    expect(report.warnings.join(' ')).toMatch(/ignored/);
    expect(report.mismatches).toEqual([]);
  });

  it('an older session without keyframes or index gets both built on first open, stored beside it', () => {
    const w = record();
    rmSync(join(w.dir, 'keyframes.arrows'));
    rmSync(join(w.dir, 'index.arrows'));
    const r = SessionReader.open(w.dir);
    expect(r.indexBuilt && r.indexStored).toBe(true);
    const report = loadKeyframes(r);
    expect(report.source).toBe('built');
    expect(report.stored).toBe(true);
    expect(verifyKeyframes(r, report.keyframes)).toEqual([]);
    // The replay of the built keyframes ends on the recorder's own book.
    const again = loadKeyframes(SessionReader.open(w.dir));
    expect(again.source).toBe('recorded');
    expect(again.keyframes.map((k) => k.checksum)).toEqual(report.keyframes.map((k) => k.checksum));
    const book = new OrderBook(100);
    const end = report.keyframes.at(-1)!;
    expect(end.seq).toBe(9000);
    end.asks.forEach((x, position) => book.apply({ position, operation: 0, side: 0, price: x.price, size: x.size }));
    expect(book.asks().map((x) => [x.price, x.size])).toEqual(w.book.asks().map((x) => [x.price, x.size]));
  });

  it('a crash-repaired session (torn tails, no index) opens and its surviving keyframes check out', () => {
    const w = record(9000, false);
    const depth = join(w.dir, 'depth.arrows');
    truncateSync(depth, readFileSync(depth).length - 100);
    const kfPath = join(w.dir, 'keyframes.arrows');
    truncateSync(kfPath, readFileSync(kfPath).length - 10);
    repairSession(w.dir, readSessionMeta(w.dir)!, clock);
    expect(existsSync(join(w.dir, 'index.arrows'))).toBe(false);
    const r = SessionReader.open(w.dir);
    expect(r.indexBuilt).toBe(true);
    expect(r.lastSeq).toBeGreaterThan(7000);
    const report = loadKeyframes(r);
    expect(report.source).toBe('recorded');
    expect(report.mismatches).toEqual([]);
    expect(report.keyframes.every((k) => k.seq <= r.lastSeq)).toBe(true);
  });
});
