/** Quotes, tick-by-tick and depth messages. */
import { IbIn, MinVer } from '../ids';
import { fmtBool, fmtPrice, fmtSize } from '../fields';
import type { IbDepthExchange } from '../types';
import type { IbFields } from './session';

/** TICK_PRICE v6; attrMask bit0 canAutoExecute, bit1 pastLimit, bit2 preOpen. */
export const encTickPrice = (reqId: number, tickType: number, price: number, size: number, attrMask = 0): IbFields => [
  IbIn.TICK_PRICE, 6, reqId, tickType, fmtPrice(price), fmtSize(size), attrMask,
];
export const encTickSize = (reqId: number, tickType: number, size: number): IbFields => [IbIn.TICK_SIZE, 6, reqId, tickType, fmtSize(size)];
export const encTickGeneric = (reqId: number, tickType: number, value: number): IbFields => [IbIn.TICK_GENERIC, 6, reqId, tickType, fmtPrice(value)];
export const encTickString = (reqId: number, tickType: number, value: string): IbFields => [IbIn.TICK_STRING, 6, reqId, tickType, value];
export const encTickReqParams = (reqId: number, minTick: number, bboExchange: string, snapshotPermissions: number): IbFields => [
  IbIn.TICK_REQ_PARAMS, reqId, fmtPrice(minTick), bboExchange, snapshotPermissions,
];
export const encMarketDataType = (reqId: number, type: number): IbFields => [IbIn.MARKET_DATA_TYPE, 1, reqId, type];
export const encTickSnapshotEnd = (reqId: number): IbFields => [IbIn.TICK_SNAPSHOT_END, 1, reqId];

/** TICK_BY_TICK Last (1) / AllLast (2); mask bit0 pastLimit, bit1 unreported. */
export const encTbtLast = (
  reqId: number, type: 1 | 2, timeSec: number, price: number, size: number, mask: number, exchange: string, conditions: string,
): IbFields => [IbIn.TICK_BY_TICK, reqId, type, Math.floor(timeSec), fmtPrice(price), fmtSize(size), mask, exchange, conditions];

export const encTbtBidAsk = (
  reqId: number, timeSec: number, bid: number, ask: number, bidSize: number, askSize: number, mask = 0,
): IbFields => [IbIn.TICK_BY_TICK, reqId, 3, Math.floor(timeSec), fmtPrice(bid), fmtPrice(ask), fmtSize(bidSize), fmtSize(askSize), mask];

export const encTbtMidPoint = (reqId: number, timeSec: number, mid: number): IbFields => [IbIn.TICK_BY_TICK, reqId, 4, Math.floor(timeSec), fmtPrice(mid)];

/** MARKET_DEPTH: operation 0 insert, 1 update, 2 delete; side 0 ask, 1 bid. */
export const encDepth = (reqId: number, position: number, operation: number, side: number, price: number, size: number): IbFields => [
  IbIn.MARKET_DEPTH, 1, reqId, position, operation, side, fmtPrice(price), fmtSize(size),
];

export function encDepthL2(
  sv: number, reqId: number, position: number, marketMaker: string, operation: number, side: number, price: number, size: number, isSmart: boolean,
): IbFields {
  const f: IbFields = [IbIn.MARKET_DEPTH_L2, 1, reqId, position, marketMaker, operation, side, fmtPrice(price), fmtSize(size)];
  if (sv >= MinVer.SMART_DEPTH) f.push(fmtBool(isSmart));
  return f;
}

export function encDepthExchanges(sv: number, list: readonly IbDepthExchange[]): IbFields {
  const f: IbFields = [IbIn.MKT_DEPTH_EXCHANGES, list.length];
  for (const d of list) {
    if (sv >= MinVer.SERVICE_DATA_TYPE) f.push(d.exchange, d.secType, d.listingExch, d.serviceDataType, d.aggGroup);
    else f.push(d.exchange, d.secType, fmtBool(d.serviceDataType === 'Deep2'));
  }
  return f;
}
