import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScannerDelta } from '../../../src-shared/contract/features/scanner';
import { DEFAULT_SETTINGS, type ScannerFilters } from '../../../src-shared/contract/features/settings';
import type { Bar } from '../../../src-shared/domain/bar';
import { etToEpoch, previousSessions } from '../../../src-shared/domain/market-time';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { COALESCE_MS, QUOTE_GRACE_MS, ScannerService } from '../../../src-main/scanner/scanner-service';
import { FakeBroker, syntheticDay } from './fake-broker';

const TODAY = '2013-10-11';
const PAST = previousSessions(TODAY, 20);
/** Past session k (0 = yesterday) trades 100·(k+1) shares a minute. */
const perMinute = (k: number) => 100 * (k + 1);

class MemoryCache {
  days = new Map<string, { bars: Bar[]; complete: boolean }>();
  getDay(symbol: string, tf: string, date: string, ext: boolean) { return this.days.get(`${symbol}|${tf}|${date}|${ext}`); }
  putDay(symbol: string, tf: string, date: string, ext: boolean, bars: Bar[], complete: boolean) {
    this.days.set(`${symbol}|${tf}|${date}|${ext}`, { bars, complete });
  }
}

function setup(at: number, filters: Partial<ScannerFilters> = {}, shared?: { broker?: FakeBroker; cache?: MemoryCache }) {
  const broker = shared?.broker ?? new FakeBroker();
  PAST.forEach((d, k) => broker.days.set(d, syntheticDay(d, perMinute(k))));
  const cache = shared?.cache ?? new MemoryCache();
  const clock = new ManualClock(at);
  const deltas: ScannerDelta[] = [];
  const hits: Array<{ symbol: string; source: string; gapPct: number | null }> = [];
  let f: ScannerFilters = { ...DEFAULT_SETTINGS.scanner, minVolume: 0, minGapPct: -100, ...filters };
  const svc = new ScannerService({
    broker, clock, filters: () => f, history: cache, hits: { record: (h) => hits.push(h) },
    emit: (d) => deltas.push(d), log: createLogger('test'),
  });
  const advance = async (ms: number) => {
    clock.advance(ms);
    await vi.advanceTimersByTimeAsync(ms);
  };
  const setFilters = (p: Partial<ScannerFilters>) => { f = { ...f, ...p }; };
  return { broker, cache, clock, deltas, hits, svc, advance, setFilters };
}

const row = (svc: ScannerService, symbol: string) => svc.snapshot().rows.find((r) => r.symbol === symbol);
/** A first quote, which is what puts a new candidate on the grid. */
const quoteAll = (broker: FakeBroker, ...symbols: string[]) => { for (const s of symbols) broker.quote(s, { last: 5, prevClose: 4 }); };

beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] }); });
afterEach(() => { vi.useRealTimers(); });

