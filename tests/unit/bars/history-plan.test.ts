import { describe, expect, it } from 'vitest';
import { calendarDuration, isFresh, PARTIAL_STALE_MS, sessionsBefore } from '../../../src-main/bars/history-plan';
import { etMidnight, etToEpoch, sessionFor } from '../../../src-shared/domain/market-time';

const dates = (ss: Array<{ date: string }>) => ss.map((s) => s.date);

describe('history plan', () => {
  it('counts today once its premarket has begun (extended) or its regular session (RTH)', () => {
    const t = etToEpoch('2025-03-12', 8, 0);
    expect(dates(sessionsBefore(t, 2, '1m', true))).toEqual(['2025-03-11', '2025-03-12']);
    expect(dates(sessionsBefore(t, 2, '1m', false))).toEqual(['2025-03-10', '2025-03-11']);
    expect(dates(sessionsBefore(etToEpoch('2025-03-12', 3, 59), 1, '1m', true))).toEqual(['2025-03-11']);
    expect(dates(sessionsBefore(t, 1, '1d', false))).toEqual(['2025-03-12']);
  });

  it('skips weekends and NYSE holidays', () => {
    // Monday 2025-01-20 is Martin Luther King Jr. Day.
    expect(dates(sessionsBefore(etToEpoch('2025-01-20', 12, 0), 3, '1m', true))).toEqual(['2025-01-15', '2025-01-16', '2025-01-17']);
  });

  it('scrolls back from the first bar shown', () => {
    expect(dates(sessionsBefore(etToEpoch('2025-03-10', 4, 0), 2, '1m', true))).toEqual(['2025-03-06', '2025-03-07']);
    expect(dates(sessionsBefore(etToEpoch('2025-03-10', 9, 30), 1, '1m', false))).toEqual(['2025-03-07']);
    expect(dates(sessionsBefore(etMidnight('2025-03-10'), 1, '1d', false))).toEqual(['2025-03-07']);
  });

  it('serves complete days always and partial days while fresh and the day runs', () => {
    const s = sessionFor('2025-03-12')!;
    const now = etToEpoch('2025-03-12', 11, 0);
    expect(isFresh(undefined, s, now)).toBe(false);
    expect(isFresh({ bars: [], complete: true, fetchedAt: 0 }, s, now)).toBe(true);
    expect(isFresh({ bars: [], complete: false, fetchedAt: now - PARTIAL_STALE_MS + 1 }, s, now)).toBe(true);
    expect(isFresh({ bars: [], complete: false, fetchedAt: now - PARTIAL_STALE_MS }, s, now)).toBe(false);
    expect(isFresh({ bars: [], complete: false, fetchedAt: s.afterHoursClose }, s, s.afterHoursClose + 10 * 60_000)).toBe(false);
  });

  it('asks IB for daily bars by calendar span, in years beyond 365 days', () => {
    expect(calendarDuration(sessionFor('2025-03-07')!, sessionFor('2025-03-10')!)).toBe('4 D');
    expect(calendarDuration(sessionFor('2024-03-12')!, sessionFor('2025-03-12')!)).toBe('2 Y');
    expect(calendarDuration(sessionFor('2024-03-13')!, sessionFor('2025-03-12')!)).toBe('365 D');
  });
});
