import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarsService } from '../../../src-main/bars';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { openStorage, type Storage } from '../../../src-main/storage';
import { err } from '../../../src-shared/contract/result';
import type { BarsRequest, BarsResponse } from '../../../src-shared/contract/features/chart';
import { etMidnight, etToEpoch } from '../../../src-shared/domain/market-time';
import { makeTempDir } from '../../support/temp-dir';
import { FakeBroker, minuteBar } from './fake-broker';

// Wednesday 2025-03-12 11:00 ET. The five sessions: Mar 6, 7, 10, 11, 12; Mar 5 gives nothing but prevClose… of Mar 6.
const NOW = etToEpoch('2025-03-12', 11, 0);
const req = (extra: Partial<BarsRequest> = {}): BarsRequest => ({ symbol: 'ABCD', timeframe: '1m', includeExtended: true, ...extra });
const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};

describe('BarsService history', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  let clock: ManualClock;
  let broker: FakeBroker;
  let service: BarsService;
  const open = async (extra: Partial<BarsRequest> = {}): Promise<BarsResponse> => value(await service.bars(req(extra)));

  beforeEach(() => {
    tmp = makeTempDir();
    clock = new ManualClock(NOW);
    storage = openStorage(tmp.dir, { clock });
    broker = new FakeBroker(clock);
    service = new BarsService({ broker, clock, cache: storage.bars, emit: () => {}, log: createLogger('test') });
  });
  afterEach(() => {
    service.dispose();
    storage.close();
    tmp.cleanup();
  });

  it('loads five extended sessions of 1-minute bars with one IB request per ET day', async () => {
    const r = await open();
    expect(broker.requests).toHaveLength(6); // five shown + the day before for the previous close
    expect(broker.requests.every((q) => q.barSize === '1 min' && q.duration === '1 D' && !q.useRTH)).toBe(true);
    expect(broker.requests.find((q) => q.end === undefined)).toBeDefined(); // today runs up to now
    expect(r.cached).toBe(false);
    expect(r.bars).toHaveLength(4 * 960 + 7 * 60);
    expect(r.bars[0]!.tsOpen).toBe(etToEpoch('2025-03-06', 4, 0));
    expect(r.bars.at(-1)!.tsOpen).toBe(NOW - 60_000);
    expect(r.bars.every((b, i) => i === 0 || b.tsOpen > r.bars[i - 1]!.tsOpen)).toBe(true);
    expect(r.prevClose).toBe(minuteBar(etToEpoch('2025-03-11', 15, 59)).close);
    const pre = r.bars.filter((b) => b.tsOpen >= etToEpoch('2025-03-12', 4, 0) && b.tsOpen < etToEpoch('2025-03-12', 9, 30));
    expect(r.premarketHigh).toBe(Math.max(...pre.map((b) => b.high)));
    expect(r.more).toBe(true);
  });

  it('a second open of the same chart asks IB nothing, and other intraday timeframes derive from the cache', async () => {
    const first = await open();
    broker.requests.length = 0;
    const second = await open();
    expect(broker.requests).toHaveLength(0);
    expect(second).toEqual({ ...first, cached: true });
    const fiveMin = await open({ timeframe: '5m' });
    const hourly = await open({ timeframe: '1h' });
    expect(broker.requests).toHaveLength(0);
    expect(fiveMin.bars).toHaveLength(4 * 192 + 7 * 12);
    expect(fiveMin.bars[0]).toMatchObject({ tsOpen: etToEpoch('2025-03-06', 4, 0), volume: first.bars.slice(0, 5).reduce((a, b) => a + b.volume, 0) });
    expect(hourly.bars.find((b) => b.tsOpen === etToEpoch('2025-03-11', 9, 0))!.high).toBe(
      Math.max(...first.bars.filter((b) => b.tsOpen >= etToEpoch('2025-03-11', 9, 0) && b.tsOpen < etToEpoch('2025-03-11', 10, 0)).map((b) => b.high)),
    );
  });

  it("refreshes only today's partial day, and only once it is stale", async () => {
    await open();
    broker.requests.length = 0;
    clock.advance(30_000);
    expect((await open()).cached).toBe(true);
    clock.advance(60_000);
    const r = await open();
    expect(broker.requests).toEqual([expect.objectContaining({ end: undefined, duration: '1 D' })]);
    expect(r.cached).toBe(false);
    expect(r.bars.at(-1)!.tsOpen).toBe(NOW + 60_000);
  });

  it('marks a day complete once it is over, so it is never fetched again', async () => {
    await open();
    clock.set(etToEpoch('2025-03-12', 20, 5));
    await open();
    expect(storage.bars.getDay('ABCD', '1m', '2025-03-12', true)).toMatchObject({ complete: true });
    broker.requests.length = 0;
    clock.set(etToEpoch('2025-03-13', 3, 0)); // before Thursday's premarket the newest session is still Wednesday
    expect((await open()).cached).toBe(true);
    expect(broker.requests).toHaveLength(0);
  });

  it('toggling extended hours off filters the cached day instead of asking IB', async () => {
    await open();
    broker.requests.length = 0;
    const r = await open({ includeExtended: false });
    expect(broker.requests).toHaveLength(0);
    expect(r.bars).toHaveLength(4 * 390 + 90);
    expect(r.bars[0]!.tsOpen).toBe(etToEpoch('2025-03-06', 9, 30));
    expect(r.premarketHigh).not.toBeNull(); // still computed for the level line
  });

  it('scrolls back with `before`: the five sessions before the first bar, one new request per new day', async () => {
    const first = await open();
    broker.requests.length = 0;
    const back = await open({ before: first.bars[0]!.tsOpen });
    expect(back.bars[0]!.tsOpen).toBe(etToEpoch('2025-02-27', 4, 0));
    expect(back.bars.at(-1)!.tsOpen).toBe(etToEpoch('2025-03-05', 19, 59));
    expect(broker.requests).toHaveLength(5); // Mar 5 was cached as the previous-close day; Feb 26 is the new one
    expect(back.prevClose).toBe(minuteBar(etToEpoch('2025-03-04', 15, 59)).close);
  });

  it('says there is no more history once the oldest session is empty (a recent listing)', async () => {
    broker.listedFrom = '2025-03-10';
    const r = await open();
    expect(r.more).toBe(false);
    expect(r.bars[0]!.tsOpen).toBe(etToEpoch('2025-03-10', 4, 0));
    expect(storage.bars.getDay('ABCD', '1m', '2025-03-06', true)).toEqual(expect.objectContaining({ bars: [], complete: true }));
  });

  it('two charts opened at once share the IB requests', async () => {
    const [a, b] = await Promise.all([service.bars(req()), service.bars(req({ timeframe: '15m' }))]);
    expect(a.ok && b.ok).toBe(true);
    expect(broker.requests).toHaveLength(6);
    expect(broker.resolves).toBe(1);
  });

  it('returns the broker error when a day was never loaded, and stale bars when only a refresh fails', async () => {
    broker.failNext = err('NOT_CONNECTED', 'Not connected to IB: start TWS or IB Gateway.');
    expect(await service.bars(req())).toEqual({ ok: false, error: { code: 'NOT_CONNECTED', message: 'Not connected to IB: start TWS or IB Gateway.' } });
    await open();
    clock.advance(120_000);
    broker.failNext = err('NOT_CONNECTED', 'Not connected to IB: start TWS or IB Gateway.');
    const stale = await open();
    expect(stale.bars.at(-1)!.tsOpen).toBe(NOW - 60_000);
  });

  it('reports an unknown symbol as NOT_FOUND', async () => {
    const r = await service.bars(req({ symbol: 'NOPE' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('loads about a year of daily bars in one request, then from the cache', async () => {
    const r = await open({ timeframe: '1d' });
    expect(broker.requests).toEqual([expect.objectContaining({ barSize: '1 day', useRTH: true, end: undefined })]);
    expect(r.bars).toHaveLength(250);
    expect(r.bars.at(-1)!.tsOpen).toBe(etMidnight('2025-03-12'));
    expect(r.prevClose).toBe(minuteBar(etToEpoch('2025-03-11', 15, 59)).close);
    broker.requests.length = 0;
    expect((await open({ timeframe: '1d' })).cached).toBe(true);
    expect(broker.requests).toHaveLength(0);
  });

  it('serves a 5-second chart from the live stream only', async () => {
    expect(await open({ timeframe: '5s' })).toMatchObject({ bars: [], cached: true, more: false });
    expect(broker.requests).toHaveLength(0);
  });
});
