import { readFileSync, rmSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listSessions, loadSession } from '../../../src-main/analyze/load-session';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { synthEvents, writeSynthSession } from '../../support/synthetic-session';
import { makeTempDir } from '../../support/temp-dir';

describe('load-session (the one reader of recordings for the analysis)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const tmp = () => {
    const t = makeTempDir('tapedeck-load-');
    cleanups.push(t.cleanup);
    return t.dir;
  };
  const at = (h: number) => etToEpoch('2026-11-30', h, 0);

  it('reads all of a date’s sessions in start order, with the best level copied contiguously', () => {
    const dir = tmp();
    const late = writeSynthSession(dir, 'ABC', synthEvents({ start: at(11), events: 3_000, seed: 2 }), at(11));
    const early = writeSynthSession(dir, 'ABC', synthEvents({ start: at(10), events: 2_000, seed: 1 }), at(10));
    expect(listSessions(dir, 'ABC', early.date)).toEqual([early.sessionId, late.sessionId]);
    const all = loadSession({ dataDir: dir, symbol: 'ABC', date: early.date });
    const one = loadSession({ dataDir: dir, symbol: 'ABC', date: early.date, sessionId: late.sessionId });
    expect(all.metas.map((m) => m.sessionId)).toEqual([early.sessionId, late.sessionId]);
    expect(all.book.n).toBe(all.metas.reduce((a, m) => a + m.counts.depthMessages, 0));
    expect(all.trades.n).toBe(all.metas.reduce((a, m) => a + m.counts.trades, 0));
    for (let i = 1; i < all.book.n; i++) expect(all.book.t[i]).toBeGreaterThanOrEqual(all.book.t[i - 1]);
    expect(one.book.n).toBe(one.metas[0].counts.depthMessages);
    const best = all.book.best!;
    for (const i of [0, 100, all.book.n - 1]) {
      expect(best.bidPx[i]).toBe(all.book.bidPx[i * 10]);
      expect(best.askSz[i]).toBe(all.book.askSz[i * 10]);
    }
    expect(all.warnings).toEqual([]);
  });

  it('a torn depth.arrows is read up to its last whole batch, with a warning', () => {
    const dir = tmp();
    const s = writeSynthSession(dir, 'ABC', synthEvents({ start: at(10), events: 12_000, seed: 3 }), at(10));
    const path = join(s.dir, 'depth.arrows');
    const whole = loadSession({ dataDir: dir, symbol: 'ABC', date: s.date });
    truncateSync(path, statSync(path).size - 200);
    const torn = loadSession({ dataDir: dir, symbol: 'ABC', date: s.date });
    expect(torn.book.n).toBeGreaterThan(0);
    expect(torn.book.n).toBeLessThan(whole.book.n);
    expect(Array.from(torn.book.bidPx.subarray(0, torn.book.n * 10))).toEqual(Array.from(whole.book.bidPx.subarray(0, torn.book.n * 10)));
    expect(torn.warnings.join()).toMatch(/torn bytes/);
  });

  it('no recording, or no session.json, is an error that says where it looked', () => {
    const dir = tmp();
    expect(() => loadSession({ dataDir: dir, symbol: 'ABC', date: '2026-11-30' })).toThrow(/no recording of ABC on 2026-11-30/);
    const s = writeSynthSession(dir, 'ABC', synthEvents({ start: at(10), events: 100 }), at(10));
    expect(readFileSync(join(s.dir, 'session.json'), 'utf8')).toMatch(/sessionId/);
    rmSync(join(s.dir, 'session.json'));
    expect(() => loadSession({ dataDir: dir, symbol: 'ABC', date: s.date })).toThrow(/session\.json/);
  });
});
