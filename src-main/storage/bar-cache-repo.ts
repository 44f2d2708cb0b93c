import type { Bar, Timeframe } from '../../src-shared/domain/bar';
import type { Clock } from '../platform/clock';
import { packBars, unpackBars } from './bar-codec';
import type { Db } from './database';

export interface CachedDay {
  bars: Bar[];
  /** The day is over and its bars will not change. */
  complete: boolean;
  /** When the bars were fetched (epoch ms): decides whether a partial day is stale. */
  fetchedAt: number;
}

/** Bars for one symbol / timeframe / ET session date / extended-hours flag. */
export interface BarCacheRepo {
  getDay(symbol: string, timeframe: Timeframe, date: string, extended: boolean): CachedDay | undefined;
  putDay(
    symbol: string,
    timeframe: Timeframe,
    date: string,
    extended: boolean,
    bars: Bar[],
    complete: boolean,
    fetchedAt?: number,
  ): void;
  /** Drops every cached day of a symbol (e.g. after a split makes old prices wrong). */
  deleteSymbol(symbol: string): number;
}

interface Row {
  bars: Buffer;
  complete: number;
  fetched_at: number;
}

export function createBarCacheRepo(db: Db, clock: Clock): BarCacheRepo {
  const get = db.prepare<[string, string, string, number], Row>(
    'SELECT bars, complete, fetched_at FROM bar_cache WHERE symbol = ? AND timeframe = ? AND date = ? AND extended = ?',
  );
  const put = db.prepare(
    `INSERT INTO bar_cache (symbol, timeframe, date, extended, bar_count, bars, complete, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (symbol, timeframe, date, extended) DO UPDATE SET
       bar_count = excluded.bar_count, bars = excluded.bars, complete = excluded.complete, fetched_at = excluded.fetched_at`,
  );
  const del = db.prepare('DELETE FROM bar_cache WHERE symbol = ?');
  return {
    getDay(symbol, timeframe, date, extended) {
      const row = get.get(symbol, timeframe, date, extended ? 1 : 0);
      if (!row) return undefined;
      return { bars: unpackBars(row.bars), complete: row.complete === 1, fetchedAt: row.fetched_at };
    },
    putDay(symbol, timeframe, date, extended, bars, complete, fetchedAt = clock.now()) {
      const sorted = [...bars].sort((a, b) => a.tsOpen - b.tsOpen);
      put.run(symbol, timeframe, date, extended ? 1 : 0, sorted.length, packBars(sorted), complete ? 1 : 0, Math.trunc(fetchedAt));
    },
    deleteSymbol(symbol) {
      return del.run(symbol).changes;
    },
  };
}
