/** Readers for the real market data in ../shared/fixtures (test-only; see its README). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Bar } from '../../../src-shared/domain/bar';
import { etMidnight } from '../../../src-shared/domain/market-time';
import { fixture } from '../../support/fixtures';

export interface DailyRow { date: string; open: number; high: number; low: number; close: number; volume: number }

const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1);

export function dailyRows(symbol: string): DailyRow[] {
  return lines(fixture('daily', `${symbol}_daily.csv`)).map((l) => {
    const [date, o, h, lo, c, v] = l.split(',');
    return { date, open: +o, high: +h, low: +lo, close: +c, volume: +v };
  });
}

export const dailyBars = (rows: DailyRow[]): Bar[] =>
  rows.map((r) => ({ tsOpen: etMidnight(r.date), open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume }));

export const factorText = (symbol: string) => readFileSync(fixture('daily', `${symbol.toLowerCase()}.csv`), 'utf8');

/** One session's 1-minute trade bars; `msOfDay` is the fixture's bar_start_ms_et (ET wall clock). */
export function minuteRows(symbol: string, date: string): Array<Bar & { msOfDay: number }> {
  const ymd = date.replaceAll('-', '');
  const midnight = etMidnight(date); // no DST change in the fixture week, so wall ms = elapsed ms
  return lines(fixture('minute', `${symbol}_${ymd}_1min_trade.csv`)).map((l) => {
    const [, ms, o, h, lo, c, v] = l.split(',');
    return { msOfDay: +ms, tsOpen: midnight + +ms, open: +o, high: +h, low: +lo, close: +c, volume: +v };
  });
}

export const MINUTE_DATES = ['2013-10-04', '2013-10-07', '2013-10-08', '2013-10-09', '2013-10-10', '2013-10-11'];

export interface TickRow { msOfDay: number; ts: number; price: number; size: number }

export function ibmTrades20131007(): TickRow[] {
  const text = gunzipSync(readFileSync(fixture('ticks', '20131007_ibm_Trade_Tick.csv.gz'))).toString('utf8');
  const midnight = etMidnight('2013-10-07');
  return text.trim().split('\n').map((l) => {
    const [ms, p, s] = l.split(',');
    return { msOfDay: +ms, ts: midnight + +ms, price: +p / 10_000, size: +s };
  });
}
