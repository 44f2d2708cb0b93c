import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../src-shared/contract/features/trading';
import type { BrokerCompletedOrder } from '../../../src-main/broker/order-port';
import { completedRow, matchCompleted } from '../../../src-main/trading/completed-orders';

const row = (over: Partial<OrderRow>): OrderRow => ({
  orderId: 1, clientId: 7, permId: null, parentId: 0, orderRef: 'i1', role: 'entry', symbol: 'AAPL', side: 'BUY', quantity: 10, type: 'LMT',
  limitPrice: 190, stopPrice: null, tif: 'DAY', status: 'Submitted', filled: 0, remaining: 10, avgFillPrice: null, external: false, working: true,
  updatedAt: 0, ...over,
});
const done = (over: Partial<BrokerCompletedOrder>): BrokerCompletedOrder => ({
  permId: 100, orderRef: 'i1', symbol: 'AAPL', side: 'BUY', quantity: 10, type: 'LMT', limitPrice: 190, stopPrice: null, status: 'Filled', filled: 10,
  completedStatus: 'Filled Size: 10', completedTime: '20260105 10:00:00', ...over,
});

describe('matchCompleted', () => {
  it('tells the three orders of a bracket apart by shape when IB never acknowledged them (no permId yet)', () => {
    const entry = row({ orderId: 1 });
    const target = row({ orderId: 2, parentId: 1, role: 'target', side: 'SELL', limitPrice: 195 });
    const stop = row({ orderId: 3, parentId: 1, role: 'stop', side: 'SELL', type: 'STP', limitPrice: null, stopPrice: 189 });
    const completed = [
      done({ permId: 103, side: 'SELL', type: 'STP', limitPrice: null, stopPrice: 189, status: 'Cancelled', filled: 0, completedStatus: 'Cancelled by OCA' }),
      done({ permId: 101 }),
      done({ permId: 102, side: 'SELL', limitPrice: 195 }),
    ];
    const m = matchCompleted([entry, target, stop], completed);
    expect([m.get(entry)?.permId, m.get(target)?.permId, m.get(stop)?.permId]).toEqual([101, 102, 103]);
  });

  it('prefers the permId we saw, and never gives one completed order to two rows', () => {
    const a = row({ orderId: 1, permId: 200 });
    const b = row({ orderId: 2 });
    const m = matchCompleted([b, a], [done({ permId: 200 })]);
    expect(m.get(a)?.permId).toBe(200);
    expect(m.has(b)).toBe(false);
  });

  it('does not match another intent, another shape or another symbol', () => {
    const r = row({});
    expect(matchCompleted([r], [done({ orderRef: 'i2' }), done({ limitPrice: 191 }), done({ symbol: 'MSFT' }), done({ quantity: 5 })]).size).toBe(0);
  });
});

describe('completedRow', () => {
  it('takes IB final status and filled quantity, and the row stops working', () => {
    expect(completedRow(row({}), done({ status: 'Cancelled', filled: 4 }), 5)).toMatchObject({ status: 'Cancelled', filled: 4, remaining: 6, working: false, permId: 100, updatedAt: 5 });
    expect(completedRow(row({}), done({}), 5)).toMatchObject({ status: 'Filled', filled: 10, remaining: 0, working: false });
  });
});
