/** Contract details, matching symbols and scanner messages. */
import { IbIn, MinVer } from '../ids';
import { escapeAscii7, fmtPrice } from '../fields';
import type { IbContract, IbContractDetails } from '../types';
import type { IbFields } from './session';

/** CONTRACT_DATA for a stock or a future (no fund fields, no ineligibility reasons, no secIds). */
export function encContractData(sv: number, reqId: number, d: IbContractDetails): IbFields {
  const c = d.contract;
  const f: IbFields = [IbIn.CONTRACT_DATA];
  if (sv < MinVer.SIZE_RULES) f.push(8);
  f.push(reqId, c.symbol, c.secType, c.lastTradeDateOrContractMonth);
  if (sv >= MinVer.LAST_TRADE_DATE) f.push(d.lastTradeDate ?? '');
  f.push(fmtPrice(c.strike), c.right, c.exchange, c.currency, c.localSymbol, d.marketName, c.tradingClass, c.conId, fmtPrice(d.minTick));
  if (sv >= MinVer.MD_SIZE_MULTIPLIER && sv < MinVer.SIZE_RULES) f.push(1);
  f.push(c.multiplier, d.orderTypes, d.validExchanges, 1, 0);
  f.push(sv >= MinVer.ENCODE_MSG_ASCII7 ? escapeAscii7(d.longName) : d.longName, c.primaryExch);
  f.push(d.contractMonth ?? '', d.industry, d.category, d.subcategory, d.timeZoneId, d.tradingHours, d.liquidHours);
  f.push('', ''); // evRule, evMultiplier
  f.push(0); // secIdList count
  if (sv >= MinVer.AGG_GROUP) f.push(1);
  if (sv >= MinVer.UNDERLYING_INFO) f.push('', '');
  if (sv >= MinVer.MARKET_RULES) f.push(d.marketRuleIds);
  if (sv >= MinVer.REAL_EXPIRATION_DATE) f.push(d.realExpirationDate ?? '');
  if (sv >= MinVer.STOCK_TYPE) f.push(d.stockType);
  if (sv >= MinVer.FRACTIONAL_SIZE_SUPPORT && sv < MinVer.SIZE_RULES) f.push('0.0001');
  if (sv >= MinVer.SIZE_RULES) f.push(...(d.sizeRules ?? ['0.0001', '0.0001', '100']));
  if (sv >= MinVer.INELIGIBILITY_REASONS) f.push(0);
  return f;
}

export const encContractDataEnd = (reqId: number): IbFields => [IbIn.CONTRACT_DATA_END, 1, reqId];

/** SYMBOL_SAMPLES: conId, symbol, secType, primaryExch, currency, derivative secTypes, [description, issuerId]. */
export function encSymbolSamples(sv: number, reqId: number, rows: ReadonlyArray<{ contract: IbContract; description: string }>): IbFields {
  const f: IbFields = [IbIn.SYMBOL_SAMPLES, reqId, rows.length];
  for (const r of rows) {
    f.push(r.contract.conId, r.contract.symbol, r.contract.secType, r.contract.primaryExch, r.contract.currency, 0);
    if (sv >= MinVer.BOND_ISSUERID) f.push(escapeAscii7(r.description), '');
  }
  return f;
}

export const encScannerParameters = (xml: string): IbFields => [IbIn.SCANNER_PARAMETERS, 1, xml];

export interface IbScanRow {
  rank: number;
  contract: IbContract;
  marketName: string;
  distance?: string;
  benchmark?: string;
  projection?: string;
}

/** SCANNER_DATA v3: one message is the whole ranked snapshot. */
export function encScannerData(reqId: number, rows: readonly IbScanRow[]): IbFields {
  const f: IbFields = [IbIn.SCANNER_DATA, 3, reqId, rows.length];
  for (const r of rows) {
    const c = r.contract;
    f.push(r.rank, c.conId, c.symbol, c.secType, c.lastTradeDateOrContractMonth, fmtPrice(c.strike), c.right, c.exchange, c.currency,
      c.localSymbol, r.marketName, c.tradingClass, r.distance ?? '', r.benchmark ?? '', r.projection ?? '', '');
  }
  return f;
}
