/**
 * The tick set reqMktData reports for a quote state, live or delayed, plus generic tick extras.
 * Each tick carries a signature so the sampler sends only what changed.
 */
import type { SimQuoteState, SimStock } from '../../market/types';

export const TickType = {
  BID_SIZE: 0, BID: 1, ASK: 2, ASK_SIZE: 3, LAST: 4, LAST_SIZE: 5, HIGH: 6, LOW: 7, VOLUME: 8, CLOSE: 9, OPEN: 14,
  LOW_13_WEEK: 15, HIGH_13_WEEK: 16, LOW_26_WEEK: 17, HIGH_26_WEEK: 18, LOW_52_WEEK: 19, HIGH_52_WEEK: 20, AVG_VOLUME: 21,
  BID_EXCH: 32, ASK_EXCH: 33, LAST_TIMESTAMP: 45, SHORTABLE: 46, RT_VOLUME: 48, HALTED: 49, TRADE_COUNT: 54, TRADE_RATE: 55,
  VOLUME_RATE: 56, RT_HISTORICAL_VOL: 58, IB_DIVIDENDS: 59, DELAYED_BID: 66, DELAYED_ASK: 67, DELAYED_LAST: 68,
  DELAYED_BID_SIZE: 69, DELAYED_ASK_SIZE: 70, DELAYED_LAST_SIZE: 71, DELAYED_HIGH: 72, DELAYED_LOW: 73, DELAYED_VOLUME: 74,
  DELAYED_CLOSE: 75, DELAYED_OPEN: 76, RT_TRD_VOLUME: 77, LAST_EXCH: 84, DELAYED_LAST_TIMESTAMP: 88, SHORTABLE_SHARES: 89,
} as const;

export type SimTick =
  | { kind: 'price'; type: number; price: number; size: number; sizeType?: number }
  | { kind: 'size'; type: number; size: number }
  | { kind: 'generic'; type: number; value: number }
  | { kind: 'string'; type: number; value: string };

export function tickSignature(t: SimTick): string {
  switch (t.kind) {
    case 'price':
      return `${t.price}|${t.size}`;
    case 'size':
      return String(t.size);
    case 'generic':
      return String(t.value);
    case 'string':
      return t.value;
  }
}

/** Before v159 TWS reported US stock sizes in round lots of 100. */
export function wireSize(sv: number, shares: number): number {
  return sv >= 159 ? shares : Math.round(shares / 100);
}

/** Generic tick ids the simulator honours. */
export const SUPPORTED_GENERIC_TICKS = new Set([165, 233, 236, 293, 294, 295, 375, 411, 456]);

export function parseGenericTicks(list: string): Set<number> {
  const out = new Set<number>();
  for (const p of list.split(',')) {
    const n = Number(p.trim());
    if (p.trim() && Number.isInteger(n)) out.add(n);
  }
  return out;
}

