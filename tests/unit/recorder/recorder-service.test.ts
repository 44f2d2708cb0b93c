import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DepthFrame } from '../../../src-shared/contract/features/depth';
import type { RecorderStatus, RecordingSummary } from '../../../src-shared/contract/features/recorder';
import { DEFAULT_SETTINGS, type RecorderSettings } from '../../../src-shared/contract/features/settings';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { RecorderService } from '../../../src-main/recorder/recorder-service';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { loadSessionDirs } from '../../../src-main/analyze/load-session';
import { analyzeLoaded } from '../../../src-main/analyze/run-analysis';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { FakeBroker } from './fake-broker';
import { listSessions } from '../../../src-main/replay/session-list';

const SEVEN = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG'];
const T0 = Date.UTC(2024, 5, 21, 14, 0, 0);

describe('RecorderService', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let broker: FakeBroker;
  let clock: ManualClock;
  let settings: RecorderSettings;
  let statuses: RecorderStatus[];
  let frames: DepthFrame[];
  let catalog: Map<string, RecordingSummary & { state: string }>;
  let svc: RecorderService;

  beforeEach(() => {
    tmp = makeTempDir('rec-svc-');
    broker = new FakeBroker();
    clock = new ManualClock(T0);
    settings = { ...DEFAULT_SETTINGS.recorder };
    statuses = [];
    frames = [];
    catalog = new Map();
    svc = build();
  });
  const build = () =>
    new RecorderService({
      broker: broker.port,
      clock,
      dataDir: tmp.dir,
      settings: () => settings,
      catalog: { upsert: (r) => void catalog.set(r.path, r), list: () => [...catalog.values()] },
      emitStatus: (s) => statuses.push(s),
      emitFrame: (f) => frames.push(f),
      log: createLogger('recorder-test'),
    });
  afterEach(async () => {
    await svc.dispose();
    tmp.cleanup();
  });

  const stateOf = (sym: string) => svc.status().streams.find((s) => s.symbol === sym)!;

  it('records tape for every name, depth for the first five, queues the rest in selection order', async () => {
    const r = await svc.start(SEVEN);
    expect(r.ok).toBe(true);
    expect(broker.tape.filter((t) => !t.disposed)).toHaveLength(14);
    expect(broker.liveDepth()).toEqual(SEVEN.slice(0, 5));
    const st = svc.status();
    expect(st.queue).toEqual(['FFF', 'GGG']);
    expect(st.effectiveCap).toBe(5);
    expect(stateOf('GGG')).toMatchObject({ state: 'queued', queuePosition: 2 });
    expect(stateOf('GGG').reason).toMatch(/Waiting for a depth slot \(2 in queue\)/);
    expect(stateOf('AAA').state).toBe('recording');
  });

  it('stopping one promotes the queue head; stopped files are closed and cataloged', async () => {
    await svc.start(SEVEN);
    const res = await svc.stop('BBB');
    expect(res.ok).toBe(true);
    expect(broker.liveDepth()).toEqual(['AAA', 'CCC', 'DDD', 'EEE', 'FFF']);
    expect(svc.status().queue).toEqual(['GGG']);
    expect(stateOf('BBB').state).toBe('stopped');
    const closed = [...catalog.values()].find((c) => c.symbol === 'BBB')!;
    expect(closed).toMatchObject({ state: 'closed' });
    expect(readSessionMeta(closed.path)!.stoppedAt).toBe(T0);
    expect((await svc.stop('BBB')).ok).toBe(false);
  });

  it('309 lowers the cap to the running streams and re-queues the name at the head, in order', async () => {
    await svc.start(SEVEN);
    broker.depthOf('DDD').owner.onError!({ code: 'LIMIT_REACHED', message: 'max depth', ibCode: 309 });
    broker.depthOf('EEE').owner.onError!({ code: 'LIMIT_REACHED', message: 'max depth', ibCode: 309 });
    const st = svc.status();
    expect(st.ibCap).toBe(3);
    expect(st.effectiveCap).toBe(3);
    expect(st.capReason).toMatch(/IB allows 3 depth streams on this account/);
    expect(st.queue).toEqual(['DDD', 'EEE', 'FFF', 'GGG']);
    expect(broker.liveDepth()).toEqual(['AAA', 'BBB', 'CCC']);
    expect(stateOf('DDD')).toMatchObject({ state: 'queued', queuePosition: 1 });
    expect(stateOf('DDD').reason).toMatch(/IB allows 3 depth streams/);
    await svc.stop('AAA');
    expect(broker.liveDepth()).toEqual(['BBB', 'CCC', 'DDD']);
  });

  it('promote and reorder change who gets the next slot', async () => {
    await svc.start(SEVEN);
    expect(svc.promote('GGG').ok).toBe(true);
    expect(svc.status().queue).toEqual(['GGG', 'FFF']);
    expect(svc.reorder(['FFF', 'GGG']).ok).toBe(true);
    expect(svc.status().queue).toEqual(['FFF', 'GGG']);
    expect(svc.promote('AAA').ok).toBe(false);
    await svc.stop('AAA');
    expect(broker.liveDepth()).toEqual(['BBB', 'CCC', 'DDD', 'EEE', 'FFF']);
  });

  it('an unknown symbol errors alone; a depth refusal leaves tape-only and frees the slot', async () => {
    broker.unknown.add('BAD');
    settings = { ...settings, maxDepthStreams: 2 };
    await svc.dispose();
    svc = build();
    await svc.start(['AAA', 'BAD', 'CCC', 'DDD']);
    expect(stateOf('BAD')).toMatchObject({ state: 'error', reason: 'IB does not know the symbol BAD.' });
    expect(broker.liveDepth()).toEqual(['AAA', 'CCC']);
    broker.depthOf('AAA').owner.onError!({ code: 'NOT_FOUND', message: 'No market depth permissions for AAA.', ibCode: 10092 });
    expect(stateOf('AAA')).toMatchObject({ state: 'tape-only' });
    expect(stateOf('AAA').reason).toMatch(/No Level 2 for AAA: No market depth permissions/);
    expect(broker.liveDepth()).toEqual(['CCC', 'DDD']);
    expect(svc.status().ibCap).toBeNull();
  });

  it('tick-by-tick refused keeps depth recording and shows why', async () => {
    await svc.start(['AAA']);
    broker.tapeOf('AAA', 'AllLast').owner.onError!({ code: 'LIMIT_REACHED', message: 'IB allows only so many tick-by-tick streams.', ibCode: 10190 });
    expect(stateOf('AAA')).toMatchObject({ state: 'recording' });
    expect(stateOf('AAA').reason).toMatch(/No trade tape: IB allows only so many/);
  });

  it('a tape moved to RT_VOLUME keeps recording and says so in the reason', async () => {
    await svc.start(['AAA']);
    const reason = "IB's tick-by-tick limit (3) reached";
    broker.tapeOf('AAA', 'AllLast').owner.onSource!('rt-volume', reason);
    broker.tapeOf('AAA', 'BidAsk').owner.onSource!('rt-volume', reason);
    expect(stateOf('AAA')).toMatchObject({ state: 'recording', reason: "Tape via RT_VOLUME: IB's tick-by-tick limit (3) reached." });
    broker.tapeOf('AAA', 'AllLast').owner.onTrade!({ tsEvent: T0, tsRecv: T0 + 1, price: 10, size: 100, exchange: '', conditions: '' });
    expect(stateOf('AAA').tickMessages).toBe(1);
    broker.tapeOf('AAA', 'AllLast').owner.onSource!('tick-by-tick', 'a tick-by-tick slot is free again');
    expect(stateOf('AAA').reason).toBe("Tape via RT_VOLUME: IB's tick-by-tick limit (3) reached.");
    broker.tapeOf('AAA', 'BidAsk').owner.onSource!('tick-by-tick', 'a tick-by-tick slot is free again');
    expect(stateOf('AAA')).toMatchObject({ state: 'recording', reason: null });
  });

  it('a depth-refused name on the RT_VOLUME tape is tape-only with both reasons', async () => {
    await svc.start(['AAA']);
    broker.tapeOf('AAA', 'AllLast').owner.onSource!('rt-volume', "IB's tick-by-tick limit (3) reached");
    broker.depthOf('AAA').owner.onError!({ code: 'NOT_FOUND', message: 'No market depth permissions for AAA.', ibCode: 10092 });
    expect(stateOf('AAA').state).toBe('tape-only');
    expect(stateOf('AAA').reason).toMatch(/No Level 2 for AAA: .* Tape via RT_VOLUME: IB's tick-by-tick limit \(3\) reached\.$/);
  });

  it('records depth and tape to disk, counts them, and pushes coalesced ladder frames when watched', async () => {
    await svc.start(['AAA']);
    const watch = svc.watchDepth('AAA');
    expect(watch.ok && watch.value.source).toBe('recording');
    const owner = broker.depthOf('AAA').owner;
    for (let i = 0; i < 10; i++) owner.onDelta({ tsRecv: T0 + i, position: i, operation: 0, side: 1, price: 100 - i / 100, size: 100, marketMaker: 'NSDQ', isSmart: true });
    owner.onDelta({ tsRecv: T0 + 11, position: 0, operation: 0, side: 0, price: 100.01, size: 200, marketMaker: 'ARCA', isSmart: true });
    broker.tapeOf('AAA', 'AllLast').owner.onTrade!({ tsEvent: T0 + 12, tsRecv: T0 + 12, price: 100.01, size: 50, exchange: 'NASDAQ', conditions: '' });
    broker.tapeOf('AAA', 'BidAsk').owner.onQuote!({ tsEvent: T0 + 13, tsRecv: T0 + 13, bidPrice: 100, askPrice: 100.01, bidSize: 100, askSize: 200 });
    const frame = await waitFor(() => frames.find((f) => f.messages === 11), { message: 'a ladder frame' });
    expect(frame).toMatchObject({ symbol: 'AAA', source: 'recording', last: 100.01, minTick: 0.01 });
    expect(frame.bids[0]).toEqual([100, 100, 1]);
    expect(frame.asks[0]).toEqual([100.01, 200, 1]);
    expect(frame.trades).toEqual([{ ts: T0 + 12, price: 100.01, size: 50 }]);
    // Thirteen messages arrived before the first frame tick: one frame carries them all, none repeats unchanged.
    expect(frames).toHaveLength(1);
    await waitFor(() => statuses.some((s) => s.streams[0]?.depthMessages === 11), { message: 'status with counts' });
    expect(frames).toHaveLength(1);
    const path = [...catalog.values()][0].path;
    await svc.stop('AAA');
    const depth = tableFromIPC(readFileSync(join(path, 'depth.arrows')));
    expect(depth.numRows).toBe(11);
    expect(tableFromIPC(readFileSync(join(path, 'ticks.arrows'))).numRows).toBe(2);
    expect(stateOf('AAA')).toMatchObject({ depthMessages: 11, tickMessages: 2, state: 'stopped' });
    expect(stateOf('AAA').bytes).toBeGreaterThan(0);
  });

  it('a disconnect pauses, writes a gap, and resumes in a new epoch', async () => {
    await svc.start(['AAA']);
    const depth = broker.depthOf('AAA').owner;
    depth.onPause!({ start: T0 + 5, reason: 'connection lost (1100)' });
    broker.tapeOf('AAA', 'AllLast').owner.onPause!({ start: T0 + 5, reason: 'connection lost (1100)' });
    expect(stateOf('AAA').state).toBe('paused');
    depth.onResume!({ start: T0 + 5, end: T0 + 900, reqId: 99, dataLost: true });
    broker.tapeOf('AAA', 'AllLast').owner.onResume!({ start: T0 + 5, end: T0 + 901, reqId: 98, dataLost: true });
    depth.onReset!();
    expect(stateOf('AAA').state).toBe('recording');
    const path = [...catalog.values()][0].path;
    await svc.stop('AAA');
    const meta = readSessionMeta(path)!;
    expect(meta.gaps).toEqual([{ start: T0 + 5, end: T0 + 900, reason: 'connection lost (1100)' }]);
    expect(meta.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(meta.markers.map((m) => m.code)).toEqual([1100, 1101, 317]);
  });

  it('publishes a live data-quality score per stream, equal to the analysis of the file it writes', async () => {
    await svc.start(['AAA']);
    expect(stateOf('AAA').quality).toMatchObject({ score: 100, reasons: [] });
    const depth = broker.depthOf('AAA').owner;
    const row = (t: number, side: 0 | 1, price: number, operation: 0 | 1 = 0) =>
      depth.onDelta({ tsRecv: T0 + t, position: 0, operation, side, price, size: 100, marketMaker: 'NSDQ', isSmart: true });
    row(1_000, 1, 100);
    row(2_000, 0, 100.01);
    row(3_000, 1, 100.02, 1); // bid above the ask: crossed until the next row
    row(5_000, 1, 100, 1);
    depth.onPause!({ start: T0 + 6_000, reason: 'connection lost (1100)' });
    depth.onResume!({ start: T0 + 6_000, end: T0 + 7_000, reqId: 99, dataLost: true });
    row(8_000, 1, 100);
    row(9_000, 0, 100.01);
    clock.set(T0 + 40_000); // quiet since 9 s: stale
    const live = stateOf('AAA').quality!;
    expect(live.gaps).toBe(1);
    expect(live.resubscribes1101).toBe(1);
    expect(live.stalePeriods).toBe(1);
    const path = [...catalog.values()][0].path;
    await svc.stop('AAA');
    const meta = readSessionMeta(path)!;
    const report = analyzeLoaded(loadSessionDirs([path]), { symbol: 'AAA', date: meta.date, bucketMs: 10_000, depthLevels: 5, staleMs: 10_000 });
    expect(live.score).toBe(report.quality.score);
    expect(live.reasons).toEqual(report.quality.reasons);
    expect(live.score).toBeLessThan(70);
    // Kept with the session at its end (clock unchanged since), so the session browser can show it.
    expect(meta.quality).toEqual(live);
    const listed = listSessions({ list: () => [...catalog.values()] }, {});
    expect(listed.ok && listed.value[0].quality).toEqual(live);
  });

  it('an unwritable symbol folder errors that stream only', async () => {
    mkdirSync(join(tmp.dir, 'recordings'), { recursive: true });
    writeFileSync(join(tmp.dir, 'recordings', 'symbol=BBB'), 'not a folder');
    await svc.start(['AAA', 'BBB']);
    expect(stateOf('BBB').state).toBe('error');
    expect(stateOf('BBB').reason).toMatch(/^Cannot write to .*symbol=BBB.*: ENOTDIR/);
    expect(stateOf('AAA').state).toBe('recording');
    expect(broker.liveDepth()).toEqual(['AAA']);
  });

  it('a full disk mid-recording errors that stream only, frees its slot, and leaves it for repair', async () => {
    settings = { ...settings, maxDepthStreams: 1 };
    await svc.dispose();
    svc = build();
    await svc.start(['AAA', 'BBB']);
    const path = [...catalog.values()].find((c) => c.symbol === 'AAA')!.path;
    // Fault injection: the depth file's next write fails as a full disk would.
    const writer = (svc as unknown as { streams: Map<string, { writer: { files: { depth: { append: () => void } } } }> }).streams.get('AAA')!.writer;
    writer.files.depth.append = () => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    broker.depthOf('AAA').owner.onDelta({ tsRecv: T0, position: 0, operation: 0, side: 1, price: 10, size: 1, marketMaker: '', isSmart: false });
    expect(svc.status().queue).toEqual(['BBB']);
    // The row reaches the disk at the next flush (at most a second later).
    await waitFor(() => stateOf('AAA').state === 'error', { message: 'AAA in error' });
    expect(stateOf('AAA').reason).toMatch(/^Cannot write to .*symbol=AAA.*: ENOSPC — free disk space$/);
    expect(broker.liveDepth()).toEqual(['BBB']);
    expect(stateOf('BBB').state).toBe('recording');
    const meta = readSessionMeta(path)!;
    expect(meta.error).toMatch(/ENOSPC/);
    expect((await svc.repairOnStart()).repaired).toBe(1);
    expect(readSessionMeta(path)!.repaired).not.toBeNull();
  });

  it('dispose closes every file with its end-of-stream marker', async () => {
    await svc.start(['AAA', 'BBB']);
    broker.depthOf('AAA').owner.onDelta({ tsRecv: T0, position: 0, operation: 0, side: 1, price: 10, size: 1, marketMaker: '', isSmart: false });
    await svc.dispose();
    for (const c of catalog.values()) {
      expect(c.state).toBe('closed');
      expect(readSessionMeta(c.path)!.stoppedAt).not.toBeNull();
      const bytes = readFileSync(join(c.path, 'depth.arrows'));
      expect([...bytes.subarray(bytes.length - 8)]).toEqual([255, 255, 255, 255, 0, 0, 0, 0]);
    }
    expect(broker.tape.every((t) => t.disposed) && broker.depth.every((d) => d.disposed)).toBe(true);
  });
});
