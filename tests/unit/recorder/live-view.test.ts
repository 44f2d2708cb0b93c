import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DepthFrame } from '../../../src-shared/contract/features/depth';
import type { RecordingSummary } from '../../../src-shared/contract/features/recorder';
import { DEFAULT_SETTINGS, type RecorderSettings } from '../../../src-shared/contract/features/settings';
import type { OrderBookDelta } from '../../../src-shared/domain/depth';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { RecorderService } from '../../../src-main/recorder/recorder-service';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { FakeBroker } from './fake-broker';

const T0 = Date.UTC(2024, 5, 21, 14, 0, 0);
const bid = (price: number, position = 0): OrderBookDelta => ({ tsRecv: T0, position, operation: 0, side: 1, price, size: 100, marketMaker: 'NSDQ', isSmart: true });
const ask = (price: number, position = 0): OrderBookDelta => ({ ...bid(price, position), side: 0 });
const trade = (price: number, ts = T0) => ({ tsEvent: ts, tsRecv: ts, price, size: 10, exchange: 'NASDAQ', conditions: '' });

describe('RecorderService live view (ladder of a name that is not recorded)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let broker: FakeBroker;
  let settings: RecorderSettings;
  let frames: DepthFrame[];
  let catalog: Map<string, RecordingSummary & { state: string }>;
  let svc: RecorderService;

  const build = () =>
    new RecorderService({
      broker: broker.port,
      clock: new ManualClock(T0),
      dataDir: tmp.dir,
      settings: () => settings,
      catalog: { upsert: (r) => void catalog.set(r.path, r), list: () => [...catalog.values()] },
      emitStatus: () => {},
      emitFrame: (f) => frames.push(f),
      log: createLogger('live-view-test'),
    });
  const withCap = async (cap: number) => {
    settings = { ...settings, maxDepthStreams: cap };
    await svc.dispose();
    svc = build();
  };
  beforeEach(() => {
    tmp = makeTempDir('rec-live-');
    broker = new FakeBroker();
    settings = { ...DEFAULT_SETTINGS.recorder };
    frames = [];
    catalog = new Map();
    svc = build();
  });
  afterEach(async () => {
    await svc.dispose();
    tmp.cleanup();
  });

  const watch = (sym: string) => {
    const r = svc.watchDepth(sym);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const viewLive = (sym: string) => waitFor(() => svc.status().liveView?.state === 'live' && broker.liveDepth().includes(sym), { message: `${sym} live view` });
  const framesOf = (sym: string) => frames.filter((f) => f.symbol === sym);
  const stateOf = (sym: string) => svc.status().streams.find((s) => s.symbol === sym)?.state;

  it('opens a view-only depth and trade tape, pushes coalesced frames with prints, writes nothing', async () => {
    expect(watch('xyz')).toEqual({ symbol: 'XYZ', source: 'live', reason: null });
    expect(svc.status().liveView).toEqual({ symbol: 'XYZ', state: 'opening', reason: null });
    await viewLive('XYZ');
    expect(broker.liveTape('AllLast')).toEqual(['XYZ']);
    expect(broker.liveTape('BidAsk')).toEqual([]);
    const depth = broker.depthOf('XYZ').owner;
    depth.onDelta(bid(10));
    depth.onDelta(ask(10.01));
    depth.onDelta(bid(9.99, 1));
    broker.tapeOf('XYZ', 'AllLast').owner.onTrade!(trade(10.01));
    const f = await waitFor(() => framesOf('XYZ').find((x) => x.messages === 3), { message: 'a live frame' });
    expect(f).toMatchObject({ source: 'live', last: 10.01, bids: [[10, 100, 1], [9.99, 100, 1]], asks: [[10.01, 100, 1]] });
    expect(f.trades).toEqual([{ ts: T0, price: 10.01, size: 10 }]);
    expect(framesOf('XYZ')).toHaveLength(1);
    expect(svc.status()).toMatchObject({ streams: [], queue: [], liveView: { symbol: 'XYZ', state: 'live', reason: null } });
    expect(catalog.size).toBe(0);
    expect(existsSync(join(tmp.dir, 'recordings', 'symbol=XYZ'))).toBe(false);
  });

  it('watching again is idempotent; unwatch closes the view quietly and a new watch opens a fresh one', async () => {
    watch('XYZ');
    await viewLive('XYZ');
    expect(watch('XYZ')).toMatchObject({ source: 'live' });
    expect(broker.depth.filter((d) => d.symbol === 'XYZ')).toHaveLength(1);
    expect(broker.tape.filter((t) => t.symbol === 'XYZ')).toHaveLength(1);
    expect(svc.unwatchDepth('XYZ').ok).toBe(true);
    expect(broker.log).toEqual(['+depth XYZ', '+tape:AllLast XYZ', '-depth XYZ', '-tape:AllLast XYZ']);
    expect(svc.status().liveView).toBeNull();
    expect(frames).toEqual([]); // nobody watches any more: no final frame
    watch('XYZ');
    await viewLive('XYZ');
    expect(broker.depth.filter((d) => d.symbol === 'XYZ')).toHaveLength(2);
  });

  it('with every slot recording, says so in a trader\'s words and subscribes nothing', async () => {
    await withCap(2);
    await svc.start(['AAA', 'BBB']);
    expect(watch('XYZ')).toEqual({ symbol: 'XYZ', source: 'none', reason: "All 2 depth slots are recording; stop one to view XYZ's book." });
    expect(broker.liveDepth()).toEqual(['AAA', 'BBB']);
    expect(svc.status().liveView).toMatchObject({ symbol: 'XYZ', state: 'none' });
    await svc.stop('AAA');
    expect(watch('XYZ').source).toBe('live'); // a freed slot serves the next watch
    svc.unwatchDepth('XYZ');
    expect(svc.status().liveView).toBeNull();
  });

  it('a recorded name still waiting for depth shows why and opens no view', async () => {
    await withCap(1);
    await svc.start(['AAA', 'BBB']);
    expect(watch('BBB')).toMatchObject({ source: 'none', reason: expect.stringMatching(/BBB waits for a depth slot \(position 1\)/) });
    expect(watch('AAA').source).toBe('recording');
    expect(svc.status().liveView).toBeNull();
    expect(broker.liveDepth()).toEqual(['AAA']);
  });

  it('one live view at a time: viewing another name closes the previous one with a final empty frame', async () => {
    watch('XYZ');
    await viewLive('XYZ');
    broker.depthOf('XYZ').owner.onDelta(bid(10));
    await waitFor(() => framesOf('XYZ').length === 1, { message: 'XYZ frame' });
    expect(watch('QRS').source).toBe('live');
    const last = framesOf('XYZ').at(-1)!;
    expect(last).toMatchObject({ source: 'live', bids: [], asks: [] });
    expect(broker.depth.find((d) => d.symbol === 'XYZ')!.disposed).toBe(true);
    expect(broker.tape.find((d) => d.symbol === 'XYZ')!.disposed).toBe(true);
    await viewLive('QRS');
    expect(broker.liveDepth()).toEqual(['QRS']);
    expect(svc.status().liveView).toMatchObject({ symbol: 'QRS', state: 'live' });
  });

  it('a recording that needs the slot preempts the view before it subscribes; watchers learn why', async () => {
    await withCap(2);
    await svc.start(['AAA']);
    watch('XYZ');
    await viewLive('XYZ');
    const oldOwner = broker.depthOf('XYZ').owner;
    oldOwner.onDelta(bid(10));
    await waitFor(() => framesOf('XYZ').length === 1, { message: 'XYZ frame' });
    broker.log.length = 0;
    await svc.start(['BBB']);
    expect(broker.log.filter((l) => l.includes('depth'))).toEqual(['-depth XYZ', '+depth BBB']);
    expect(broker.log).toContain('-tape:AllLast XYZ');
    expect(framesOf('XYZ').at(-1)).toMatchObject({ source: 'live', bids: [], asks: [] });
    expect(svc.status().liveView).toEqual({
      symbol: 'XYZ',
      state: 'none',
      reason: 'Live book of XYZ closed: BBB needed its depth slot to record. Stop a recording and select XYZ again to view its book.',
    });
    const xyzFrames = framesOf('XYZ').length;
    oldOwner.onDelta(bid(10.5)); // late rows of the cancelled view are ignored
    expect(watch('AAA').source).toBe('recording');
    await waitFor(() => frames.some((f) => f.symbol === 'AAA'), { message: 'AAA frame (the frame clock ticked)' });
    expect(framesOf('XYZ')).toHaveLength(xyzFrames);
  });

  it('309 for a recording counts the view: the cap is learnt, the view preempted, the name restarts', async () => {
    await svc.start(['AAA', 'BBB']);
    watch('XYZ');
    await viewLive('XYZ');
    await svc.start(['CCC']);
    broker.log.length = 0;
    broker.depthOf('CCC').owner.onError!({ code: 'LIMIT_REACHED', message: 'max depth', ibCode: 309 });
    expect(broker.log).toEqual(['-depth CCC', '-depth XYZ', '-tape:AllLast XYZ', '+depth CCC']);
    expect(svc.status()).toMatchObject({ ibCap: 3, effectiveCap: 3, queue: [], liveView: { symbol: 'XYZ', state: 'none' } });
    expect(stateOf('CCC')).toBe('recording');
    expect(watch('QRS')).toMatchObject({ source: 'none', reason: "All 3 depth slots IB allows on this account are recording; stop one to view QRS's book." });
  });

  it('recording the viewed name takes the view over: same trade tape, fresh depth, frames turn to recording', async () => {
    watch('XYZ');
    await viewLive('XYZ');
    const tape = broker.tapeOf('XYZ', 'AllLast');
    broker.depthOf('XYZ').owner.onDelta(bid(10));
    tape.owner.onTrade!(trade(10, T0 + 1));
    await waitFor(() => framesOf('XYZ').some((f) => f.trades.length === 1), { message: 'live frame with a print' });
    broker.log.length = 0;
    await svc.start(['XYZ']);
    expect(broker.log).toEqual(['+tape:BidAsk XYZ', '-depth XYZ', '+depth XYZ']);
    expect(tape.disposed).toBe(false);
    expect(svc.status().liveView).toBeNull();
    expect(stateOf('XYZ')).toBe('recording');
    broker.depthOf('XYZ').owner.onDelta(bid(10.02));
    tape.owner.onTrade!(trade(10.02, T0 + 2));
    const f = await waitFor(() => framesOf('XYZ').find((x) => x.source === 'recording' && x.trades.length === 2), { message: 'recording frame' });
    expect(f.bids).toEqual([[10.02, 100, 1]]);
    expect(f.trades.map((t) => t.price)).toEqual([10, 10.02]);
    // No blank ladder in between: the live book stays up until the recording's book arrives.
    expect(framesOf('XYZ').every((x) => x.bids.length === 1)).toBe(true);
    expect(watch('XYZ')).toEqual({ symbol: 'XYZ', source: 'recording', reason: null });
    const path = [...catalog.values()][0].path;
    await svc.stop('XYZ');
    expect(tape.disposed).toBe(true);
    // The file holds what arrived after the recording started, nothing the view saw before.
    expect(tableFromIPC(readFileSync(join(path, 'ticks.arrows'))).numRows).toBe(1);
    expect(tableFromIPC(readFileSync(join(path, 'depth.arrows'))).numRows).toBe(1);
  });

  it('a recording that takes over a view whose tape is on RT_VOLUME shows that source', async () => {
    watch('XYZ');
    await viewLive('XYZ');
    broker.tapeOf('XYZ', 'AllLast').owner.onSource!('rt-volume', "IB's tick-by-tick limit (3) reached");
    await svc.start(['XYZ']);
    expect(svc.status().streams.find((s) => s.symbol === 'XYZ')).toMatchObject({
      state: 'recording', reason: "Tape via RT_VOLUME: IB's tick-by-tick limit (3) reached.",
    });
  });

  it('a refused view says why: 309 teaches the cap, other refusals and unknown symbols name the cause', async () => {
    await svc.start(['AAA', 'BBB']);
    watch('XYZ');
    await viewLive('XYZ');
    broker.depthOf('XYZ').owner.onError!({ code: 'LIMIT_REACHED', message: 'max depth', ibCode: 309 });
    expect(svc.status()).toMatchObject({ ibCap: 2, liveView: { state: 'none', reason: "All 2 depth slots IB allows on this account are recording; stop one to view XYZ's book." } });
    expect(broker.liveDepth()).toEqual(['AAA', 'BBB']);
    expect(broker.liveTape('AllLast')).toEqual(['AAA', 'BBB']);
    expect(framesOf('XYZ').at(-1)).toMatchObject({ bids: [], asks: [] });

    await svc.stop('AAA');
    watch('QRS');
    await viewLive('QRS');
    broker.depthOf('QRS').owner.onError!({ code: 'NOT_FOUND', message: 'No market depth permissions for QRS.', ibCode: 10092 });
    expect(svc.status().liveView).toMatchObject({ symbol: 'QRS', state: 'none', reason: 'No Level 2 for QRS: No market depth permissions for QRS.' });
    expect(svc.status().ibCap).toBe(2);

    broker.unknown.add('BAD');
    expect(watch('BAD').source).toBe('live');
    await waitFor(() => svc.status().liveView?.state === 'none', { message: 'BAD refused' });
    expect(svc.status().liveView?.reason).toBe("Cannot show BAD's book: IB does not know the symbol BAD.");
  });

  it('a view closed while its symbol resolves never subscribes', async () => {
    broker.gateResolve();
    watch('XYZ');
    svc.unwatchDepth('XYZ');
    broker.resolveGate!.release();
    watch('QRS');
    await viewLive('QRS');
    expect(broker.log).toEqual(['+depth QRS', '+tape:AllLast QRS']);
  });

  it('dispose closes the live view', async () => {
    watch('XYZ');
    await viewLive('XYZ');
    await svc.dispose();
    expect(broker.depth.every((d) => d.disposed) && broker.tape.every((t) => t.disposed)).toBe(true);
  });
});
