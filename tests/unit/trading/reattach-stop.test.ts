import { describe, expect, it } from 'vitest';
import { buildOrders } from '../../../src-main/trading/build-orders';
import { isReattachedStopRef, roleOfOurs } from '../../../src-main/trading/order-role';
import { reattachIntent } from '../../../src-main/trading/unprotected';

const long = { intentId: 'b1', symbol: 'WUN', side: 'SELL' as const, quantity: 100, stopPrice: 10.5 };
const short = { ...long, side: 'BUY' as const, stopPrice: 0.4512 };

describe('re-attaching a protective stop', () => {
  it('is a plain GTC stop in regular hours', () => {
    expect(reattachIntent(long, 'b1~stop1', 'regular', 0.5, 0.01)).toEqual({ intentId: 'b1~stop1', symbol: 'WUN', side: 'SELL', quantity: 100, stopPrice: 10.5, type: 'STP', tif: 'GTC' });
  });

  it('outside regular hours is a stop-limit with outsideRth, its limit a collar beyond the stop on the tick grid', () => {
    expect(reattachIntent(long, 'b1~stop1', 'premarket', 0.5, 0.01)).toMatchObject({ type: 'STP LMT', stopPrice: 10.5, limitPrice: 10.44, outsideRth: true, tif: 'GTC' });
    // A short's stop buys: the limit sits above it; under $1 the grid is $0.0001.
    expect(reattachIntent(short, 's~stop1', 'after', 0.5, 0.0001)).toMatchObject({ side: 'BUY', type: 'STP LMT', limitPrice: 0.4535, outsideRth: true });
  });
});

describe('a re-attached stop is a stop, not an entry', () => {
  it('by its ref, whether Tapedeck placed it or IB reports it back after a restart', () => {
    expect(isReattachedStopRef('b1~stop1')).toBe(true);
    expect(isReattachedStopRef('b1~stop12')).toBe(true);
    expect(isReattachedStopRef('b1')).toBe(false);
    expect(isReattachedStopRef('b1~stopper')).toBe(false);
    expect(isReattachedStopRef(null)).toBe(false);
    expect(roleOfOurs({ parentId: 0, type: 'STP', orderRef: 'b1~stop1' })).toBe('stop');
    expect(roleOfOurs({ parentId: 0, type: 'STP LMT', orderRef: 'b1' })).toBe('entry');
    expect(roleOfOurs({ parentId: 7, type: 'STP', orderRef: 'b1' })).toBe('stop');
    expect(roleOfOurs({ parentId: 7, type: 'LMT', orderRef: 'b1' })).toBe('target');
  });

  it('is built with the stop role', () => {
    const instrument = { symbol: 'WUN', conId: 1, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 } as never;
    const stop = reattachIntent(long, 'b1~stop1', 'regular', 0.5, 0.01);
    let id = 10;
    const built = buildOrders({ intent: stop, instrument, account: 'DU1', nextId: () => id++, quote: { bid: 11, ask: 11.01 }, collarPct: 0.5 });
    expect(built.map((b) => [b.role, b.spec.type, b.spec.orderRef])).toEqual([['stop', 'STP', 'b1~stop1']]);
  });
});
