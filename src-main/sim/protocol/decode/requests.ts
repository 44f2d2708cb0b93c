/** Decoders for client → server requests, as @stoqey/ib, ibapi and ib_async send them (v100..193). */
import { MinVer } from '../ids';
import { IbFieldReader } from '../fields';
import type { IbContract } from '../types';
import { readIbContract, skipBagLegs } from './contract';

export interface IbMktDataReq { reqId: number; contract: IbContract; genericTicks: string; snapshot: boolean; regulatorySnapshot: boolean }
export function decReqMktData(r: IbFieldReader, sv: number): IbMktDataReq {
  r.int(); // version
  const reqId = r.int();
  const contract = readIbContract(r);
  skipBagLegs(r, contract);
  if (r.bool()) r.skip(3); // delta-neutral contract
  const genericTicks = r.optStr();
  const snapshot = r.remaining > 0 ? r.bool() : false;
  const regulatorySnapshot = sv >= 114 && r.remaining > 0 ? r.bool() : false;
  return { reqId, contract, genericTicks, snapshot, regulatorySnapshot };
}

/** `[id, version, reqId]` cancels. */
export function decVersionedReqId(r: IbFieldReader): number {
  r.int();
  return r.int();
}

export interface IbMktDepthReq { reqId: number; contract: IbContract; numRows: number; isSmartDepth: boolean }
export function decReqMktDepth(r: IbFieldReader, sv: number): IbMktDepthReq {
  r.int();
  const reqId = r.int();
  const contract = readIbContract(r, sv >= MinVer.MKT_DEPTH_PRIM_EXCHANGE);
  const numRows = r.int();
  const isSmartDepth = sv >= MinVer.SMART_DEPTH && r.remaining > 0 ? r.bool() : false;
  return { reqId, contract, numRows, isSmartDepth };
}

export function decCancelMktDepth(r: IbFieldReader, sv: number): { reqId: number; isSmartDepth: boolean } {
  r.int();
  const reqId = r.int();
  const isSmartDepth = sv >= MinVer.SMART_DEPTH && r.remaining > 0 ? r.bool() : false;
  return { reqId, isSmartDepth };
}

export interface IbContractDataReq { reqId: number; contract: IbContract; secIdType: string; secId: string }
export function decReqContractData(r: IbFieldReader): IbContractDataReq {
  r.int();
  const reqId = r.int();
  const contract = readIbContract(r);
  r.optStr(); // includeExpired
  const secIdType = r.optStr();
  const secId = r.optStr();
  return { reqId, contract, secIdType, secId };
}

export interface IbTickByTickReq { reqId: number; contract: IbContract; tickType: string; numberOfTicks: number; ignoreSize: boolean }
export function decReqTickByTick(r: IbFieldReader, sv: number): IbTickByTickReq {
  const reqId = r.int();
  const contract = readIbContract(r);
  const tickType = r.str();
  let numberOfTicks = 0;
  let ignoreSize = false;
  if (sv >= MinVer.TICK_BY_TICK_IGNORE_SIZE && r.remaining > 0) {
    numberOfTicks = r.int();
    ignoreSize = r.remaining > 0 ? r.bool() : false;
  }
  return { reqId, contract, tickType, numberOfTicks, ignoreSize };
}

export interface IbHistoricalReq {
  reqId: number; contract: IbContract; endDateTime: string; barSize: string; duration: string; useRTH: boolean;
  whatToShow: string; formatDate: number; keepUpToDate: boolean;
}
export function decReqHistoricalData(r: IbFieldReader, sv: number): IbHistoricalReq {
  if (sv < MinVer.SYNT_REALTIME_BARS) r.int();
  const reqId = r.int();
  const contract = readIbContract(r);
  r.str(); // includeExpired
  const endDateTime = r.str();
  const barSize = r.str();
  const duration = r.str();
  const useRTH = r.bool();
  const whatToShow = r.str();
  const formatDate = r.int();
  skipBagLegs(r, contract);
  const keepUpToDate = sv >= MinVer.SYNT_REALTIME_BARS && r.remaining > 0 ? r.bool() : false;
  return { reqId, contract, endDateTime, barSize, duration, useRTH, whatToShow, formatDate, keepUpToDate };
}

