/** Positions, account values, summaries and P&L. */
import { IbIn, MinVer } from '../ids';
import { fmtPrice, fmtSize } from '../fields';
import type { IbContract } from '../types';
import type { IbFields } from './session';

const contract10 = (c: IbContract): IbFields => [
  c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, fmtPrice(c.strike), c.right, c.multiplier, c.exchange, c.currency, c.localSymbol, c.tradingClass,
];

export const encPosition = (account: string, c: IbContract, pos: number, avgCost: number): IbFields => [
  IbIn.POSITION, 3, account, ...contract10(c), fmtSize(pos), fmtPrice(avgCost),
];
export const encPositionEnd = (): IbFields => [IbIn.POSITION_END, 1];

export const encPositionMulti = (reqId: number, account: string, c: IbContract, pos: number, avgCost: number, modelCode: string): IbFields => [
  IbIn.POSITION_MULTI, 1, reqId, account, ...contract10(c), fmtSize(pos), fmtPrice(avgCost), modelCode,
];
export const encPositionMultiEnd = (reqId: number): IbFields => [IbIn.POSITION_MULTI_END, 1, reqId];

export const encAccountSummary = (reqId: number, account: string, tag: string, value: string, currency: string): IbFields => [
  IbIn.ACCOUNT_SUMMARY, 1, reqId, account, tag, value, currency,
];
export const encAccountSummaryEnd = (reqId: number): IbFields => [IbIn.ACCOUNT_SUMMARY_END, 1, reqId];

export const encAccountValue = (key: string, value: string, currency: string, account: string): IbFields => [IbIn.ACCT_VALUE, 2, key, value, currency, account];

export interface IbPortfolioRow {
  contract: IbContract;
  position: number;
  marketPrice: number;
  marketValue: number;
  averageCost: number;
  unrealizedPnl: number;
  realizedPnl: number;
}

export const encPortfolioValue = (r: IbPortfolioRow, account: string): IbFields => [
  IbIn.PORTFOLIO_VALUE, 8, r.contract.conId, r.contract.symbol, r.contract.secType, r.contract.lastTradeDateOrContractMonth,
  fmtPrice(r.contract.strike), r.contract.right, r.contract.multiplier, r.contract.primaryExch, r.contract.currency,
  r.contract.localSymbol, r.contract.tradingClass, fmtSize(r.position), fmtPrice(r.marketPrice), fmtPrice(r.marketValue),
  fmtPrice(r.averageCost), fmtPrice(r.unrealizedPnl), fmtPrice(r.realizedPnl), account,
];
export const encAccountUpdateTime = (hhmm: string): IbFields => [IbIn.ACCT_UPDATE_TIME, 1, hhmm];
export const encAccountDownloadEnd = (account: string): IbFields => [IbIn.ACCT_DOWNLOAD_END, 1, account];

export const encAccountUpdateMulti = (reqId: number, account: string, modelCode: string, key: string, value: string, currency: string): IbFields => [
  IbIn.ACCOUNT_UPDATE_MULTI, 1, reqId, account, modelCode, key, value, currency,
];
export const encAccountUpdateMultiEnd = (reqId: number): IbFields => [IbIn.ACCOUNT_UPDATE_MULTI_END, 1, reqId];

export function encPnl(sv: number, reqId: number, daily: number, unrealized: number, realized: number): IbFields {
  const f: IbFields = [IbIn.PNL, reqId, fmtPrice(daily)];
  if (sv >= MinVer.UNREALIZED_PNL) f.push(fmtPrice(unrealized));
  if (sv >= MinVer.REALIZED_PNL) f.push(fmtPrice(realized));
  return f;
}

export function encPnlSingle(sv: number, reqId: number, pos: number, daily: number, unrealized: number, realized: number, value: number): IbFields {
  const f: IbFields = [IbIn.PNL_SINGLE, reqId, fmtSize(pos), fmtPrice(daily)];
  if (sv >= MinVer.UNREALIZED_PNL) f.push(fmtPrice(unrealized));
  if (sv >= MinVer.REALIZED_PNL) f.push(fmtPrice(realized));
  f.push(fmtPrice(value));
  return f;
}