describe('ScannerService', () => {
  it('runs TOP_PERC_GAIN plus two volume scans within IB limits, with the price and volume filters', () => {
    const t = setup(etToEpoch(TODAY, 8, 0), { minVolume: 50_000 });
    t.svc.start();
    const codes = t.broker.scans.map((s) => s.request.scanCode);
    expect(codes[0]).toBe('TOP_PERC_GAIN');
    expect(new Set(codes)).toEqual(new Set(['TOP_PERC_GAIN', 'HOT_BY_VOLUME', 'MOST_ACTIVE']));
    for (const s of t.broker.scans) {
      expect(s.request.rows).toBeLessThanOrEqual(50);
      expect(s.request).toMatchObject({ priceAbove: 1, priceBelow: 30, volumeAbove: 50_000 });
    }
    t.svc.dispose();
    expect(t.broker.scans.every((s) => s.disposed)).toBe(true);
  });

  it('subscribes a quote per candidate up to maxLines and releases names that leave', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0), { maxLines: 3 });
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['AAA', 'BBB']);
    t.broker.pushRows('HOT_BY_VOLUME', ['BBB', 'CCC', 'DDD']);
    expect(t.broker.liveQuotes()).toEqual(['AAA', 'BBB', 'CCC']);
    quoteAll(t.broker, 'AAA', 'BBB', 'CCC');
    expect(row(t.svc, 'BBB')).toMatchObject({ rank: 2, sources: ['TOP_PERC_GAIN', 'HOT_BY_VOLUME'] });
    t.broker.pushRows('TOP_PERC_GAIN', ['BBB']);
    expect(t.broker.liveQuotes().sort()).toEqual(['BBB', 'CCC', 'DDD']);
    quoteAll(t.broker, 'DDD');
    await t.advance(COALESCE_MS);
    t.broker.pushRows('HOT_BY_VOLUME', []);
    await t.advance(COALESCE_MS);
    expect(t.deltas.at(-1)!.remove.sort()).toEqual(['CCC', 'DDD']);
    t.svc.dispose();
    expect(t.broker.liveQuotes()).toEqual([]);
  });

  it('computes premarket gap and 04:00-anchored RVOL once history is in', async () => {
    const now = etToEpoch(TODAY, 8, 0);
    const t = setup(now);
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['GAPR']);
    t.broker.quote('GAPR', { prevClose: 10, last: 12.5, volume: 480_000, bid: 12.49, ask: 12.51 });
    expect(row(t.svc, 'GAPR')!.rvolState).toBe('loading');
    await t.advance(COALESCE_MS);
    const r = row(t.svc, 'GAPR')!;
    expect(r.rvolState).toBe('ready');
    expect(r.gapPct).toBeCloseTo(25, 10);
    expect(r.gapFrozen).toBe(false);
    expect(r.premarketVolume).toBe(480_000);
    // 04:00 → now (08:00:00.250) in minutes; past session k traded 100·(k+1) a minute → mean 100·10.5 a minute
    const elapsedMin = (t.clock.now() - etToEpoch(TODAY, 4, 0)) / 60_000;
    const mean = elapsedMin * 100 * 10.5;
    expect(r.rvol).toBeCloseTo(480_000 / mean, 10);
    expect(r.dailyRvol).toBeNull(); // the day is not over
    expect(r.spread).toBeCloseTo(0.02, 10);
    expect(r.score).toBeGreaterThan(0);
    expect(t.broker.historyCalls).toHaveLength(1);
    expect(t.broker.historyCalls[0]).toMatchObject({ duration: '28 D', barSize: '1 min', useRTH: false }); // 2013-09-13 → 2013-10-10 in calendar days
    t.svc.dispose();
  });

  it('caches RVOL history per day so a restart does not refetch', async () => {
    const first = setup(etToEpoch(TODAY, 8, 0));
    first.svc.start();
    first.broker.pushRows('TOP_PERC_GAIN', ['GAPR']);
    quoteAll(first.broker, 'GAPR');
    await first.advance(COALESCE_MS);
    first.svc.dispose();
    const again = setup(etToEpoch(TODAY, 8, 5), {}, { cache: first.cache });
    again.svc.start();
    again.broker.pushRows('TOP_PERC_GAIN', ['GAPR']);
    quoteAll(again.broker, 'GAPR');
    await again.advance(COALESCE_MS);
    expect(row(again.svc, 'GAPR')!.rvolState).toBe('ready');
    expect(again.broker.historyCalls).toHaveLength(0);
    again.svc.dispose();
  });

  it('marks RVOL unavailable when history fails, and never shows numbers without prevClose', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0));
    t.broker.historyError = 'pacing violation';
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['NOPC']);
    t.broker.quote('NOPC', { last: 5, volume: 1000 });
    await t.advance(COALESCE_MS);
    expect(row(t.svc, 'NOPC')).toMatchObject({ rvolState: 'unavailable', rvol: null, prevClose: null, gapPct: null, changePct: null, last: 5 });
    t.svc.dispose();
  });

  it('freezes the premarket gap at 09:30 and switches to the official open', async () => {
    const t = setup(etToEpoch(TODAY, 9, 29));
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['FRZ']);
    t.broker.quote('FRZ', { prevClose: 10, last: 11, volume: 100_000 });
    await t.advance(60_000); // 09:30
    t.broker.quote('FRZ', { last: 13, volume: 150_000 });
    await t.advance(COALESCE_MS);
    expect(row(t.svc, 'FRZ')).toMatchObject({ gapFrozen: true, premarketVolume: 100_000, last: 13 });
    expect(row(t.svc, 'FRZ')!.gapPct).toBeCloseTo(10, 10);
    t.broker.quote('FRZ', { open: 12 });
    expect(row(t.svc, 'FRZ')!.gapPct).toBeCloseTo(20, 10);
    // 09:30-anchored RVOL: 50 000 shares since the open vs ~0.25 minute of past volume
    const r = row(t.svc, 'FRZ')!;
    const elapsedMin = (t.clock.now() - etToEpoch(TODAY, 9, 30)) / 60_000;
    expect(r.rvol).toBeCloseTo(50_000 / ((elapsedMin * 100 * 21) / 2), 6);
    t.svc.dispose();
  });

  it('coalesces deltas, sends only changed rows and lists names entering the top N', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0), { alertTopN: 2 });
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['AAA', 'BBB', 'CCC']);
    for (let i = 0; i < 50; i++) t.broker.quote('AAA', { last: 5 + i / 100, prevClose: 4 });
    t.broker.quote('BBB', { last: 7, prevClose: 6 });
    t.broker.quote('CCC', { last: 2.5, prevClose: 2 });
    expect(t.deltas).toHaveLength(0);
    await t.advance(COALESCE_MS);
    expect(t.deltas).toHaveLength(1);
    expect(t.deltas[0].upsert.map((r) => r.symbol)).toEqual(['AAA', 'BBB', 'CCC']);
    expect(t.deltas[0].entered).toEqual(['AAA', 'BBB']);
    t.broker.quote('CCC', { last: 3, prevClose: 2 });
    await t.advance(COALESCE_MS);
    expect(t.deltas.at(-1)!.upsert.map((r) => r.symbol)).toEqual(['CCC']);
    t.broker.pushRows('TOP_PERC_GAIN', ['CCC', 'AAA', 'BBB']);
    await t.advance(COALESCE_MS);
    expect(t.deltas.at(-1)!.entered).toEqual(['CCC']);
    const n = t.deltas.length;
    await t.advance(COALESCE_MS); // nothing new
    expect(t.deltas.length).toBe(n);
    t.svc.dispose();
  });

  it('shows a new candidate once its first quote arrives, or with dashes after the grace period', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0));
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['FAST', 'MUTE']);
    expect(t.svc.snapshot().rows).toEqual([]);
    t.broker.quote('FAST', { bid: 4.9 });
    expect(t.svc.snapshot().rows.map((r) => r.symbol)).toEqual(['FAST']);
    await t.advance(COALESCE_MS);
    expect(t.deltas.flatMap((d) => d.upsert.map((r) => r.symbol))).toEqual(['FAST']);
    await t.advance(QUOTE_GRACE_MS);
    expect(row(t.svc, 'MUTE')).toMatchObject({ last: null, gapPct: null, score: null });
    // Back on the scan later the same day: waits for its quote again, first-seen time kept.
    const firstSeen = row(t.svc, 'MUTE')!.firstSeen;
    t.broker.pushRows('TOP_PERC_GAIN', ['FAST']);
    t.broker.pushRows('TOP_PERC_GAIN', ['FAST', 'MUTE']);
    expect(row(t.svc, 'MUTE')).toBeUndefined();
    t.broker.quote('MUTE', { last: 3 });
    expect(row(t.svc, 'MUTE')).toMatchObject({ last: 3, firstSeen });
    t.svc.dispose();
  });

  it('logs every new candidate once as a hit', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0));
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['HIT', 'SLOW']);
    t.broker.quote('HIT', { last: 6, prevClose: 5 });
    await t.advance(COALESCE_MS);
    expect(t.hits).toEqual([expect.objectContaining({ symbol: 'HIT', source: 'TOP_PERC_GAIN' })]);
    expect(t.hits[0].gapPct).toBeCloseTo(20, 10);
    await t.advance(2_000); // SLOW never quoted: logged after the grace period
    expect(t.hits.map((h) => h.symbol)).toEqual(['HIT', 'SLOW']);
    t.broker.pushRows('TOP_PERC_GAIN', []);
    t.broker.pushRows('TOP_PERC_GAIN', ['HIT']);
    await t.advance(COALESCE_MS);
    expect(t.hits).toHaveLength(2);
    t.svc.dispose();
  });

  it('surfaces a gateway scanner error while keeping the previous rows', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0));
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['KEEP']);
    quoteAll(t.broker, 'KEEP');
    await t.advance(COALESCE_MS);
    t.broker.scan('TOP_PERC_GAIN')[0].owner.onError!({ code: 'INTERNAL', message: 'Scanner subscription cancelled', ibCode: 162 });
    await t.advance(COALESCE_MS);
    expect(t.deltas.at(-1)).toMatchObject({ error: 'Scanner TOP_PERC_GAIN: Scanner subscription cancelled', remove: [] });
    expect(t.svc.snapshot()).toMatchObject({ error: expect.stringContaining('cancelled'), rows: [expect.objectContaining({ symbol: 'KEEP' })] });
    t.broker.pushRows('TOP_PERC_GAIN', ['KEEP']);
    expect(t.svc.snapshot().error).toBeNull();
    t.svc.dispose();
  });

  it('applies filter changes: re-subscribes scans and hides rows that fail', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0));
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['CHEAP', 'DEAR']);
    t.broker.quote('CHEAP', { last: 3, prevClose: 2.5 });
    t.broker.quote('DEAR', { last: 25, prevClose: 20 });
    t.setFilters({ priceMax: 20 });
    t.svc.filtersChanged();
    expect(t.broker.scan('TOP_PERC_GAIN')[0].request.priceBelow).toBe(20);
    expect(t.svc.snapshot().rows.map((r) => r.symbol)).toEqual(['CHEAP']);
    t.svc.setRecordingMarks(new Map([['CHEAP', 'depth']]));
    expect(row(t.svc, 'CHEAP')!.recording).toBe('depth');
    t.svc.dispose();
  });

  it('after the open with no premarket watched, takes premarket volume from today\'s bars', async () => {
    const broker = new FakeBroker();
    const today = syntheticDay(TODAY, 10).filter((b) => b.tsOpen < etToEpoch(TODAY, 10, 0));
    broker.days.set(TODAY, today);
    const t = setup(etToEpoch(TODAY, 10, 0), {}, { broker });
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['LATE']);
    t.broker.quote('LATE', { prevClose: 9, last: 10, volume: 4_000, open: 9.9 });
    await t.advance(COALESCE_MS);
    expect(t.broker.historyCalls[0].duration).toBe('29 D'); // 2013-09-13 → today
    expect(row(t.svc, 'LATE')).toMatchObject({ premarketVolume: 330 * 10 });
    expect(row(t.svc, 'LATE')!.gapPct).toBeCloseTo(10, 10);
    t.svc.dispose();
  });

  it('loads RVOL history a couple of names at a time, best rank first, dropping names that left', async () => {
    const t = setup(etToEpoch(TODAY, 8, 0));
    t.broker.holdHistory = true;
    t.svc.start();
    t.broker.pushRows('TOP_PERC_GAIN', ['A1', 'A2', 'A3', 'A4']);
    await t.advance(0);
    expect(t.broker.historyCalls.map((c) => c.instrument.symbol)).toEqual(['A1', 'A2']);
    t.broker.pushRows('TOP_PERC_GAIN', ['A1', 'A2', 'A4']); // A3 leaves while waiting
    quoteAll(t.broker, 'A1', 'A2', 'A4');
    t.broker.releaseHistory();
    await t.advance(COALESCE_MS);
    expect(t.broker.historyCalls.map((c) => c.instrument.symbol)).toEqual(['A1', 'A2', 'A4']);
    expect(row(t.svc, 'A1')!.rvolState).toBe('ready');
    expect(row(t.svc, 'A4')!.rvolState).toBe('loading');
    t.broker.releaseHistory();
    await t.advance(COALESCE_MS);
    expect(row(t.svc, 'A4')!.rvolState).toBe('ready');
    t.svc.dispose();
  });
});
