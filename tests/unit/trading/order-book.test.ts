import { describe, expect, it } from 'vitest';
import type { BrokerOpenOrder } from '../../../src-main/broker/order-port';
import { OrderBook } from '../../../src-main/trading/order-book';

const open = (over: Partial<BrokerOpenOrder> = {}): BrokerOpenOrder => ({
  orderId: 7, clientId: 1, permId: 70, parentId: 0, orderRef: 'intent-1', symbol: 'AAPL', conId: 265598, side: 'BUY',
  quantity: 100, type: 'LMT', limitPrice: 10, stopPrice: null, tif: 'DAY', account: 'DU1', status: 'Submitted', ...over,
});

describe('OrderBook.applyOpen', () => {
  it('counts a confirmed modify (new price or size, same status) as a change, so it is saved and broadcast', () => {
    const book = new OrderBook();
    expect(book.applyOpen(open(), true, 1).changed).toBe(true);
    expect(book.applyOpen(open(), true, 2).changed).toBe(false);
    const moved = book.applyOpen(open({ limitPrice: 10.05 }), true, 3);
    expect(moved.changed).toBe(true);
    expect(moved.row.limitPrice).toBe(10.05);
    expect(book.applyOpen(open({ limitPrice: 10.05, quantity: 50 }), true, 4).changed).toBe(true);
    expect(book.applyOpen(open({ limitPrice: 10.05, quantity: 50, status: 'Cancelled' }), true, 5).changed).toBe(true);
  });
});

describe('OrderBook indexes', () => {
  it('keeps working(), hasRef() and byRef() in step with put() and remove()', () => {
    const book = new OrderBook();
    book.applyOpen(open(), true, 1);
    book.applyOpen(open({ orderId: 8, permId: 80, orderRef: 'tws', clientId: 0 }), false, 1);
    expect(book.working().map((r) => r.orderId).sort()).toEqual([7, 8]);
    expect(book.hasRef('intent-1')).toBe(true);
    expect(book.hasRef('tws')).toBe(false); // external rows are not ours
    expect(book.refSeen('tws')).toBe(true);
    book.applyStatus({ orderId: 7, clientId: 1, permId: 70, parentId: 0, status: 'Filled', filled: 100, remaining: 0, avgFillPrice: 10, lastFillPrice: 10 }, 2);
    expect(book.working().map((r) => r.orderId)).toEqual([8]);
    expect(book.byRef('intent-1').map((r) => r.status)).toEqual(['Filled']);
    book.remove(1, 7);
    expect(book.hasRef('intent-1')).toBe(false);
    expect(book.refSeen('intent-1')).toBe(false);
    expect(book.byRef('intent-1')).toEqual([]);
  });
});
