import { describe, expect, it } from 'vitest';
import { parseBarSizeKey } from '../../../src-main/backfill/plan/bar-sizes';
import { pacedDurationMs, planBackfill, sixMonthsBefore, type BackfillPlan, type BackfillSpec } from '../../../src-main/backfill/plan/plan';
import { etToEpoch } from '../../../src-shared/domain/market-time';

const NOW = Date.UTC(2026, 11, 1, 15, 0); // 2026-12-01 10:00 ET
const spec = (o: Partial<BackfillSpec>): BackfillSpec => ({ symbols: ['AAPL'], start: '2025-03-03', end: '2025-03-14', kind: 'bars', bar: '1min', what: 'TRADES', rth: false, ...o });
function plan(o: Partial<BackfillSpec>, heads?: Record<string, number>): BackfillPlan {
  const r = planBackfill(spec(o), { now: NOW, heads });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('planBackfill: durations per bar size', () => {
  it('1-minute bars: one "1 D" request per session, 04:00–20:00 ET across the DST change', () => {
    const p = plan({});
    expect(p.tasks.map((t) => t.dates[0])).toEqual([
      '2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14',
    ]);
    expect(p.tasks.every((t) => t.chunks.length === 1 && t.chunks[0].duration === '1 D')).toBe(true);
    // EST before 2025-03-09 (04:00 ET = 09:00 UTC), EDT after (08:00 UTC).
    expect(new Date(p.tasks[4].chunks[0].start).toISOString()).toBe('2025-03-07T09:00:00.000Z');
    expect(new Date(p.tasks[5].chunks[0].start).toISOString()).toBe('2025-03-10T08:00:00.000Z');
    expect(new Date(p.tasks[5].chunks[0].end).toISOString()).toBe('2025-03-11T00:00:00.000Z');
    expect(p.requests).toBe(10);
  });

  it('1-second bars: RTH sessions cut into 1800 S windows (13 on a full day, 7 on a half day)', () => {
    const p = planBackfill(spec({ bar: '1sec', rth: true, start: '2026-11-25', end: '2026-11-27' }), { now: NOW });
    if (!p.ok) throw new Error(p.error.message);
    const [wed, fri] = p.value.tasks; // Thanksgiving (26th) is skipped, the 27th closes at 13:00
    expect(wed.chunks).toHaveLength(13);
    expect(wed.chunks.every((c) => c.duration === '1800 S' && c.end - c.start === 1_800_000)).toBe(true);
    expect(wed.chunks[0].start).toBe(etToEpoch('2026-11-25', 9, 30));
    expect(fri.chunks).toHaveLength(7);
    expect(fri.chunks[6].end).toBe(etToEpoch('2026-11-27', 13, 0));
    expect(p.value.skipped).toContainEqual({ date: '2026-11-26', reason: 'NYSE holiday' });
  });

  it('5-second bars: 3600 S windows, 16 for an extended session; 30 secs: 28800 S', () => {
    const five = planBackfill(spec({ bar: '5sec', start: '2026-11-24', end: '2026-11-24' }), { now: NOW });
    const thirty = planBackfill(spec({ bar: '30sec', start: '2026-11-24', end: '2026-11-24' }), { now: NOW });
    if (!five.ok || !thirty.ok) throw new Error('refused');
    expect(five.value.tasks[0].chunks.map((c) => c.duration)).toEqual(Array(16).fill('3600 S'));
    expect(thirty.value.tasks[0].chunks.map((c) => c.duration)).toEqual(['28800 S', '28800 S']);
  });

  it('5-minute bars: sessions grouped so a request spans at most 7 calendar days', () => {
    const p = plan({ bar: '5min' });
    expect(p.tasks.map((t) => [t.dates.length, t.chunks[0].duration])).toEqual([[5, '5 D'], [5, '5 D']]);
    expect(p.tasks[0].chunks[0].end).toBe(etToEpoch('2025-03-07', 20, 0));
  });

  it('daily bars: one request per ≤ 365 calendar days, from midnight to midnight ET', () => {
    const p = plan({ bar: '1day', start: '2024-01-02', end: '2025-12-31' });
    expect(p.tasks).toHaveLength(2);
    expect(p.tasks[0].chunks[0].start).toBe(etToEpoch('2024-01-02', 0, 0));
    expect(p.tasks.every((t) => Number(t.chunks[0].duration!.split(' ')[0]) <= 365)).toBe(true);
    expect(p.tasks.reduce((n, t) => n + t.dates.length, 0)).toBe(252 + 250);
  });
});

describe('planBackfill: calendar, head timestamp and refusals', () => {
  it('skips holidays and ends a half day early (Independence Day 2025)', () => {
    const p = plan({ start: '2025-07-01', end: '2025-07-07' });
    expect(p.tasks.map((t) => t.dates[0])).toEqual(['2025-07-01', '2025-07-02', '2025-07-03', '2025-07-07']);
    expect(p.tasks[2].chunks[0].end).toBe(etToEpoch('2025-07-03', 17, 0));
    expect(p.skipped).toEqual([{ date: '2025-07-04', reason: 'NYSE holiday' }]);
    expect(plan({ start: '2025-07-03', end: '2025-07-03', rth: true }).tasks[0].chunks[0].end).toBe(etToEpoch('2025-07-03', 13, 0));
  });

  it('clamps the start to the head timestamp and says which days were dropped', () => {
    const head = etToEpoch('2025-03-05', 10, 0);
    const p = plan({ symbols: ['NEW', 'AAPL'], end: '2025-03-06' }, { NEW: head });
    const mine = p.tasks.filter((t) => t.symbol === 'NEW');
    expect(mine.map((t) => t.dates[0])).toEqual(['2025-03-05', '2025-03-06']);
    expect(mine[0].chunks[0].start).toBe(head);
    expect(p.skipped.map((s) => [s.symbol, s.date])).toEqual([['NEW', '2025-03-03'], ['NEW', '2025-03-04']]);
    expect(p.tasks.filter((t) => t.symbol === 'AAPL')).toHaveLength(4);
  });

  it('refuses bars of 30 seconds or less older than six months, with the reason; 1 min is fine', () => {
    const r = planBackfill(spec({ bar: '30sec', start: '2026-05-29', end: '2026-06-05' }), { now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/30 seconds or less only for the last six months.*2026-06-01/);
    expect(planBackfill(spec({ bar: '1sec', start: '2026-06-01', end: '2026-06-02' }), { now: NOW }).ok).toBe(true);
    expect(planBackfill(spec({ bar: '1min', start: '2020-01-02', end: '2020-01-03' }), { now: NOW }).ok).toBe(true);
    expect(sixMonthsBefore('2026-08-31')).toBe('2026-02-28');
  });

  it('refuses bad ranges and clamps an end of today to yesterday', () => {
    expect(planBackfill(spec({ start: '2025-03-10', end: '2025-03-01' }), { now: NOW }).ok).toBe(false);
    expect(planBackfill(spec({ start: '2026-12-01', end: '2026-12-02' }), { now: NOW }).ok).toBe(false);
    expect(planBackfill(spec({ symbols: [] }), { now: NOW }).ok).toBe(false);
    const p = plan({ start: '2026-11-27', end: '2026-12-01' });
    expect(p.tasks.map((t) => t.dates[0])).toEqual(['2026-11-27', '2026-11-30']);
    expect(p.skipped[0].reason).toMatch(/clamped to 2026-11-30/);
  });

  it('keeps input order (symbol-major), counts BID_ASK twice and estimates the pacing time', () => {
    const p = plan({ symbols: ['B', 'A'], what: 'BID_ASK' });
    expect(p.tasks.map((t) => t.index)).toEqual([...Array(20).keys()]);
    expect(p.tasks[0].symbol).toBe('B');
    expect(p.tasks[10].symbol).toBe('A');
    expect(p.units).toBe(40);
    expect(pacedDurationMs(60)).toBe(0);
    expect(pacedDurationMs(180)).toBe(1_200_000);
    expect(new Set(p.tasks.flatMap((t) => t.chunks.map((c) => c.key))).size).toBe(20);
  });

  it('ticks: one forward-walked window per session, no duration', () => {
    const p = plan({ kind: 'ticks', rth: true, end: '2025-03-04' });
    expect(p.tasks).toHaveLength(2);
    expect(p.tasks[0].chunks).toEqual([{ key: expect.any(String), start: etToEpoch('2025-03-03', 9, 30), end: etToEpoch('2025-03-03', 16, 0) }]);
  });

  it('parses bar sizes the way traders type them', () => {
    expect(['1min', '1 min', '1m', '5 mins', '1d', '1 day', '30 secs', '1 hour'].map(parseBarSizeKey)).toEqual(['1min', '1min', '1min', '5min', '1day', '1day', '30sec', '1hour']);
    expect(parseBarSizeKey('7 mins')).toBeUndefined();
  });
});
