/** Completed orders, and open orders and today's executions replayed to a client that reconnects. */
import { afterEach, describe, expect, it } from 'vitest';
import { type Contract, EventName, type Order, type OrderState, OrderType } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';
import { aapl, order, lastStatus } from './support/orders';

let t: TestSim;
const clients: IbTestClient[] = [];
afterEach(async () => {
  for (const cl of clients.splice(0)) cl.disconnect();
  await t?.close();
});


async function connect(clientId: number): Promise<IbTestClient> {
  const cl = await IbTestClient.connect(t.port, clientId);
  clients.push(cl);
  return cl;
}

async function setup(): Promise<IbTestClient> {
  t = await startTestSim();
  t.market.setQuote('AAPL', 194, 194.02, 500, 500);
  return connect(7);
}

describe('order history', () => {
  it('reqCompletedOrders lists filled, cancelled and expired orders of every client, then completedOrdersEnd', async () => {
    const c = await setup();
    c.ib.placeOrder(1, aapl, order({ totalQuantity: 10, orderRef: 'fill-me' }));
    c.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, orderRef: 'cancel-me' }));
    c.ib.placeOrder(3, aapl, order({ orderType: OrderType.LMT, lmtPrice: 151, orderRef: 'still-working' }));
    await c.waitFor(() => lastStatus(c, 1) === 'Filled' && lastStatus(c, 2) === 'Submitted' && lastStatus(c, 3) === 'Submitted', 'placed');
    c.ib.cancelOrder(2);
    await c.waitFor(() => lastStatus(c, 2) === 'Cancelled', 'cancelled');
    const other = await connect(8);
    other.ib.reqCompletedOrders(false);
    await other.waitFor(() => other.of(EventName.completedOrdersEnd).length, 'completed end');
    const rows = other.of(EventName.completedOrder) as Array<[Contract, Order, OrderState]>;
    expect(rows.map(([ct, o, st]) => [ct.symbol, o.orderRef, o.permId! > 0, st.status])).toEqual([['AAPL', 'fill-me', true, 'Filled'], ['AAPL', 'cancel-me', true, 'Cancelled']]);
    const [, filledOrder, filledState] = rows[0];
    expect(filledOrder).toMatchObject({ action: 'BUY', totalQuantity: 10, orderType: 'MKT', filledQuantity: 10, account: 'DU1234567' });
    expect(filledState.completedStatus).toBe('Filled Size: 10');
    expect(filledState.completedTime).toMatch(/^20260402 10:\d\d:\d\d US\/Eastern$/);
    expect(rows[1][2].completedStatus).toBe('Cancelled by Trader');
    expect(rows[1][1].filledQuantity).toBe(0);
    expect(other.decodeErrors()).toEqual([]);
    expect(other.errors()).toEqual([]);
  });

  it('a client that reconnects with its id gets its working orders and today\'s executions back, and keeps managing them', async () => {
    const c = await setup();
    c.ib.placeOrder(1, aapl, order({ totalQuantity: 10 }));
    c.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, orderRef: 'keep' }));
    await c.waitFor(() => lastStatus(c, 1) === 'Filled' && lastStatus(c, 2) === 'Submitted', 'placed');
    const execId = (c.of(EventName.execDetails)[0][2] as { execId: string }).execId;
    c.disconnect();
    await c.waitFor(() => t.sim.clientCount() === 0, 'gone');

    const back = await connect(7);
    expect(back.nextValidId).toBe(3);
    const open = () => back.of(EventName.openOrder).map((a) => [a[0], (a[2] as Order).orderRef, (a[3] as OrderState).status]);
    await back.waitFor(() => open().length, 'working orders pushed on connect, as TWS does');
    expect(open()).toEqual([[2, 'keep', 'Submitted']]);
    back.ib.reqOpenOrders();
    await back.waitFor(() => back.of(EventName.openOrderEnd).length, 'open orders');
    expect(open()).toEqual([[2, 'keep', 'Submitted'], [2, 'keep', 'Submitted']]);
    expect(back.of(EventName.orderStatus).map((a) => [a[0], a[1], a[2], a[3]])).toEqual([[2, 'Submitted', 0, 100], [2, 'Submitted', 0, 100]]);
    back.ib.reqAllOpenOrders();
    await back.waitFor(() => back.of(EventName.openOrderEnd).length === 2, 'all open orders');
    const other = await connect(8);
    other.ib.reqCurrentTime();
    await other.waitFor(() => other.of(EventName.currentTime).length, 'round trip');
    expect(other.of(EventName.openOrder)).toEqual([]); // another client id is not told about client 7's orders

    back.ib.reqExecutions(9, {} as never);
    await back.waitFor(() => back.of(EventName.execDetailsEnd).length, 'executions');
    const execs = back.of(EventName.execDetails).map((a) => [a[0], (a[2] as { execId: string; orderId: number; shares: number }).execId, (a[2] as { orderId: number }).orderId]);
    expect(execs).toEqual([[9, execId, 1]]);
    expect(back.of(EventName.commissionReport).map((a) => (a[0] as { execId: string }).execId)).toEqual([execId]);

    back.ib.cancelOrder(2);
    await back.waitFor(() => lastStatus(back, 2) === 'Cancelled', 'the reconnected client cancels its order');

    t.market.advance(24 * 3_600_000); // the next day: yesterday's executions are not today's
    back.ib.reqExecutions(10, {} as never);
    await back.waitFor(() => back.of(EventName.execDetailsEnd).length === 2, 'next day');
    expect(back.of(EventName.execDetails).filter((a) => a[0] === 10)).toEqual([]);
  });
});
