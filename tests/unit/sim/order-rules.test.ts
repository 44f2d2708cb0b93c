/** Pure order rules of the simulator: sessions and expiry, tick grid, fill slices, trailing stops. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capFills, deeperLevels, fillsFor, trailStop } from '../../../src-main/sim/services/orders/fill-rules';
import { expiry, inSession, nextSessionOpenText } from '../../../src-main/sim/services/orders/order-time';
import { offTick } from '../../../src-main/sim/services/orders/handlers';
import type { SimOrderRecord } from '../../../src-main/sim/services/orders/order-record';
import type { IbOrder } from '../../../src-main/sim/protocol/types';

const et = (h: number, m: number, day = 2) => Date.UTC(2026, 3, day, h + 4, m); // April: EDT = UTC-4; 2026-04-02 is a Thursday

function rec(o: Partial<IbOrder>, filled = 0): SimOrderRecord {
  const order = { orderId: 1, clientId: 1, permId: 1, parentId: 0, action: 'BUY', totalQuantity: 100, orderType: 'LMT', tif: 'DAY', outsideRth: false, goodTillDate: '', ...o } as IbOrder;
  return { order, filled, stock: { minTick: 0.01 } } as unknown as SimOrderRecord;
}
const look = { bid: 10, ask: 10.02, bidSize: 100, askSize: 100, last: 10.01, lastSize: 50 };

describe('order-time', () => {
  it('regular hours are 09:30-16:00 ET on weekdays; extended 04:00-20:00', () => {
    expect([inSession(et(9, 29), false), inSession(et(9, 30), false), inSession(et(15, 59), false), inSession(et(16, 0), false)]).toEqual([false, true, true, false]);
    expect([inSession(et(3, 59), true), inSession(et(4, 0), true), inSession(et(19, 59), true), inSession(et(20, 0), true)]).toEqual([false, true, true, false]);
    expect(inSession(et(11, 0, 4), true)).toBe(false); // Saturday
  });

  it('names the next open for the 399 text, skipping the weekend', () => {
    expect(nextSessionOpenText(et(8, 0), false)).toBe('2026-04-02 09:30:00');
    expect(nextSessionOpenText(et(17, 0, 3), false)).toBe('2026-04-06 09:30:00'); // Friday evening → Monday
    expect(nextSessionOpenText(et(21, 0), true)).toBe('2026-04-03 04:00:00');
  });

  it('DAY ends at the close (20:00 with outsideRth), GTD at goodTillDate, GTC never', () => {
    const o = rec({}).order;
    expect(expiry(o, et(10, 0))).toBe(et(16, 0));
    expect(expiry({ ...o, outsideRth: true }, et(10, 0))).toBe(et(20, 0));
    expect(expiry({ ...o, tif: 'GTD', goodTillDate: '20260402 10:30:00 US/Eastern' }, et(10, 0))).toBe(et(10, 30));
    expect(expiry({ ...o, tif: 'GTC' }, et(10, 0))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('tick grid', () => {
  it('cents from $1, $0.0001 below, tolerant of float noise', () => {
    expect([offTick(150.01, 0.01), offTick(150.005, 0.01), offTick(0.1234, 0.01), offTick(0.12345, 0.01), offTick(194.02000000000001, 0.01), offTick(undefined, 0.01)])
      .toEqual([false, true, false, true, false, false]);
  });

  it('every whole number of ticks conforms', () => {
    fc.assert(fc.property(fc.integer({ min: 100, max: 10_000_000 }), (n) => !offTick(n / 100, 0.01)));
  });
});

describe('fill rules', () => {
  it('a buy limit at the ask takes the displayed size, then deeper levels within the limit', () => {
    const used = new Map<number, number>();
    const deeper = () => [{ price: 10.03, size: 200 }, { price: 10.05, size: 500 }];
    expect(fillsFor(rec({ lmtPrice: 10.04, totalQuantity: 500 }), look, used, deeper)).toEqual([{ shares: 100, price: 10.02 }, { shares: 200, price: 10.03 }]);
    expect(fillsFor(rec({ lmtPrice: 10.04, totalQuantity: 500 }), look, used, deeper)).toEqual([]); // the shown size is used up until the next quote
  });

  it('a resting limit fills from a print through it, half a print at it', () => {
    const t = (price: number, size: number) => ({ time: 0, price, size, exchange: '', conditions: '' });
    expect(fillsFor(rec({ lmtPrice: 9.99 }), look, new Map(), () => [], t(9.98, 30))).toEqual([{ shares: 30, price: 9.99 }]);
    expect(fillsFor(rec({ lmtPrice: 9.99 }), look, new Map(), () => [], t(9.99, 30))).toEqual([{ shares: 15, price: 9.99 }]);
    expect(fillsFor(rec({ lmtPrice: 9.99 }, 95), look, new Map(), () => [], t(9.98, 30))).toEqual([{ shares: 5, price: 9.99 }]);
  });

  it('deeper levels need a book that agrees with the quote at the touch', () => {
    const rows = [{ price: 10.02, size: 60 }, { price: 10.02, size: 40 }, { price: 10.03, size: 200 }].map((r) => ({ ...r, position: 0, operation: 0 as const, side: 0 as const, marketMaker: '' }));
    expect(deeperLevels(rows, true, 10.02, 100)).toEqual([{ price: 10.03, size: 200 }]);
    expect(deeperLevels(rows, true, 10.02, 90)).toEqual([]);
    expect(deeperLevels(rows, true, 10.01, 100)).toEqual([]);
  });

  it('the partial-fill cap limits the shares of one look and never adds any', () => {
    fc.assert(fc.property(fc.array(fc.record({ shares: fc.integer({ min: 1, max: 500 }), price: fc.constant(1) })), fc.integer({ min: 0, max: 300 }), (fills, cap) => {
      const total = (xs: Array<{ shares: number }>) => xs.reduce((n, f) => n + f.shares, 0);
      const out = capFills(fills, cap);
      return cap === 0 ? out === fills : total(out) === Math.min(cap, total(fills));
    }));
  });

  it('a sell trail rises with the bid and never falls; a percent trail scales with the price', () => {
    const sell = rec({ action: 'SELL', orderType: 'TRAIL', auxPrice: 0.5 });
    expect(trailStop(sell, look)).toBe(9.5);
    sell.order.trailStopPrice = 9.5;
    expect(trailStop(sell, { ...look, bid: 9.8 })).toBeUndefined();
    expect(trailStop(sell, { ...look, bid: 10.3 })).toBe(9.8);
    const buy = rec({ orderType: 'TRAIL', trailingPercent: 2 });
    expect(trailStop(buy, look)).toBe(10.22);
  });
});
