/** Resolving client contracts against the simulated universe and describing stocks the way TWS does. */
import type { SimMarket, SimStock } from '../market/types';
import type { IbContract, IbContractDetails } from '../protocol/types';
import { etDayStart, etParts, fmtEtDate } from '../protocol/time-format';

/** A reserved ticker whose depth requests get 10092 (no deep-book permission). */
export const NO_DEPTH_SYMBOL = 'NODEPTH';

const ORDER_TYPES =
  'ACTIVETIM,AD,ADJUST,ALERT,ALGO,ALLOC,AON,AVGCOST,BASKET,BENCHPX,CASHQTY,COND,CONDORDER,DARKONLY,DARKPOLL,DAY,DEACT,DEACTDIS,DEACTEOD,DIS,DUR,GAT,GTC,GTD,GTT,HID,IBKRATS,ICE,IMB,IOC,LIT,LMT,LOC,MIDPX,MIT,MKT,MOC,MTL,NGCOMB,NODARK,NONALGO,OCA,OPG,OPGREROUT,PEGBENCH,PEGMID,POSTATS,POSTONLY,PREOPGRTH,PRICECHK,REL,REL2MID,RELPCTOFS,RPI,RTH,SCALE,SCALEODD,SCALERST,SIZECHK,SNAPMID,SNAPMKT,SNAPREL,STP,STPLMT,SWEEP,TRAIL,TRAILLIT,TRAILLMT,TRAILMIT,WHATIF';
const VALID_EXCHANGES = 'SMART,AMEX,NYSE,CBOE,PHLX,ISE,CHX,ARCA,ISLAND,DRCTEDGE,BEX,BATS,EDGEA,BYX,IEX,EDGX,FOXRIVER,PEARL,NYSENAT,LTSE,MEMX,IBEOS,OVERNIGHT,TPLUS0,PSX';
const MARKET_RULE_IDS = VALID_EXCHANGES.split(',').map(() => '26').join(',');

/** The stock a client contract names, or undefined (→ error 200). Lenient like TWS: conId first, then symbol. */
export function resolveStock(market: SimMarket, c: IbContract): SimStock | undefined {
  const secType = c.secType.toUpperCase();
  if (secType !== '' && secType !== 'STK') return undefined;
  if (c.currency && c.currency.toUpperCase() !== 'USD') return undefined;
  if (c.conId > 0) {
    const byId = market.byConId(c.conId);
    if (byId) return byId;
  }
  const symbol = (c.symbol || c.localSymbol).toUpperCase();
  return symbol ? market.bySymbol(symbol) : undefined;
}

export function marketNameFor(s: SimStock): string {
  return s.primaryExchange === 'NASDAQ' ? 'NMS' : s.symbol;
}

export function ibContractFor(s: SimStock, exchange = 'SMART'): IbContract {
  return {
    conId: s.conId, symbol: s.symbol, secType: 'STK', lastTradeDateOrContractMonth: '', strike: 0, right: '', multiplier: '',
    exchange, primaryExch: s.primaryExchange, currency: 'USD', localSymbol: s.symbol, tradingClass: marketNameFor(s),
  };
}

/** `yyyyMMdd:0400-yyyyMMdd:2000;…` for the next 7 calendar days (weekends CLOSED). */
function sessionHours(now: number, open: string, close: string): string {
  const out: string[] = [];
  const day0 = etDayStart(now);
  for (let i = 0; i < 7; i++) {
    const t = day0 + i * 86_400_000 + 12 * 3_600_000;
    const d = fmtEtDate(t);
    const wd = etParts(t).weekday;
    out.push(wd === 0 || wd === 6 ? `${d}:CLOSED` : `${d}:${open}-${d}:${close}`);
  }
  return out.join(';');
}

export function contractDetailsFor(s: SimStock, now: number, exchange = 'SMART'): IbContractDetails {
  const etf = /ETF|TRUST|FUND/i.test(s.longName) || s.industry === 'Funds';
  return {
    contract: ibContractFor(s, exchange || 'SMART'),
    marketName: marketNameFor(s),
    minTick: s.minTick,
    orderTypes: ORDER_TYPES,
    validExchanges: VALID_EXCHANGES,
    longName: s.longName,
    industry: s.industry,
    category: s.category,
    subcategory: '',
    timeZoneId: 'US/Eastern',
    tradingHours: sessionHours(now, '0400', '2000'),
    liquidHours: sessionHours(now, '0930', '1600'),
    marketRuleIds: MARKET_RULE_IDS,
    stockType: etf ? 'ETF' : 'COMMON',
  };
}

/** IB market rules the simulator knows (price increments by low edge). */
export function marketRule(id: number): Array<{ lowEdge: number; increment: number }> {
  switch (id) {
    case 67:
    case 2806:
      return [{ lowEdge: 0, increment: 0.25 }];
    case 635:
      return [{ lowEdge: 0, increment: 0.0001 }];
    default:
      return [{ lowEdge: 0, increment: 0.01 }];
  }
}
