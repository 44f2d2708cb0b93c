import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src-shared/domain/bar';
import { etToEpoch, previousSessions } from '../../../src-shared/domain/market-time';
import { loadRvolHistory, withBackfilledDays } from '../../../src-main/scanner/rvol-history';
import { FakeBroker, instrument, syntheticDay } from './fake-broker';

const TODAY = '2013-10-11';

function memoryCache() {
  const days = new Map<string, { bars: Bar[]; complete: boolean }>();
  return {
    days,
    getDay: (s: string, tf: string, d: string, x: boolean) => days.get(`${s}|${tf}|${d}|${x}`),
    putDay: (s: string, tf: string, d: string, x: boolean, bars: Bar[], complete: boolean) => { days.set(`${s}|${tf}|${d}|${x}`, { bars, complete }); },
  };
}

describe('loadRvolHistory', () => {
  it('uses the sessions a young listing has, caches them, and leaves older days unknown', async () => {
    const broker = new FakeBroker();
    const past = previousSessions(TODAY, 20);
    // listed four sessions ago; one of those sessions had no trades at all
    for (const d of past.slice(0, 4)) broker.days.set(d, d === past[1] ? [] : syntheticDay(d, 10));
    const cache = memoryCache();
    const opts = { today: TODAY, sessions: 20, now: etToEpoch(TODAY, 8, 0), needToday: false };
    const res = await loadRvolHistory(broker, cache, instrument('NEWCO'), opts);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.past.map((p) => p.date)).toEqual([past[0], past[1], past[2], past[3]]);
    expect(res.value.past[1].bars).toEqual([]);
    expect(cache.days.size).toBe(4);
    // a second load asks again only for the unknown days
    await loadRvolHistory(broker, cache, instrument('NEWCO'), opts);
    expect(broker.historyCalls).toHaveLength(2);
    expect(broker.historyCalls[1].end).toBe(etToEpoch(past[4], 20, 0));
  });

  it('does not ask the gateway when every day is cached, and reports gateway errors', async () => {
    const broker = new FakeBroker();
    for (const d of previousSessions(TODAY, 3)) broker.days.set(d, syntheticDay(d, 10));
    const cache = memoryCache();
    const opts = { today: TODAY, sessions: 3, now: etToEpoch(TODAY, 8, 0), needToday: false };
    await loadRvolHistory(broker, cache, instrument('OLD'), opts);
    await loadRvolHistory(broker, cache, instrument('OLD'), opts);
    expect(broker.historyCalls).toHaveLength(1);
    broker.historyError = 'HMDS query returned no data';
    const res = await loadRvolHistory(broker, cache, instrument('OTHER'), opts);
    expect(res).toMatchObject({ ok: false, error: { code: 'PACING', message: expect.stringContaining('OTHER') } });
  });

  it('reads days the backfill wrote before asking IB: a fully backfilled name costs no request', async () => {
    const broker = new FakeBroker();
    const past = previousSessions(TODAY, 5);
    const files = new Map(past.map((d) => [d, syntheticDay(d, 7)]));
    const read: string[] = [];
    const cache = withBackfilledDays(memoryCache(), (symbol, date) => (read.push(`${symbol}:${date}`), files.get(date)));
    const opts = { today: TODAY, sessions: 5, now: etToEpoch(TODAY, 8, 0), needToday: false };
    const res = await loadRvolHistory(broker, cache, instrument('BACK'), opts);
    expect(res.ok && res.value.past.map((p) => [p.date, p.bars[0].volume])).toEqual(past.map((d) => [d, 7]));
    expect(broker.historyCalls).toHaveLength(0);
    expect(read).toHaveLength(5);
    // one day missing from the backfill: IB is asked, back to that day only
    files.delete(past[2]);
    for (const d of past) broker.days.set(d, syntheticDay(d, 9));
    const again = await loadRvolHistory(broker, withBackfilledDays(memoryCache(), (_s, d) => files.get(d)), instrument('BACK'), opts);
    expect(again.ok).toBe(true);
    expect(broker.historyCalls).toHaveLength(1);
  });
});
