/**
 * Pure translations between IB's shapes (Ib-prefixed, local to the broker) and the app's domain types.
 * Nothing outside src-main/broker sees an IB shape.
 */
import { SecType, type Contract } from '@stoqey/ib';
import type { Bar } from '../../src-shared/domain/bar';
import type { OrderBookDelta, QuoteTick, TradeTick } from '../../src-shared/domain/depth';
import { FUTURE_ROOTS, futureRootFor, type FutureRoot } from '../../src-shared/domain/futures';
import { Instrument } from '../../src-shared/domain/instrument';
import type { QuoteSnapshot } from './port';
import { parseIbTime } from './ib-time';

/** @stoqey/ib's Contract, named with the Ib prefix so it never leaks out of the broker. */
export type IbContract = Contract;

/** The subset of @stoqey/ib's ContractDetails the broker reads. */
export interface IbContractDetails {
  contract: IbContract;
  minTick?: number;
  longName?: string;
  contractMonth?: string;
  realExpirationDate?: string;
}

export function stockContract(symbol: string): IbContract {
  return { symbol: symbol.trim().toUpperCase(), secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
}

/** A contract-details query for a future root (every listed expiry), or one contract by local symbol. */
export function futureContract(root: FutureRoot, localSymbol?: string): IbContract {
  const c: IbContract = { symbol: root.ibSymbol, secType: SecType.FUT, exchange: root.exchange, currency: root.currency };
  // A known root is IB's trading class; it keeps e.g. the E-micro (MES) out of an ES listing.
  if (FUTURE_ROOTS[root.root]) c.tradingClass = root.root;
  if (localSymbol) c.localSymbol = localSymbol;
  return c;
}

export function toIbContract(instrument: Instrument): IbContract {
  if (instrument.secType === 'FUT') {
    return {
      conId: instrument.conId,
      symbol: futureRootFor(instrument.tradingClass ?? '').ibSymbol || undefined,
      secType: SecType.FUT,
      exchange: instrument.exchange,
      currency: instrument.currency || 'USD',
      localSymbol: instrument.localSymbol,
      tradingClass: instrument.tradingClass,
      lastTradeDateOrContractMonth: instrument.expiry,
      multiplier: instrument.multiplier,
    };
  }
  return {
    conId: instrument.conId,
    symbol: instrument.symbol,
    secType: SecType.STK,
    exchange: instrument.exchange || 'SMART',
    primaryExch: instrument.primaryExchange || undefined,
    currency: instrument.currency || 'USD',
  };
}

/** A future's last trade date, YYYYMMDD: IB may append a time and zone ("20261218 08:30 US/Central"). */
export function futureExpiry(d: IbContractDetails): string | undefined {
  const raw = [d.contract.lastTradeDateOrContractMonth, d.contract.lastTradeDate, d.realExpirationDate].find((x) => x && /^\d{8}/.test(x));
  return raw?.slice(0, 8) ?? (d.contract.lastTradeDateOrContractMonth?.match(/^\d{6}/)?.[0] || undefined);
}

function toFuture(details: IbContractDetails, fallbackMinTick: number): Instrument | undefined {
  const c = details.contract;
  const multiplier = Number(c.multiplier);
  const parsed = Instrument.safeParse({
    symbol: c.localSymbol ?? '',
    conId: c.conId ?? 0,
    exchange: c.exchange ?? '',
    primaryExchange: c.primaryExch || c.exchange || '',
    currency: c.currency || 'USD',
    minTick: details.minTick && details.minTick > 0 ? details.minTick : fallbackMinTick,
    longName: details.longName || undefined,
    secType: 'FUT',
    expiry: futureExpiry(details),
    multiplier: Number.isFinite(multiplier) && multiplier > 0 ? multiplier : undefined,
    localSymbol: c.localSymbol,
    tradingClass: c.tradingClass || undefined,
  });
  return parsed.success ? parsed.data : undefined;
}

/** Undefined when IB's details lack what an Instrument needs (e.g. no conId). */
export function toInstrument(details: IbContractDetails, fallbackMinTick = 0.01): Instrument | undefined {
  const c = details.contract;
  if (c.secType === SecType.FUT) return toFuture(details, fallbackMinTick);
  const parsed = Instrument.safeParse({
    symbol: c.symbol ?? '',
    conId: c.conId ?? 0,
    exchange: c.exchange || 'SMART',
    primaryExchange: c.primaryExch ?? '',
    currency: c.currency || 'USD',
    minTick: details.minTick && details.minTick > 0 ? details.minTick : fallbackMinTick,
    longName: details.longName || undefined,
  });
  return parsed.success ? parsed.data : undefined;
}

/** @stoqey/ib ends a historical reply with a synthetic row whose time starts with "finished". */
export const isHistoricalEnd = (time: string): boolean => time.startsWith('finished');

export function toBar(time: string, open: number, high: number, low: number, close: number, volume: number, count?: number, wap?: number): Bar | undefined {
  const tsOpen = parseIbTime(time);
  if (tsOpen === undefined || ![open, high, low, close].every(Number.isFinite)) return undefined;
  const bar: Bar = { tsOpen, open, high, low, close, volume: Number.isFinite(volume) && volume > 0 ? volume : 0 };
  if (wap !== undefined && Number.isFinite(wap) && wap > 0) bar.vwap = wap;
  if (count !== undefined && Number.isInteger(count) && count >= 0) bar.count = count;
  return bar;
}

/** Real-time 5-second bars carry epoch seconds. */
export function toRealtimeBar(timeSec: number, open: number, high: number, low: number, close: number, volume: number, wap: number, count: number): Bar {
  return { tsOpen: timeSec * 1000, open, high, low, close, volume: volume > 0 ? volume : 0, vwap: wap > 0 ? wap : undefined, count: count >= 0 ? count : undefined };
}

export function toDelta(tsRecv: number, position: number, operation: number, side: number, price: number, size: number, marketMaker = '', isSmart = false): OrderBookDelta | undefined {
  if (!Number.isInteger(position) || position < 0) return undefined;
  if (operation !== 0 && operation !== 1 && operation !== 2) return undefined;
  if (side !== 0 && side !== 1) return undefined;
  return { tsRecv, position, operation, side, price: price ?? 0, size: size ?? 0, marketMaker: marketMaker ?? '', isSmart: !!isSmart };
}

export function toTradeTick(tsRecv: number, timeSec: string | number, price: number, size: number, exchange: string, conditions: string): TradeTick {
  return { tsEvent: Number(timeSec) * 1000, tsRecv, price, size: size ?? 0, exchange: exchange ?? '', conditions: conditions ?? '' };
}

export function toQuoteTick(tsRecv: number, timeSec: number, bidPrice: number, askPrice: number, bidSize: number, askSize: number): QuoteTick {
  return { tsEvent: Number(timeSec) * 1000, tsRecv, bidPrice, askPrice, bidSize: bidSize ?? 0, askSize: askSize ?? 0 };
}

/** IB tick types (live and delayed) → QuoteSnapshot fields. */
const PRICE_FIELDS: Record<number, keyof QuoteSnapshot> = {
  1: 'bid', 2: 'ask', 4: 'last', 6: 'high', 7: 'low', 9: 'prevClose', 14: 'open',
  66: 'bid', 67: 'ask', 68: 'last', 72: 'high', 73: 'low', 75: 'prevClose', 76: 'open',
};
const SIZE_FIELDS: Record<number, keyof QuoteSnapshot> = {
  0: 'bidSize', 3: 'askSize', 5: 'lastSize', 8: 'volume', 69: 'bidSize', 70: 'askSize', 71: 'lastSize', 74: 'volume',
};

/** One tick → the part of the snapshot it changes; undefined when the tick is not one we show. */
export function quoteFromPrice(tickType: number, value: number | undefined): Partial<QuoteSnapshot> | undefined {
  const f = PRICE_FIELDS[tickType];
  if (!f || value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  return { [f]: value };
}

export function quoteFromSize(tickType: number | undefined, value: number | undefined): Partial<QuoteSnapshot> | undefined {
  const f = tickType === undefined ? undefined : SIZE_FIELDS[tickType];
  if (!f || value === undefined || !Number.isFinite(value) || value < 0) return undefined;
  // IB sends stock volume in shares on current gateways; no lot multiplier is applied.
  return { [f]: value };
}

export function quoteFromString(tickType: number, value: string): Partial<QuoteSnapshot> | undefined {
  if ((tickType === 45 || tickType === 88) && /^\d+$/.test(value)) return { lastTime: Number(value) * 1000 };
  return undefined;
}

export function quoteFromGeneric(tickType: number, value: number): Partial<QuoteSnapshot> | undefined {
  if (tickType === 49) return { halted: value > 0 };
  return undefined;
}
