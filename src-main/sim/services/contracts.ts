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
    if (byId) return byId.future ? undefined : byId;
  }
  const symbol = (c.symbol || c.localSymbol).toUpperCase();
  const found = symbol ? market.bySymbol(symbol) : undefined;
  // Futures share the market's maps but are never a stock.
  return found?.future ? undefined : found;
}

/**
 * The instrument a client contract names, futures included: a FUT contract by conId or local symbol
 * (IB's usual ways once the contract is known), anything else as a stock.
 */
export function resolveInstrument(market: SimMarket, c: IbContract): SimStock | undefined {
  if (c.secType.toUpperCase() !== 'FUT') return resolveStock(market, c);
  const futures = market.futures ?? [];
  if (c.conId > 0) return futures.find((f) => f.conId === c.conId);
  const local = c.localSymbol.toUpperCase();
  return local ? futures.find((f) => f.symbol === local) : matchingFutures(market, c)[0];
}

/**
 * Listed futures matching a contract-details request: by underlying symbol or trading class, exchange,
 * and (when given) local symbol or expiry (YYYYMM or YYYYMMDD); nearest expiry first, as TWS lists them.
 */
export function matchingFutures(market: SimMarket, c: IbContract): SimStock[] {
  const sym = c.symbol.toUpperCase();
  const cls = c.tradingClass.toUpperCase();
  const exch = c.exchange.toUpperCase();
  const local = c.localSymbol.toUpperCase();
  const expiry = c.lastTradeDateOrContractMonth;
  return (market.futures ?? [])
    .filter((f) => {
      const x = f.future!;
      if (c.conId > 0) return f.conId === c.conId;
      if (local) return x.localSymbol === local;
      if (!sym && !cls) return false;
      if (sym && sym !== x.ibSymbol && sym !== x.root) return false;
      if (cls && cls !== x.root) return false;
      if (exch && exch !== 'SMART' && exch !== x.exchange) return false;
      return !expiry || x.lastTradeDate.startsWith(expiry) || x.contractMonth === expiry;
    })
    .sort((a, b) => a.future!.lastTradeDate.localeCompare(b.future!.lastTradeDate));
}

export function marketNameFor(s: SimStock): string {
  if (s.future) return s.future.root;
  return s.primaryExchange === 'NASDAQ' ? 'NMS' : s.symbol;
}

export function ibContractFor(s: SimStock, exchange = 'SMART'): IbContract {
  const f = s.future;
  if (f) {
    return {
      conId: s.conId, symbol: f.ibSymbol, secType: 'FUT', lastTradeDateOrContractMonth: f.lastTradeDate, strike: 0, right: '',
      multiplier: String(f.multiplier), exchange: f.exchange, primaryExch: '', currency: 'USD', localSymbol: f.localSymbol, tradingClass: f.root,
    };
  }
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
  if (s.future) return futureDetailsFor(s, now);
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

/** A future as TWS describes it: CME Globex hours (Sunday-Friday 18:00-17:00 ET), contract month, expiry. */
function futureDetailsFor(s: SimStock, now: number): IbContractDetails {
  const f = s.future!;
  return {
    contract: ibContractFor(s),
    marketName: f.root,
    minTick: s.minTick,
    orderTypes: 'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,DAY,GTC,GTD,ICE,IOC,LIT,LMT,MIT,MKT,OCA,STP,STPLMT,TRAIL,WHATIF',
    validExchanges: f.exchange,
    longName: s.longName,
    industry: '',
    category: '',
    subcategory: '',
    timeZoneId: 'US/Central',
    tradingHours: sessionHours(now, '1700', '1600'),
    liquidHours: sessionHours(now, '0830', '1500'),
    marketRuleIds: f.root === '6E' ? '2806' : '67',
    stockType: '',
    contractMonth: f.contractMonth,
    realExpirationDate: f.lastTradeDate,
    lastTradeDate: f.lastTradeDate,
    sizeRules: ['1', '1', '1'],
  };
}