/** A deterministic fraction in [0,1) per conId and salt, for 52-week ranges and the like. */
function frac(conId: number, salt: number): number {
  const x = Math.sin(conId * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export function quoteTicks(stock: SimStock, q: SimQuoteState, delayed: boolean, generic: ReadonlySet<number>, sv: number): SimTick[] {
  const T = TickType;
  const ws = (n: number) => wireSize(sv, n);
  const out: SimTick[] = [];
  const bid = q.bid > 0 ? q.bid : -1;
  const ask = q.ask > 0 ? q.ask : -1;
  out.push({ kind: 'price', type: delayed ? T.DELAYED_BID : T.BID, price: bid, size: ws(q.bidSize), sizeType: delayed ? T.DELAYED_BID_SIZE : T.BID_SIZE });
  out.push({ kind: 'price', type: delayed ? T.DELAYED_ASK : T.ASK, price: ask, size: ws(q.askSize), sizeType: delayed ? T.DELAYED_ASK_SIZE : T.ASK_SIZE });
  if (q.last > 0) {
    out.push({ kind: 'price', type: delayed ? T.DELAYED_LAST : T.LAST, price: q.last, size: ws(q.lastSize), sizeType: delayed ? T.DELAYED_LAST_SIZE : T.LAST_SIZE });
  }
  out.push({ kind: 'size', type: delayed ? T.DELAYED_VOLUME : T.VOLUME, size: ws(q.volume) });
  if (q.high > 0) out.push({ kind: 'price', type: delayed ? T.DELAYED_HIGH : T.HIGH, price: q.high, size: 0 });
  if (q.low > 0) out.push({ kind: 'price', type: delayed ? T.DELAYED_LOW : T.LOW, price: q.low, size: 0 });
  out.push({ kind: 'price', type: delayed ? T.DELAYED_CLOSE : T.CLOSE, price: q.prevClose, size: 0 });
  if (q.open !== null && q.open > 0) out.push({ kind: 'price', type: delayed ? T.DELAYED_OPEN : T.OPEN, price: q.open, size: 0 });
  if (q.lastTime > 0) out.push({ kind: 'string', type: delayed ? T.DELAYED_LAST_TIMESTAMP : T.LAST_TIMESTAMP, value: String(Math.floor(q.lastTime / 1000)) });
  if (!delayed) {
    out.push({ kind: 'string', type: T.BID_EXCH, value: 'KPQZNUJHWTXY' });
    out.push({ kind: 'string', type: T.ASK_EXCH, value: 'KPQZNUJHWTXY' });
    out.push({ kind: 'string', type: T.LAST_EXCH, value: stock.primaryExchange === 'NASDAQ' ? 'Q' : 'N' });
  }
  out.push({ kind: 'generic', type: T.HALTED, value: q.halted ? 1 : 0 });
  if (generic.has(165)) {
    const pc = stock.prevClose;
    const r = (k: number) => Math.round(pc * k * 100) / 100;
    out.push({ kind: 'price', type: T.LOW_13_WEEK, price: r(0.85 + 0.05 * frac(stock.conId, 1)), size: 0 });
    out.push({ kind: 'price', type: T.HIGH_13_WEEK, price: r(1.08 + 0.05 * frac(stock.conId, 2)), size: 0 });
    out.push({ kind: 'price', type: T.LOW_26_WEEK, price: r(0.75 + 0.05 * frac(stock.conId, 3)), size: 0 });
    out.push({ kind: 'price', type: T.HIGH_26_WEEK, price: r(1.15 + 0.05 * frac(stock.conId, 4)), size: 0 });
    out.push({ kind: 'price', type: T.LOW_52_WEEK, price: r(0.6 + 0.1 * frac(stock.conId, 5)), size: 0 });
    out.push({ kind: 'price', type: T.HIGH_52_WEEK, price: r(1.25 + 0.2 * frac(stock.conId, 6)), size: 0 });
    out.push({ kind: 'size', type: T.AVG_VOLUME, size: ws(stock.avgDailyVolume) });
  }
  if (generic.has(236)) {
    out.push({ kind: 'generic', type: T.SHORTABLE, value: 3 });
    out.push({ kind: 'generic', type: T.SHORTABLE_SHARES, value: Math.round(stock.floatShares * 0.02) });
  }
  const trades = Math.max(1, Math.round(q.volume / 150));
  if (generic.has(293)) out.push({ kind: 'generic', type: T.TRADE_COUNT, value: trades });
  if (generic.has(294)) out.push({ kind: 'generic', type: T.TRADE_RATE, value: Math.round(trades / 390) });
  if (generic.has(295)) out.push({ kind: 'generic', type: T.VOLUME_RATE, value: Math.round(q.volume / 390) });
  if (generic.has(411)) out.push({ kind: 'generic', type: T.RT_HISTORICAL_VOL, value: Math.round((0.2 + 0.4 * frac(stock.conId, 7)) * 1e4) / 1e4 });
  if (generic.has(456)) out.push({ kind: 'string', type: T.IB_DIVIDENDS, value: '' });
  return out;
}

