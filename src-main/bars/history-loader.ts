/**
 * Loads ET session days of bars: from the SQLite cache when it can, else from IB through BrokerPort
 * (one "1 D" request of 1-minute bars per day, or one request of daily bars for a run of days), and
 * writes what IB returned back to the cache. Concurrent asks for the same day share one IB request.
 * A finished day the cache lacks is read from the backfill's bar files first, when there are any.
 */
import { err, ok, type Err, type Result } from '../../src-shared/contract/result';
import type { Bar } from '../../src-shared/domain/bar';
import type { Instrument } from '../../src-shared/domain/instrument';
import { etDate, type Session } from '../../src-shared/domain/market-time';
import type { BrokerPort } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import type { BarCacheRepo, CachedDay } from '../storage';
import { calendarDuration, isDayOver, isFresh } from './history-plan';
import { inExtendedDay } from './session-stats';

export interface LoadedDays {
  /** Bars per requested session, in the same order. */
  days: Bar[][];
  /** How many IB requests this load made. */
  requests: number;
}

export interface HistoryLoaderDeps {
  broker: BrokerPort;
  clock: Clock;
  cache: BarCacheRepo;
  log: Logger;
  /** A backfilled day's bars (1m: 1-minute TRADES over all hours; 1d: the daily RTH bar), undefined if none. */
  backfilled?(symbol: string, timeframe: '1m' | '1d', date: string): Bar[] | undefined;
}

export class HistoryLoader {
  private readonly instruments = new Map<string, Instrument>();
  private readonly resolving = new Map<string, Promise<Result<Instrument>>>();
  private readonly inflight = new Map<string, Promise<Result<Bar[][]>>>();

  constructor(private readonly deps: HistoryLoaderDeps) {}

  /** The resolved instrument, asked of IB once per symbol. */
  instrument(symbol: string): Promise<Result<Instrument>> {
    const known = this.instruments.get(symbol);
    if (known) return Promise.resolve(ok(known));
    let pending = this.resolving.get(symbol);
    if (!pending) {
      pending = this.deps.broker.resolve(symbol).then((r) => {
        this.resolving.delete(symbol);
        if (r.ok) this.instruments.set(symbol, r.value);
        return r;
      });
      this.resolving.set(symbol, pending);
    }
    return pending;
  }


  /** 1-minute bars 04:00–20:00 ET (cached with extended = true; regular hours are filtered later). */
  intraday(symbol: string, sessions: Session[]): Promise<Result<LoadedDays>> {
    return this.load(symbol, '1m', true, sessions, (missing) => Promise.all(missing.map((s) => this.shared(symbol, '1m', [s]))));
  }

  /** Daily regular-hours bars (IB "1 day", useRTH) — the official session closes. */
  daily(symbol: string, sessions: Session[]): Promise<Result<LoadedDays>> {
    return this.load(symbol, '1d', false, sessions, async (missing) => [await this.shared(symbol, '1d', missing)]);
  }

  private async load(
    symbol: string,
    timeframe: '1m' | '1d',
    extended: boolean,
    sessions: Session[],
    fetchRuns: (missing: Session[]) => Promise<Array<Result<Bar[][]>>>,
  ): Promise<Result<LoadedDays>> {
    const now = this.deps.clock.now();
    const cached = sessions.map((s) => this.deps.cache.getDay(symbol, timeframe, s.date, extended) ?? this.fromFiles(symbol, timeframe, extended, s, now));
    const missing = sessions.filter((s, i) => !isFresh(cached[i], s, now));
    if (missing.length === 0) return ok({ days: cached.map((c) => c!.bars), requests: 0 });
    const results = await fetchRuns(missing);
    const fetched = new Map<string, Bar[]>();
    let requests = 0;
    for (const [runIndex, r] of results.entries()) {
      if (!r.ok) return this.fallBack(symbol, r, sessions, cached);
      requests++;
      const run = timeframe === '1m' ? [missing[runIndex]!] : missing;
      run.forEach((s, i) => fetched.set(s.date, r.value[i]!));
    }
    return ok({ days: sessions.map((s, i) => fetched.get(s.date) ?? cached[i]!.bars), requests });
  }

  /** A finished day from the backfill's files, copied into the cache so the next open is a cache hit. */
  private fromFiles(symbol: string, timeframe: '1m' | '1d', extended: boolean, s: Session, now: number): CachedDay | undefined {
    if (!this.deps.backfilled || !isDayOver(s, now)) return undefined;
    const bars = this.deps.backfilled(symbol, timeframe, s.date);
    if (!bars?.length) return undefined;
    this.deps.cache.putDay(symbol, timeframe, s.date, extended, bars, true, now);
    return this.deps.cache.getDay(symbol, timeframe, s.date, extended);
  }

  /** IB failed: a stale partial copy beats no chart; a day never fetched cannot be made up. */
  private fallBack(symbol: string, failure: Err, sessions: Session[], cached: Array<CachedDay | undefined>): Result<LoadedDays> {
    if (cached.some((c) => c === undefined)) return failure;
    this.deps.log.warn('serving cached bars after a failed refresh', { symbol, reason: failure.error.message });
    return ok({ days: cached.map((c) => c!.bars), requests: 0 });
  }

  private shared(symbol: string, timeframe: '1m' | '1d', run: Session[]): Promise<Result<Bar[][]>> {
    const key = `${symbol}|${timeframe}|${run[0]!.date}|${run[run.length - 1]!.date}`;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const p = this.fetch(symbol, timeframe, run).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async fetch(symbol: string, timeframe: '1m' | '1d', run: Session[]): Promise<Result<Bar[][]>> {
    const inst = await this.instrument(symbol);
    if (!inst.ok) return inst;
    const asked = this.deps.clock.now();
    const last = run[run.length - 1]!;
    const r = await this.deps.broker.historicalBars({
      instrument: inst.value,
      // A finished day ends at its after-hours close; today's request runs up to now.
      end: isDayOver(last, asked) ? last.afterHoursClose : undefined,
      duration: timeframe === '1m' ? '1 D' : calendarDuration(run[0]!, last),
      barSize: timeframe === '1m' ? '1 min' : '1 day',
      whatToShow: 'TRADES',
      useRTH: timeframe === '1d',
    });
    if (!r.ok) return r.error.code === 'INTERNAL' ? err('INTERNAL', `Could not load ${symbol} history: ${r.error.message}`) : r;
    const days = splitByDay(r.value, run, timeframe);
    run.forEach((s, i) => this.deps.cache.putDay(symbol, timeframe, s.date, timeframe === '1m', days[i]!, isDayOver(s, asked), asked));
    this.deps.log.debug('history loaded', { symbol, timeframe, from: run[0]!.date, to: last.date, bars: r.value.length });
    return ok(days);
  }
}

/** IB's answer cut into the requested sessions; bars outside them (spill-over days) are dropped. */
function splitByDay(bars: Bar[], run: Session[], timeframe: '1m' | '1d'): Bar[][] {
  const index = new Map(run.map((s, i) => [s.date, i]));
  const out: Bar[][] = run.map(() => []);
  for (const b of bars) {
    const i = index.get(etDate(b.tsOpen));
    if (i === undefined) continue;
    if (timeframe === '1m' && !inExtendedDay(b, run[i]!)) continue;
    out[i]!.push(b);
  }
  for (const day of out) day.sort((a, b) => a.tsOpen - b.tsOpen);
  return out;
}
