/** Order faults: reject the next order, force partial fills, a disconnect mid-bracket, a Gateway restart. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, type OrderState, OrderType } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';
import { aapl, order, statuses, lastStatus } from './support/orders';

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
  return connect(3);
}

describe('order faults', () => {
  it('rejectNextOrder rejects exactly one new order with 201 and consumes its id', async () => {
    const c = await setup();
    t.sim.faults.rejectNextOrder('Insufficient buying power.');
    c.ib.placeOrder(1, aapl, order({}));
    c.ib.placeOrder(2, aapl, order({}));
    await c.waitFor(() => lastStatus(c, 2) === 'Filled', 'the next one works');
    expect(c.errors()).toEqual([{ reqId: 1, code: 201, message: 'Order rejected - reason:Insufficient buying power.' }]);
    expect(statuses(c, 1)).toEqual([]);
    c.ib.placeOrder(1, aapl, order({}));
    await c.waitFor(() => c.errors().some((e) => e.code === 103), 'id 1 is used');
  });

  it('forcePartialFills caps every look at the market, so one order fills in several executions', async () => {
    const c = await setup();
    t.sim.faults.forcePartialFills(30);
    c.ib.placeOrder(1, aapl, order({ totalQuantity: 100 }));
    await c.waitFor(() => statuses(c, 1).some((s) => s[1] === 30), 'first slice');
    for (let i = 0; i < 3; i++) t.market.setQuote('AAPL', 194, 194.02, 500, 500);
    await c.waitFor(() => lastStatus(c, 1) === 'Filled', 'filled');
    expect(c.of(EventName.execDetails).map((a) => (a[2] as { shares: number }).shares)).toEqual([30, 30, 30, 10]);
    t.sim.faults.forcePartialFills(0);
    c.ib.placeOrder(2, aapl, order({ totalQuantity: 100 }));
    await c.waitFor(() => lastStatus(c, 2) === 'Filled', 'off again');
    expect(c.of(EventName.execDetails).length).toBe(5);
  });

  it('disconnectMidBracket drops the connection when the first child arrives: the parent stays untransmitted', async () => {
    const c = await setup();
    t.sim.faults.disconnectMidBracket();
    c.ib.placeOrder(10, aapl, order({ orderType: OrderType.LMT, lmtPrice: 193, transmit: false }));
    c.ib.placeOrder(11, aapl, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 196, parentId: 10, transmit: false }));
    c.ib.placeOrder(12, aapl, order({ action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: 190, parentId: 10, transmit: true }));
    await c.waitFor(() => c.of(EventName.disconnected).length, 'dropped');
    expect(c.of(EventName.openOrder)).toEqual([]);
    const back = await connect(3);
    back.ib.reqAllOpenOrders();
    await back.waitFor(() => back.of(EventName.openOrderEnd).length, 'open orders');
    expect(back.of(EventName.openOrder)).toEqual([]); // nothing was transmitted
    expect(back.nextValidId).toBe(11); // the parent's id is taken
    back.ib.placeOrder(11, aapl, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 196, parentId: 10, transmit: true }));
    await back.waitFor(() => lastStatus(back, 10) === 'Submitted' && lastStatus(back, 11) === 'PreSubmitted', 'completing the bracket releases it');
  });

  it('gatewayRestart drops everyone; working orders, fills and ids persist; untransmitted orders are lost', async () => {
    const c = await setup();
    c.ib.placeOrder(1, aapl, order({ totalQuantity: 10 }));
    c.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 193, transmit: false }));
    c.ib.placeOrder(3, aapl, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 196, parentId: 2, transmit: true }));
    c.ib.placeOrder(4, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, transmit: false }));
    await c.waitFor(() => lastStatus(c, 1) === 'Filled' && lastStatus(c, 3) === 'PreSubmitted', 'placed');
    await t.sim.faults.gatewayRestart(50);
    await c.waitFor(() => c.of(EventName.disconnected).length, 'dropped');
    t.market.setQuote('AAPL', 192.9, 192.95, 500, 500); // the parent fills while nobody is connected
    const back = await connect(3);
    expect(back.nextValidId).toBe(5);
    back.ib.reqOpenOrders();
    await back.waitFor(() => back.of(EventName.openOrderEnd).length, 'open orders');
    const open = back.of(EventName.openOrder).map((a) => [a[0], (a[3] as OrderState).status]);
    expect(open).toEqual([[3, 'Submitted'], [3, 'Submitted']]); // pushed on connect, then asked: the filled parent is gone, its child works, held #4 was lost
    back.ib.reqExecutions(1, {} as never);
    await back.waitFor(() => back.of(EventName.execDetailsEnd).length, 'executions');
    expect(back.of(EventName.execDetails).map((a) => (a[2] as { orderId: number }).orderId)).toEqual([1, 2]);
    back.ib.reqCompletedOrders(true);
    await back.waitFor(() => back.of(EventName.completedOrdersEnd).length, 'completed');
    expect(back.of(EventName.completedOrder).map((a) => (a[2] as OrderState).status)).toEqual(['Filled', 'Filled']);
  });
});
