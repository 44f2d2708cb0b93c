import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarsService } from '../../../src-main/bars';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { openStorage, type Storage } from '../../../src-main/storage';
import type { LiveBar } from '../../../src-shared/contract/features/chart';
import type { Bar } from '../../../src-shared/domain/bar';
import { etMidnight, etToEpoch } from '../../../src-shared/domain/market-time';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { FakeBroker, minuteBar } from './fake-broker';

const at = (hh: number, mm: number, ss = 0) => etToEpoch('2025-03-12', hh, mm, ss);
const fiveSec = (ts: number, price: number, volume = 10): Bar => ({ tsOpen: ts, open: price, high: price + 0.02, low: price - 0.02, close: price + 0.01, volume, vwap: price, count: 2 });
const flush = () => new Promise<void>((r) => setImmediate(r));

describe('BarsService live bars', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  let clock: ManualClock;
  let broker: FakeBroker;
  let service: BarsService;
  let emitted: LiveBar[];

  beforeEach(() => {
    tmp = makeTempDir();
    clock = new ManualClock(at(10, 59, 30));
    storage = openStorage(tmp.dir, { clock });
    broker = new FakeBroker(clock);
    emitted = [];
    service = new BarsService({ broker, clock, cache: storage.bars, emit: (b) => emitted.push(b), log: createLogger('test') });
  });
  afterEach(() => {
    service.dispose();
    storage.close();
    tmp.cleanup();
  });

  const subscribed = () => waitFor(() => broker.live.length > 0, { message: 'real-time bar subscription' });

  it('aggregates 5-second bars into the forming minute and rolls over on the ET minute', async () => {
    expect(service.watch('ABCD', '1m')).toEqual({ ok: true, value: null });
    await subscribed();
    broker.pushLive('ABCD', fiveSec(at(10, 59, 50), 10));
    broker.pushLive('ABCD', fiveSec(at(10, 59, 55), 10.5));
    broker.pushLive('ABCD', fiveSec(at(11, 0, 0), 11));
    expect(emitted.map((e) => [e.symbol, e.timeframe, e.bar.tsOpen])).toEqual([
      ['ABCD', '1m', at(10, 59)], ['ABCD', '1m', at(10, 59)], ['ABCD', '1m', at(11, 0)],
    ]);
    expect(emitted[1]!.bar).toMatchObject({ open: 10, high: 10.52, low: 9.98, close: 10.51, volume: 20, count: 4 });
    expect(emitted[1]!.bar.vwap).toBeCloseTo(10.25, 10);
    expect(emitted[2]!.bar).toMatchObject({ open: 11, close: 11.01, volume: 10 });
  });

  it('starts a coarser forming bar from the whole minutes already in the cache', async () => {
    clock.set(at(11, 3, 30));
    expect((await service.bars({ symbol: 'ABCD', timeframe: '5m', includeExtended: true })).ok).toBe(true);
    service.watch('ABCD', '5m');
    await subscribed();
    broker.pushLive('ABCD', fiveSec(at(11, 2, 55), 50)); // already inside the cached 11:02 minute
    expect(emitted).toHaveLength(0);
    broker.pushLive('ABCD', fiveSec(at(11, 3, 30), 100.5, 7));
    const seed = [0, 1, 2].map((m) => minuteBar(at(11, m)));
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.bar).toMatchObject({
      tsOpen: at(11, 0),
      open: seed[0]!.open,
      high: Math.max(...seed.map((b) => b.high), 100.52),
      close: 100.51,
      volume: seed.reduce((a, b) => a + b.volume, 0) + 7,
    });
    broker.pushLive('ABCD', fiveSec(at(11, 5, 0), 101));
    expect(emitted.at(-1)!.bar).toMatchObject({ tsOpen: at(11, 5), volume: 10 });
  });

  it('builds the daily forming bar from regular-hours bars only', async () => {
    service.watch('ABCD', '1d');
    await subscribed();
    broker.pushLive('ABCD', fiveSec(at(9, 29, 55), 90));
    broker.pushLive('ABCD', fiveSec(at(10, 59, 55), 100));
    expect(emitted.map((e) => [e.bar.tsOpen, e.bar.open])).toEqual([[etMidnight('2025-03-12'), 100]]);
  });

  it('shares one subscription per symbol, ref-counted per timeframe', async () => {
    service.watch('ABCD', '1m');
    service.watch('ABCD', '1m');
    service.watch('ABCD', '5m');
    await subscribed();
    await flush();
    expect(broker.live).toHaveLength(1);
    broker.pushLive('ABCD', fiveSec(at(10, 59, 55), 10));
    expect(emitted.map((e) => e.timeframe).sort()).toEqual(['1m', '5m']);
    expect(service.unwatch('ABCD', '1m').ok).toBe(true);
    expect(service.unwatch('ABCD', '5m').ok).toBe(true);
    expect(broker.live[0]!.disposed).toBe(false);
    expect(service.unwatch('ABCD', '1m').ok).toBe(true);
    expect(broker.live[0]!.disposed).toBe(true);
    expect(service.unwatch('ABCD', '1m')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('an unwatch before the symbol resolves leaves no subscription behind', async () => {
    service.watch('ABCD', '1m');
    service.unwatch('ABCD', '1m');
    await waitFor(() => broker.resolves === 1);
    await flush();
    expect(broker.live).toHaveLength(0);
  });

  it('dispose ends every live subscription and refuses new watches', async () => {
    service.watch('ABCD', '1m');
    service.watch('WXYZ', '15m');
    await waitFor(() => broker.live.length === 2);
    service.dispose();
    expect(broker.live.every((l) => l.disposed)).toBe(true);
    broker.pushLive('ABCD', fiveSec(at(10, 59, 55), 10));
    expect(emitted).toHaveLength(0);
    expect(service.watch('ABCD', '1m')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