export interface IbRealTimeBarsReq { reqId: number; contract: IbContract; barSize: number; whatToShow: string; useRTH: boolean }
export function decReqRealTimeBars(r: IbFieldReader): IbRealTimeBarsReq {
  r.int();
  const reqId = r.int();
  const contract = readIbContract(r);
  const barSize = r.int();
  const whatToShow = r.str();
  const useRTH = r.bool();
  return { reqId, contract, barSize, whatToShow, useRTH };
}

export interface IbScannerReq {
  reqId: number; numberOfRows: number | undefined; instrument: string; locationCode: string; scanCode: string;
  abovePrice?: number; belowPrice?: number; aboveVolume?: number; filterOptions: string;
}
export function decReqScannerSubscription(r: IbFieldReader, sv: number): IbScannerReq {
  if (sv < MinVer.SCANNER_GENERIC_OPTS) r.int();
  const reqId = r.int();
  const numberOfRows = r.intOrUnset();
  const instrument = r.str();
  const locationCode = r.str();
  const scanCode = r.str();
  const abovePrice = r.numOrUnset();
  const belowPrice = r.numOrUnset();
  const aboveVolume = r.numOrUnset();
  r.skip(10); // market cap, ratings, maturity, coupon, excludeConvertible
  r.optStr(); // averageOptionVolumeAbove
  r.optStr(); // scannerSettingPairs
  r.optStr(); // stockTypeFilter
  const filterOptions = sv >= MinVer.SCANNER_GENERIC_OPTS ? r.optStr() : '';
  return { reqId, numberOfRows, instrument, locationCode, scanCode, abovePrice, belowPrice, aboveVolume, filterOptions };
}

export function decCancelOrder(r: IbFieldReader, sv: number): { orderId: number; manualOrderCancelTime: string } {
  if (sv < MinVer.CME_TAGGING_FIELDS) r.int();
  const orderId = r.int();
  const manualOrderCancelTime = sv >= MinVer.MANUAL_ORDER_TIME ? r.optStr() : '';
  return { orderId, manualOrderCancelTime };
}

export interface IbExecutionFilter { clientId: number; acctCode: string; time: string; symbol: string; secType: string; exchange: string; side: string }
export function decReqExecutions(r: IbFieldReader): { reqId: number; filter: IbExecutionFilter } {
  r.int();
  const reqId = r.int();
  const filter: IbExecutionFilter = {
    clientId: r.remaining ? r.int() : 0,
    acctCode: r.optStr(),
    time: r.optStr(),
    symbol: r.optStr(),
    secType: r.optStr(),
    exchange: r.optStr(),
    side: r.optStr(),
  };
  return { reqId, filter };
}

export function decReqAccountSummary(r: IbFieldReader): { reqId: number; group: string; tags: string } {
  r.int();
  return { reqId: r.int(), group: r.str(), tags: r.str() };
}

export function decReqPnl(r: IbFieldReader): { reqId: number; account: string; modelCode: string } {
  return { reqId: r.int(), account: r.str(), modelCode: r.optStr() };
}

export function decReqPnlSingle(r: IbFieldReader): { reqId: number; account: string; modelCode: string; conId: number } {
  return { reqId: r.int(), account: r.str(), modelCode: r.str(), conId: r.int() };
}

export interface IbHeadTimestampReq { reqId: number; contract: IbContract; useRTH: boolean; whatToShow: string; formatDate: number }
export function decReqHeadTimestamp(r: IbFieldReader): IbHeadTimestampReq {
  const reqId = r.int();
  const contract = readIbContract(r);
  r.str(); // includeExpired
  const useRTH = r.bool();
  const whatToShow = r.str();
  const formatDate = r.int();
  return { reqId, contract, useRTH, whatToShow, formatDate };
}

export interface IbHistoricalTicksReq {
  reqId: number; contract: IbContract; startDateTime: string; endDateTime: string; numberOfTicks: number;
  whatToShow: string; useRTH: boolean; ignoreSize: boolean;
}
/** REQ_HISTORICAL_TICKS (96, no version): reqId, contract, includeExpired, start, end, n, what, useRth, ignoreSize, misc. */
export function decReqHistoricalTicks(r: IbFieldReader): IbHistoricalTicksReq {
  const reqId = r.int();
  const contract = readIbContract(r);
  r.str(); // includeExpired
  const startDateTime = r.str();
  const endDateTime = r.str();
  const numberOfTicks = r.int();
  const whatToShow = r.str();
  const useRTH = r.bool();
  const ignoreSize = r.bool();
  return { reqId, contract, startDateTime, endDateTime, numberOfTicks, whatToShow, useRTH, ignoreSize };
}
