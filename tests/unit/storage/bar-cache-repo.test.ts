import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { openStorage, type Storage } from '../../../src-main/storage';
import type { Bar } from '../../../src-shared/domain/bar';
import { makeTempDir } from '../../support/temp-dir';

const bar = (tsOpen: number, close: number, extra: Partial<Bar> = {}): Bar => ({
  tsOpen, open: close - 0.01, high: close + 0.02, low: close - 0.03, close, volume: 1_000 + tsOpen % 997, ...extra,
});

describe('bar cache repo', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  const clock = new ManualClock(1_700_000_000_000);
  beforeEach(() => {
    tmp = makeTempDir();
    storage = openStorage(tmp.dir, { clock });
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('returns undefined for a day never stored', () => {
    expect(storage.bars.getDay('AAPL', '1m', '2025-01-02', true)).toBeUndefined();
  });

  it('round-trips bars exactly, sorted, with optional vwap/count kept only when present', () => {
    const bars = [bar(120_000, 10.07, { vwap: 10.055, count: 42 }), bar(60_000, 1e-4), bar(0, 123456.789)];
    storage.bars.putDay('AAPL', '1m', '2025-01-02', true, bars, false);
    const got = storage.bars.getDay('AAPL', '1m', '2025-01-02', true)!;
    expect(got.bars).toEqual([bars[2], bars[1], bars[0]]);
    expect(got.complete).toBe(false);
    expect(got.fetchedAt).toBe(clock.now());
  });

  it('keys by symbol, timeframe, date and extended flag', () => {
    storage.bars.putDay('AAPL', '1m', '2025-01-02', true, [bar(1, 1)], true);
    expect(storage.bars.getDay('AAPL', '1m', '2025-01-02', false)).toBeUndefined();
    expect(storage.bars.getDay('AAPL', '1d', '2025-01-02', true)).toBeUndefined();
    expect(storage.bars.getDay('AAPL', '1m', '2025-01-03', true)).toBeUndefined();
    expect(storage.bars.getDay('MSFT', '1m', '2025-01-02', true)).toBeUndefined();
  });

  it('replaces a partial day with a newer fetch and stores empty days (holidays) too', () => {
    storage.bars.putDay('AAPL', '1m', '2025-01-02', true, [bar(1, 1)], false, 10);
    storage.bars.putDay('AAPL', '1m', '2025-01-02', true, [bar(1, 1), bar(60_001, 2)], true, 20);
    expect(storage.bars.getDay('AAPL', '1m', '2025-01-02', true)).toMatchObject({ complete: true, fetchedAt: 20 });
    expect(storage.bars.getDay('AAPL', '1m', '2025-01-02', true)!.bars).toHaveLength(2);
    storage.bars.putDay('AAPL', '1m', '2025-01-01', true, [], true);
    expect(storage.bars.getDay('AAPL', '1m', '2025-01-01', true)).toMatchObject({ bars: [], complete: true });
  });

  it('deletes every day of one symbol only', () => {
    storage.bars.putDay('AAPL', '1m', '2025-01-02', true, [bar(1, 1)], true);
    storage.bars.putDay('AAPL', '1d', '2025-01-02', false, [bar(1, 1)], true);
    storage.bars.putDay('MSFT', '1m', '2025-01-02', true, [bar(1, 1)], true);
    expect(storage.bars.deleteSymbol('AAPL')).toBe(2);
    expect(storage.bars.getDay('MSFT', '1m', '2025-01-02', true)).toBeDefined();
  });
});
