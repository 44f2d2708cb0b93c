/**
 * Chart history and live forming bars. History is 1-minute bars per ET session day (5m/15m/1h derived
 * locally, so one IB request serves every intraday timeframe) or IB daily bars, cached in SQLite per
 * day: a chart opened twice asks IB nothing the second time.
 */
import type { BarsRequest, BarsResponse, LiveBar } from '../../src-shared/contract/features/chart';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { Bar, Timeframe } from '../../src-shared/domain/bar';
import { resampleBars } from '../../src-shared/domain/bars';
import { etDate, sessionFor, type Session } from '../../src-shared/domain/market-time';
import type { BrokerPort } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import type { BarCacheRepo } from '../storage';
import { HistoryLoader, type LoadedDays } from './history-loader';
import { DEFAULT_DAYS_DAILY, DEFAULT_DAYS_INTRADAY, sessionsBefore } from './history-plan';
import { LiveBars } from './live-bars';
import { inExtendedDay, inRegular, premarketHigh, regularClose } from './session-stats';

export interface BarsServiceDeps {
  broker: BrokerPort;
  clock: Clock;
  cache: BarCacheRepo;
  emit: (bar: LiveBar) => void;
  log: Logger;
  /** Backfilled bar files for days the cache lacks (see HistoryLoaderDeps.backfilled). */
  backfilled?(symbol: string, timeframe: '1m' | '1d', date: string): Bar[] | undefined;
}

export class BarsService {
  private readonly loader: HistoryLoader;
  private readonly live: LiveBars;
  private disposed = false;

  constructor(private readonly deps: BarsServiceDeps) {
    this.loader = new HistoryLoader(deps);
    this.live = new LiveBars({
      broker: deps.broker,
      emit: deps.emit,
      log: deps.log,
      instrument: (symbol) => this.loader.instrument(symbol),
      history: (symbol, timeframe, tsOpen) => this.cachedMinutes(symbol, timeframe, tsOpen),
    });
  }

  async bars(request: BarsRequest): Promise<Result<BarsResponse>> {
    if (this.disposed) return err('INTERNAL', 'Charts are shutting down.');
    const { symbol, timeframe, includeExtended } = request;
    const empty: BarsResponse = { symbol, timeframe, bars: [], prevClose: null, premarketHigh: null, cached: true, more: false };
    // IB keeps 5-second history only for short windows; a 5 s chart starts empty and fills from the live stream.
    if (timeframe === '5s') return ok(empty);
    const now = this.deps.clock.now();
    const until = Math.min(request.before ?? now, now);
    const daily = timeframe === '1d';
    const days = request.days ?? (daily ? DEFAULT_DAYS_DAILY : DEFAULT_DAYS_INTRADAY);
    // One session more than shown: the day before the newest gives the previous-close line.
    const sessions = sessionsBefore(until, days + 1, timeframe, includeExtended || daily);
    const loaded = daily ? await this.loader.daily(symbol, sessions) : await this.loader.intraday(symbol, sessions);
    if (!loaded.ok) return loaded;
    const response = daily
      ? dailyResponse(loaded.value, sessions, until)
      : intradayResponse(loaded.value, sessions, until, timeframe, includeExtended);
    return ok({ ...empty, ...response, cached: loaded.value.requests === 0 });
  }

  watch(symbol: string, timeframe: Timeframe): Result<null> {
    if (this.disposed) return err('INTERNAL', 'Charts are shutting down.');
    this.live.watch(symbol, timeframe, this.deps.clock.now());
    return ok(null);
  }

  unwatch(symbol: string, timeframe: Timeframe): Result<null> {
    if (!this.live.unwatch(symbol, timeframe)) return err('NOT_FOUND', `The ${symbol} ${timeframe} chart is not live.`);
    return ok(null);
  }

  dispose(): void {
    this.disposed = true;
    this.live.dispose();
  }

  /** Whole cached minutes from `tsOpen` (those finished before the cache was filled) to seed a live bar. */
  private cachedMinutes(symbol: string, timeframe: Timeframe, tsOpen: number): Bar[] {
    const date = etDate(tsOpen);
    const day = this.deps.cache.getDay(symbol, '1m', date, true);
    const s = sessionFor(date);
    if (!day || !s) return [];
    return day.bars.filter(
      (b) => b.tsOpen >= tsOpen && b.tsOpen + 60_000 <= day.fetchedAt && (timeframe !== '1d' || inRegular(b, s)),
    );
  }
}

type Levels = Pick<BarsResponse, 'bars' | 'prevClose' | 'premarketHigh' | 'more'>;

function intradayResponse(loaded: LoadedDays, sessions: Session[], until: number, timeframe: Timeframe, extended: boolean): Levels {
  const n = sessions.length;
  const keep = (b: Bar, s: Session) => b.tsOpen < until && (extended ? inExtendedDay(b, s) : inRegular(b, s));
  const minutes = sessions.slice(1).flatMap((s, i) => loaded.days[i + 1]!.filter((b) => keep(b, s)));
  return {
    bars: timeframe === '1m' ? minutes : resampleBars(minutes, timeframe),
    prevClose: regularClose(loaded.days[n - 2]!, sessions[n - 2]!),
    premarketHigh: premarketHigh(loaded.days[n - 1]!.filter((b) => b.tsOpen < until), sessions[n - 1]!),
    more: loaded.days[1]!.length > 0,
  };
}

function dailyResponse(loaded: LoadedDays, sessions: Session[], until: number): Levels {
  const n = sessions.length;
  return {
    bars: loaded.days.slice(1).flat().filter((b) => b.tsOpen < until),
    prevClose: loaded.days[n - 2]![0]?.close ?? null,
    premarketHigh: null,
    more: loaded.days[1]!.length > 0,
  };
}
