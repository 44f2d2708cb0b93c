/**
 * 1-minute extended-hours bars of the N previous sessions for RVOL, cached per day through the bar
 * cache so a restart does not refetch. One historical request per symbol covers every missing day
 * (and today so far, when the app starts after the open and needs today's premarket volume), rather
 * than one per day: IB's pacing (60 requests per 10 minutes) could not feed 50 names × 20 days.
 */
import { type Result, err, ok } from '../../src-shared/contract/result';
import type { Bar } from '../../src-shared/domain/bar';
import type { PastSession } from '../../src-shared/domain/gap-rvol';
import type { Instrument } from '../../src-shared/domain/instrument';
import { daysBetween, etDate, previousSessions, sessionFor } from '../../src-shared/domain/market-time';
import type { BrokerPort } from '../broker/port';

/** Structurally the storage helper's BarCacheRepo (the scanner does not import storage). */
export interface HistoryCache {
  getDay(symbol: string, timeframe: '1m', date: string, extended: boolean): { bars: Bar[]; complete: boolean } | undefined;
  putDay(symbol: string, timeframe: '1m', date: string, extended: boolean, bars: Bar[], complete: boolean): void;
}

/**
 * The cache first, then a day the backfill wrote (1-minute TRADES, all hours: what RVOL needs), so names
 * backfilled overnight cost no request in the morning. A backfilled day is a finished session: complete.
 */
export function withBackfilledDays(cache: HistoryCache, backfilled: (symbol: string, date: string) => Bar[] | undefined): HistoryCache {
  return {
    getDay: (symbol, timeframe, date, extended) => {
      const hit = cache.getDay(symbol, timeframe, date, extended);
      if (hit?.complete || !extended) return hit;
      const bars = backfilled(symbol, date);
      return bars ? { bars, complete: true } : hit;
    },
    putDay: (...args) => cache.putDay(...args),
  };
}

export interface RvolHistory {
  past: PastSession[];
  /** Today's bars up to now, when asked for. */
  today: Bar[] | null;
}

function groupByDate(bars: Bar[]): Map<string, Bar[]> {
  const out = new Map<string, Bar[]>();
  for (const b of bars) {
    const d = etDate(b.tsOpen);
    let list = out.get(d);
    if (!list) out.set(d, (list = []));
    list.push(b);
  }
  return out;
}

export async function loadRvolHistory(
  broker: BrokerPort,
  cache: HistoryCache,
  instrument: Instrument,
  opts: { today: string; sessions: number; now: number; needToday: boolean },
): Promise<Result<RvolHistory>> {
  const symbol = instrument.symbol;
  const dates = previousSessions(opts.today, opts.sessions); // most recent first
  const have = new Map<string, Bar[]>();
  for (const d of dates) {
    const hit = cache.getDay(symbol, '1m', d, true);
    if (hit?.complete) have.set(d, hit.bars);
  }
  const missing = dates.filter((d) => !have.has(d));
  if (missing.length === 0 && !opts.needToday) return ok({ past: dates.map((date) => ({ date, bars: have.get(date)! })), today: null });

  // Ask in calendar days back to the oldest missing session: enough whether the gateway counts "D" in
  // sessions or in calendar days (the extra sessions cost nothing and fill the cache).
  const end = opts.needToday ? opts.now : sessionFor(missing[0])!.afterHoursClose;
  const from = missing.length ? missing[missing.length - 1] : opts.today;
  const res = await broker.historicalBars({
    instrument, end, duration: `${daysBetween(from, etDate(end)) + 1} D`, barSize: '1 min', whatToShow: 'TRADES', useRTH: false,
  });
  if (!res.ok) return err(res.error.code, `RVOL history for ${symbol}: ${res.error.message}`, res.error.ibCode);

  const got = groupByDate(res.value);
  const earliest = [...got.keys()].sort()[0];
  for (const d of missing) {
    const bars = got.get(d);
    // A session inside the returned span without bars had no trades: a known (empty) day, cached as such.
    // One before the first returned bar may just be beyond what the gateway sent: left unknown.
    if (!bars && !(earliest !== undefined && d > earliest)) continue;
    cache.putDay(symbol, '1m', d, true, bars ?? [], true);
    have.set(d, bars ?? []);
  }
  return ok({
    past: dates.filter((date) => have.has(date)).map((date) => ({ date, bars: have.get(date)! })),
    today: opts.needToday ? (got.get(opts.today) ?? []) : null,
  });
}
