/** Pure fill rules of the paper engine: what one look at the market fills, trailing stops, the partial-fill cap. */
import type { SimDepthOp, SimTrade } from '../../market/types';
import { type SimOrderRecord, isBuy, remaining } from './order-record';

export interface SimLook {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  last: number;
  lastSize: number;
}

export interface SimFillSlice {
  shares: number;
  price: number;
}

export interface SimLevel {
  price: number;
  size: number;
}

/**
 * What one look at the market fills: the displayed size at the touch, then (marketable orders larger than it)
 * deeper displayed book levels within the limit, each level its own execution; a resting limit takes from
 * prints at or through it. `used` is the displayed size our orders already took since the last quote.
 */
export function fillsFor(rec: SimOrderRecord, q: SimLook, used: Map<number, number>, deeper: (touch: number, shown: number) => SimLevel[], trade?: SimTrade): SimFillSlice[] {
  let left = remaining(rec);
  if (left <= 0) return [];
  const buy = isBuy(rec);
  const marketable = rec.order.orderType === 'MKT' || rec.order.orderType === 'STP' || rec.order.orderType === 'TRAIL';
  const touch = buy ? q.ask : q.bid;
  const lmt = marketable ? undefined : rec.order.lmtPrice;
  if (!marketable && lmt === undefined) return [];
  const within = (px: number) => lmt === undefined || (buy ? px <= lmt + 1e-9 : px >= lmt - 1e-9);
  const out: SimFillSlice[] = [];
  const take = (price: number, shown: number) => {
    const n = Math.min(left, Math.max(0, shown - (used.get(price) ?? 0)));
    if (n <= 0) return;
    used.set(price, (used.get(price) ?? 0) + n);
    left -= n;
    out.push({ shares: n, price });
  };
  if (touch > 0 && within(touch)) {
    const shown = Math.max(1, buy ? q.askSize : q.bidSize);
    take(touch, shown);
    for (const lvl of left > 0 ? deeper(touch, shown) : []) {
      if (left <= 0 || !within(lvl.price)) break;
      take(lvl.price, lvl.size);
    }
    if (out.length) return out;
  }
  if (marketable && touch <= 0) return q.last > 0 ? [{ shares: Math.min(left, q.lastSize || left), price: q.last }] : [];
  if (trade && lmt !== undefined) {
    const through = buy ? trade.price < lmt : trade.price > lmt;
    if (through) return [{ shares: Math.min(left, trade.size), price: lmt }];
    if (trade.price === lmt) return [{ shares: Math.min(left, Math.ceil(trade.size / 2)), price: lmt }];
  }
  return out;
}

/**
 * Displayed book levels beyond the touch on the side an order takes from, sizes summed per price, best first.
 * Only a book that agrees with the quote at the touch (price and size) describes the same market; else none.
 */
export function deeperLevels(rows: SimDepthOp[], buy: boolean, touch: number, touchSize: number): SimLevel[] {
  const byPrice = new Map<number, number>();
  for (const r of rows) byPrice.set(r.price, (byPrice.get(r.price) ?? 0) + r.size);
  if (!rows.length || Math.abs(rows[0].price - touch) > 1e-9 || byPrice.get(rows[0].price) !== touchSize) return [];
  byPrice.delete(rows[0].price);
  return [...byPrice].map(([price, size]) => ({ price, size })).sort((a, b) => (buy ? a.price - b.price : b.price - a.price));
}

/** The partial-fill fault: at most `cap` shares per order per look (0 = no cap). */
export function capFills(fills: SimFillSlice[], cap: number): SimFillSlice[] {
  if (!(cap > 0)) return fills;
  const out: SimFillSlice[] = [];
  let left = cap;
  for (const f of fills) {
    if (left <= 0) break;
    const n = Math.min(f.shares, left);
    out.push({ shares: n, price: f.price });
    left -= n;
  }
  return out;
}

/**
 * Where a trailing stop goes now: a sell trails the bid (or a print) by the amount or percent and only ever
 * rises; a buy trails the ask and only falls. Undefined when it stays.
 */
export function trailStop(rec: SimOrderRecord, q: Pick<SimLook, 'bid' | 'ask' | 'last'>, trade?: SimTrade): number | undefined {
  const buy = isBuy(rec);
  const ref = trade?.price ?? ((buy ? q.ask : q.bid) || q.last || 0);
  if (!(ref > 0)) return undefined;
  const offset = rec.order.trailingPercent !== undefined ? (ref * rec.order.trailingPercent) / 100 : rec.order.auxPrice ?? 0;
  const tick = ref < 1 ? 0.0001 : rec.stock.minTick || 0.01;
  const next = Math.round(Math.round((buy ? ref + offset : ref - offset) / tick) * tick * 1e6) / 1e6;
  const cur = rec.order.trailStopPrice;
  if (cur !== undefined && (buy ? next >= cur : next <= cur)) return undefined;
  return next;
}
