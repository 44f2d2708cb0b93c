/** IB's order rules the simulator enforces: regular hours (399), cancel remainder, commission order, tick size (110), 20 per side. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventName, type Order, OrderAction, OrderType, Stock } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';
import { aapl, order, statuses, lastStatus } from './support/orders';

let t: TestSim;
let c: IbTestClient | undefined;
afterEach(async () => {
  c?.disconnect();
  c = undefined;
  await t?.close();
});

/** 2026-04-02 08:00 ET (EDT, UTC-4): pre-market. */
const PRE_MARKET = Date.UTC(2026, 3, 2, 12, 0, 0);

async function setup(startTime?: number): Promise<IbTestClient> {
  t = await startTestSim({ fake: { startTime } });
  t.market.setQuote('AAPL', 194, 194.02, 500, 500);
  c = await IbTestClient.connect(t.port);
  return c;
}

async function roundTrip(cl: IbTestClient): Promise<void> {
  const n = cl.of(EventName.currentTime).length;
  cl.ib.reqCurrentTime();
  await cl.waitFor(() => cl.of(EventName.currentTime).length > n, 'round trip');
}

describe('IB order rules in the simulator', () => {
  it('outside regular hours an order without outsideRth gets 399 and stays PreSubmitted until 09:30; with outsideRth it fills', async () => {
    await setup(PRE_MARKET);
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 194.05 }));
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 194.05, outsideRth: true, totalQuantity: 10 }));
    await c!.waitFor(() => lastStatus(c!, 2) === 'Filled', 'outsideRth order fills pre-market');
    const warn = c!.errors().find((e) => e.code === 399 && e.reqId === 1);
    expect(warn?.message).toBe('Order Message:\nBUY 100 AAPL NASDAQ.NMS\nWarning: your order will not be placed at the exchange until\n2026-04-02 09:30:00 US/Eastern');
    expect(c!.errors().filter((e) => e.reqId === 2)).toEqual([]);
    t.market.setQuote('AAPL', 194, 194.01, 500, 500);
    t.market.trade('AAPL', 194.0, 300);
    await roundTrip(c!);
    expect(statuses(c!, 1)).toEqual([['PreSubmitted', 0, 100]]);
    t.market.advance(90 * 60_000); // 09:30 ET
    t.market.setQuote('AAPL', 194, 194.02, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'fills once the session opens');
    expect(statuses(c!, 1).map((s) => s[0])).toEqual(['PreSubmitted', 'Submitted', 'Filled']);
    expect(c!.decodeErrors()).toEqual([]);
  });

  it('a cancelled order reports what it filled and the unfilled remainder', async () => {
    await setup();
    t.market.setQuote('AAPL', 194, 194.02, 500, 30);
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 194.02, totalQuantity: 100 }));
    await c!.waitFor(() => statuses(c!, 1).some((s) => s[1] === 30), 'partial');
    c!.ib.cancelOrder(1);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Cancelled', 'cancelled');
    expect(statuses(c!, 1).at(-1)).toEqual(['Cancelled', 30, 70]);
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, totalQuantity: 40 }));
    await c!.waitFor(() => lastStatus(c!, 2) === 'Submitted', 'working');
    c!.ib.cancelOrder(2);
    await c!.waitFor(() => lastStatus(c!, 2) === 'Cancelled', 'cancelled untouched');
    expect(statuses(c!, 2).at(-1)).toEqual(['Cancelled', 0, 40]);
  });

  it('each execution is followed by its order status, then exactly one commission report for its execId', async () => {
    await setup();
    t.market.setQuote('AAPL', 194, 194.02, 500, 60);
    c!.ib.placeOrder(1, aapl, order({ totalQuantity: 100 }));
    await c!.waitFor(() => statuses(c!, 1).some((s) => s[1] === 60), 'partial');
    t.market.setQuote('AAPL', 194, 194.03, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'filled');
    await c!.waitFor(() => c!.of(EventName.commissionReport).length === 2, 'two reports');
    const seq = c!.events.filter((e) => ['orderStatus', 'execDetails', 'commissionReport'].includes(e.name)).map((e) => e.name);
    expect(seq).toEqual(['orderStatus', 'execDetails', 'orderStatus', 'commissionReport', 'execDetails', 'orderStatus', 'commissionReport']);
    const execIds = c!.of(EventName.execDetails).map((a) => (a[2] as { execId: string }).execId);
    const reportIds = c!.of(EventName.commissionReport).map((a) => (a[0] as { execId: string }).execId);
    expect(reportIds).toEqual(execIds);
    expect(new Set(execIds).size).toBe(2);
  });

  it('rejects prices off the tick grid with 110 (cents from $1, $0.0001 below), for new orders and modifies', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150.005 }));
    c!.ib.placeOrder(2, aapl, order({ action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: 150.001 }));
    c!.ib.placeOrder(3, new Stock('AMC'), order({ orderType: OrderType.LMT, lmtPrice: 0.5123 }));
    c!.ib.placeOrder(4, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150.01 }));
    await c!.waitFor(() => lastStatus(c!, 3) === 'Submitted' && lastStatus(c!, 4) === 'Submitted', 'on-grid orders work');
    c!.ib.placeOrder(4, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150.015 }));
    await c!.waitFor(() => c!.errors().some((e) => e.reqId === 4), 'modify rejected');
    const errs = c!.errors().map((e) => [e.reqId, e.code, e.message]);
    const text = 'The price does not conform to the minimum price variation for this contract.';
    expect(errs).toEqual([[1, 110, text], [2, 110, text], [4, 110, text]]);
    expect(statuses(c!, 1)).toEqual([]);
    expect(c!.of(EventName.openOrder).filter((a) => a[0] === 4).map((a) => (a[2] as Order).lmtPrice)).toEqual([150.01]);
  });

  it('caps active orders at 20 per contract per side per account', async () => {
    await setup();
    for (let id = 1; id <= 21; id++) c!.ib.placeOrder(id, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, totalQuantity: 1 }));
    c!.ib.placeOrder(22, aapl, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 250, totalQuantity: 1 }));
    c!.ib.placeOrder(23, new Stock('MSFT'), order({ orderType: OrderType.LMT, lmtPrice: 100, totalQuantity: 1 }));
    await c!.waitFor(() => lastStatus(c!, 22) === 'Submitted' && lastStatus(c!, 23) === 'Submitted', 'other side and contract work');
    await c!.waitFor(() => c!.errors().some((e) => e.reqId === 21), 'the 21st is rejected');
    expect(c!.errors()).toEqual([{ reqId: 21, code: 201, message: 'Order rejected - reason:Cannot have more than 20 active orders on the same side of the same contract in one account.' }]);
    expect(statuses(c!, 21)).toEqual([]);
    c!.ib.cancelOrder(1);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Cancelled', 'one cancelled');
    c!.ib.placeOrder(24, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, totalQuantity: 1 }));
    await c!.waitFor(() => lastStatus(c!, 24) === 'Submitted', 'room again');
  });
});
