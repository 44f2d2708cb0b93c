import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

// 2025-01-02 08:00 ET = 13:00 UTC; 2025-01-03 00:30 UTC is still 2025-01-02 19:30 ET.
const t1 = Date.UTC(2025, 0, 2, 13, 0);
const t2 = Date.UTC(2025, 0, 3, 0, 30);
const t3 = Date.UTC(2025, 0, 3, 14, 0);

describe('scanner hits repo', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  beforeEach(() => {
    tmp = makeTempDir();
    storage = openStorage(tmp.dir);
    storage.hits.record({ symbol: 'ABCD', ts: t1, gapPct: 25, rvol: 6.5, score: 90, source: 'TOP_PERC_GAIN' });
    storage.hits.record({ symbol: 'WXYZ', ts: t2, gapPct: null, rvol: NaN, score: Infinity, source: 'HOT_BY_VOLUME' });
    storage.hits.record({ symbol: 'ABCD', ts: t3, gapPct: 3, rvol: 1.2, score: 10, source: 'TOP_PERC_GAIN' });
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('lists newest first with ids, and keeps unknown numbers as null', () => {
    const all = storage.hits.list({});
    expect(all.map((h) => h.ts)).toEqual([t3, t2, t1]);
    expect(new Set(all.map((h) => h.id)).size).toBe(3);
    expect(all[1]).toMatchObject({ symbol: 'WXYZ', gapPct: null, rvol: null, score: null, source: 'HOT_BY_VOLUME' });
  });

  it('filters by ET date (not UTC date), by symbol, and limits', () => {
    expect(storage.hits.list({ date: '2025-01-02' }).map((h) => h.symbol)).toEqual(['WXYZ', 'ABCD']);
    expect(storage.hits.list({ symbol: 'ABCD' }).map((h) => h.ts)).toEqual([t3, t1]);
    expect(storage.hits.list({ symbol: 'ABCD', date: '2025-01-03' })).toHaveLength(1);
    expect(storage.hits.list({ limit: 1 }).map((h) => h.ts)).toEqual([t3]);
  });
});
