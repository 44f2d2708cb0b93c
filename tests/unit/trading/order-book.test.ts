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
