import { describe, expect, it } from 'vitest';
import type { BrokerOpenOrder } from '../../../src-main/broker/order-port';
import { OrderBook } from '../../../src-main/trading/order-book';
import { OrderFlow } from '../../../src-main/trading/order-flow';
import type { OrderRow } from '../../../src-shared/contract/features/trading';
import type { TradingRepo } from '../../../src-main/storage';

const open: BrokerOpenOrder = {
  orderId: 7, clientId: 1, permId: 70, parentId: 0, orderRef: 'intent-1', symbol: 'AAPL', conId: 265598, side: 'BUY',
  quantity: 100, type: 'LMT', limitPrice: 10, stopPrice: null, tif: 'DAY', account: 'DU1', status: 'Submitted',
};
const status = (filled: number) => ({ orderId: 7, clientId: 1, permId: 70, parentId: 0, status: filled >= 100 ? 'Filled' : 'Submitted', filled, remaining: Math.max(0, 100 - filled), avgFillPrice: 10, lastFillPrice: 10 });

function flow() {
  const over: [OrderRow, number][] = [];
  const repo = { orderEvent: () => {}, upsertOrder: () => {} } as unknown as TradingRepo;
  const f = new OrderFlow({
    book: new OrderBook(), repo, durably: (fn) => fn(), audit: () => {}, now: () => 1, clientId: () => 1,
    isKnownIntent: () => true, changed: () => {}, overfilled: (row, filled) => over.push([row, filled]),
  });
  f.openOrder(open);
  return { f, over };
}

describe('OrderFlow', () => {
  it('reports a broker status that fills past the order quantity (the symbol halts), and only then', () => {
    const { f, over } = flow();
    f.orderStatus(status(40));
    f.orderStatus(status(100));
    expect(over).toEqual([]);
    f.orderStatus(status(262));
    expect(over.map(([row, filled]) => [row.symbol, row.quantity, filled])).toEqual([['AAPL', 100, 262]]);
  });
});
