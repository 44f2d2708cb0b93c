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
