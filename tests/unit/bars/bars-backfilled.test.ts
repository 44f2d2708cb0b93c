/** Charts read the backfill's bar files for finished days the SQLite cache lacks, and cache what they read. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barFilePath, encodeBars, readBackfilledDay, writeFileAtomic } from '../../../src-main/backfill/bar-files';
import { BarsService } from '../../../src-main/bars';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { openStorage, type Storage } from '../../../src-main/storage';
import type { Bar } from '../../../src-shared/domain/bar';
import { etToEpoch, sessionFor } from '../../../src-shared/domain/market-time';
import { makeTempDir } from '../../support/temp-dir';
import { FakeBroker } from './fake-broker';

const NOW = etToEpoch('2025-03-12', 11, 0);
const DAY = '2025-03-10';

describe('charts over backfilled files', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  let broker: FakeBroker;
  let service: BarsService;
  beforeEach(() => {
    tmp = makeTempDir();
    const clock = new ManualClock(NOW);
    storage = openStorage(tmp.dir, { clock });
    broker = new FakeBroker(clock);
    service = new BarsService({
      broker, clock, cache: storage.bars, emit: () => {}, log: createLogger('test'),
      backfilled: (symbol, timeframe, date) => readBackfilledDay(tmp.dir, symbol, timeframe, date),
    });
  });
  afterEach(() => {
    service.dispose();
    storage.close();
    tmp.cleanup();
  });

  it('serves a backfilled day without asking IB for it, and from the cache the next time', async () => {
    const open = etToEpoch(DAY, 4, 0);
    const bars: Bar[] = Array.from({ length: 960 }, (_, i) => ({ tsOpen: open + i * 60_000, open: 7, high: 7.5, low: 6.5, close: 7, volume: 100, vwap: 7, count: 3 }));
    writeFileAtomic(barFilePath(tmp.dir, 'ABCD', '1min', 'TRADES', false, DAY), encodeBars(bars));
    const r = await service.bars({ symbol: 'ABCD', timeframe: '1m', includeExtended: true });
    expect(r.ok).toBe(true);
    const dayEnd = sessionFor(DAY)!.afterHoursClose;
    expect(broker.requests.some((q) => q.end === dayEnd)).toBe(false);
    expect(broker.requests).toHaveLength(5);
    const shown = r.ok ? r.value.bars.filter((b) => b.tsOpen >= open && b.tsOpen < dayEnd) : [];
    expect(shown).toHaveLength(960);
    expect(shown.every((b) => b.close === 7 && b.high === 7.5)).toBe(true);
    expect(storage.bars.getDay('ABCD', '1m', DAY, true)?.complete).toBe(true);
  });

  it('treats a missing or unreadable file as absent', () => {
    expect(readBackfilledDay(tmp.dir, 'ABCD', '1m', DAY)).toBeUndefined();
    writeFileAtomic(barFilePath(tmp.dir, 'ABCD', '1day', 'TRADES', true, DAY), new Uint8Array([1, 2, 3]));
    expect(readBackfilledDay(tmp.dir, 'ABCD', '1d', DAY)).toBeUndefined();
  });
});
