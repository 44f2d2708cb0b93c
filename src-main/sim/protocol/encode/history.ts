/** Historical bars, keep-up-to-date updates, real-time bars and head timestamps. */
import { IbIn, MinVer } from '../ids';
import { fmtPrice, fmtSize } from '../fields';
import type { IbFields } from './session';

export interface IbBarOut {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

/** HISTORICAL_DATA: all bars in one message (the end is implicit below v196). */
export function encHistoricalData(sv: number, reqId: number, start: string, end: string, bars: readonly IbBarOut[]): IbFields {
  const f: IbFields = [IbIn.HISTORICAL_DATA];
  const old = sv < MinVer.SYNT_REALTIME_BARS;
  if (old) f.push(3);
  f.push(reqId, start, end, bars.length);
  for (const b of bars) {
    f.push(b.date, fmtPrice(b.open), fmtPrice(b.high), fmtPrice(b.low), fmtPrice(b.close), fmtSize(b.volume), fmtPrice(b.wap));
    if (old) f.push(0);
    f.push(b.count);
  }
  return f;
}

/** HISTORICAL_DATA_UPDATE: note IB's wire order open, close, high, low, WAP, volume. */
export const encHistoricalDataUpdate = (reqId: number, b: IbBarOut): IbFields => [
  IbIn.HISTORICAL_DATA_UPDATE, reqId, b.count, b.date, fmtPrice(b.open), fmtPrice(b.close), fmtPrice(b.high), fmtPrice(b.low), fmtPrice(b.wap), fmtSize(b.volume),
];

export const encRealTimeBar = (reqId: number, timeSec: number, b: Omit<IbBarOut, 'date'>): IbFields => [
  IbIn.REAL_TIME_BARS, 3, reqId, Math.floor(timeSec), fmtPrice(b.open), fmtPrice(b.high), fmtPrice(b.low), fmtPrice(b.close), fmtSize(b.volume), fmtPrice(b.wap), b.count,
];

export const encHeadTimestamp = (reqId: number, ts: string): IbFields => [IbIn.HEAD_TIMESTAMP, reqId, ts];

export interface IbHistTickOut { time: number; price: number; size: number; exchange: string; bid: number; ask: number; bidSize: number; askSize: number }

/** HISTORICAL_TICKS_LAST (98): time (s), attribute mask, price, size, exchange, special conditions; then done. */
export function encHistoricalTicksLast(reqId: number, ticks: readonly IbHistTickOut[], done: boolean): IbFields {
  const f: IbFields = [IbIn.HISTORICAL_TICKS_LAST, reqId, ticks.length];
  for (const t of ticks) f.push(Math.floor(t.time / 1000), 0, fmtPrice(t.price), fmtSize(t.size), t.exchange, '');
  f.push(done ? 1 : 0);
  return f;
}

/** HISTORICAL_TICKS_BID_ASK (97): time (s), attribute mask, bid, ask, bid size, ask size; then done. */
export function encHistoricalTicksBidAsk(reqId: number, ticks: readonly IbHistTickOut[], done: boolean): IbFields {
  const f: IbFields = [IbIn.HISTORICAL_TICKS_BID_ASK, reqId, ticks.length];
  for (const t of ticks) f.push(Math.floor(t.time / 1000), 0, fmtPrice(t.bid), fmtPrice(t.ask), fmtSize(t.bidSize), fmtSize(t.askSize));
  f.push(done ? 1 : 0);
  return f;
}

/** HISTORICAL_TICKS (96, MIDPOINT): time (s), an unused 0, price, size 0; then done. */
export function encHistoricalTicksMid(reqId: number, ticks: readonly IbHistTickOut[], done: boolean): IbFields {
  const f: IbFields = [IbIn.HISTORICAL_TICKS, reqId, ticks.length];
  for (const t of ticks) f.push(Math.floor(t.time / 1000), 0, fmtPrice((t.bid + t.ask) / 2), 0);
  f.push(done ? 1 : 0);
  return f;
}
