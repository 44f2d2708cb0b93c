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


async function setup(): Promise<IbTestClient> {
  t = await startTestSim({ initialPositions: [{ symbol: 'MSFT', quantity: 50, avgCost: 400 }] });
  t.market.setQuote('AAPL', 194, 194.02, 500, 500);
  c = await IbTestClient.connect(t.port);
  return c;
}

describe('paper orders', () => {
  it('a market order fills at the ask: openOrder → orderStatus, then execution → commission → Filled', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({}));
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'filled');
    const seq = c!.events.map((e) => e.name).filter((n) => ['openOrder', 'orderStatus', 'execDetails', 'commissionReport'].includes(n));
    expect(seq).toEqual(['openOrder', 'orderStatus', 'execDetails', 'openOrder', 'orderStatus', 'commissionReport']);
    const [reqId, contract, exec] = c!.of(EventName.execDetails)[0] as [number, { symbol: string }, { side: string; shares: number; price: number; execId: string; permId: number }];
    expect(reqId).toBe(-1);
    expect(contract.symbol).toBe('AAPL');
    expect(exec).toMatchObject({ side: 'BOT', shares: 100, price: 194.02 });
    const report = c!.of(EventName.commissionReport)[0][0] as { execId: string; commission: number };
    expect(report.execId).toBe(exec.execId);
    expect(report.commission).toBe(1);
    const open = c!.of(EventName.openOrder)[0] as [number, unknown, { permId: number }, { status: string }];
    expect(open[2].permId).toBe(exec.permId);
    expect(open[2].permId).toBeGreaterThan(0);
    expect(statuses(c!, 1).at(-1)).toEqual(['Filled', 100, 0]);
    expect(c!.decodeErrors()).toEqual([]);
  });

  it('partial fills against displayed size, then a limit order rests until the market trades through it', async () => {
    await setup();
    t.market.setQuote('AAPL', 194, 194.02, 500, 60);
    c!.ib.placeOrder(1, aapl, order({ totalQuantity: 100 }));
    await c!.waitFor(() => statuses(c!, 1).some((s) => s[1] === 60), 'partial');
    expect(statuses(c!, 1).find((s) => s[1] === 60)).toEqual(['Submitted', 60, 40]);
    t.market.setQuote('AAPL', 194, 194.03, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'filled');
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 193.5, totalQuantity: 50 }));
    await c!.waitFor(() => lastStatus(c!, 2) === 'Submitted', 'resting');
    t.market.trade('AAPL', 193.6, 100);
    expect(lastStatus(c!, 2)).toBe('Submitted');
    t.market.trade('AAPL', 193.4, 30);
    await c!.waitFor(() => statuses(c!, 2).some((s) => s[1] === 30), 'partial on print');
    t.market.setQuote('AAPL', 193.3, 193.45, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 2) === 'Filled', 'filled at ask');
    const execs = c!.of(EventName.execDetails).map((a) => (a[2] as { price: number; shares: number }));
    expect(execs.slice(-2)).toEqual([expect.objectContaining({ price: 193.5, shares: 30 }), expect.objectContaining({ price: 193.45, shares: 20 })]);
  });

  it('stop and stop-limit orders wait PreSubmitted until triggered', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: 193, totalQuantity: 10 }));
    c!.ib.placeOrder(2, aapl, order({ action: OrderAction.BUY, orderType: OrderType.STP_LMT, auxPrice: 195, lmtPrice: 195.1, totalQuantity: 10 }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'PreSubmitted' && lastStatus(c!, 2) === 'PreSubmitted', 'presubmitted');
    t.market.trade('AAPL', 192.9, 100);
    t.market.setQuote('AAPL', 192.88, 192.95, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'stop filled');
    expect(lastStatus(c!, 2)).toBe('PreSubmitted');
    t.market.setQuote('AAPL', 195.0, 195.2, 500, 500); // the ask reaches the stop; the limit is below the ask
    await c!.waitFor(() => lastStatus(c!, 2) === 'Submitted', 'stop-limit triggered, resting as a limit');
    t.market.setQuote('AAPL', 195.0, 195.08, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 2) === 'Filled', 'stop-limit filled');
  });

  it('modify by re-placing, cancel (Cancelled then 202), unknown cancel (10147), duplicate id (103), global cancel', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150 }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'Submitted', 'working');
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 151, totalQuantity: 200 }));
    await c!.waitFor(() => c!.of(EventName.openOrder).some((a) => (a[2] as Order).lmtPrice === 151 && (a[2] as Order).totalQuantity === 200), 'modified');
    c!.ib.cancelOrder(1);
    await c!.waitFor(() => c!.errors().some((e) => e.code === 202), '202');
    const tail = c!.events.filter((e) => e.name === 'orderStatus' || e.name === 'error').slice(-2).map((e) => (e.name === 'error' ? `error:${e.args[1]}` : String(e.args[1])));
    expect(tail).toEqual(['Cancelled', 'error:202']);
    c!.ib.cancelOrder(77);
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150 }));
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150 }));
    c!.ib.placeOrder(3, new Stock('MSFT'), order({ orderType: OrderType.LMT, lmtPrice: 10 }));
    await c!.waitFor(() => lastStatus(c!, 3) === 'Submitted', 'more working');
    c!.ib.reqGlobalCancel();
    await c!.waitFor(() => lastStatus(c!, 2) === 'Cancelled' && lastStatus(c!, 3) === 'Cancelled', 'global cancel');
    const codes = c!.errors().map((e) => [e.reqId, e.code]);
    expect(codes).toEqual(expect.arrayContaining([[77, 10147], [1, 104]]));
    c!.ib.placeOrder(2, aapl, order({}));
    await c!.waitFor(() => c!.errors().some((e) => e.code === 104 && e.reqId === 2), '104 on a cancelled id');
    c!.ib.placeOrder(1, aapl, order({}));
    c!.ib.placeOrder(0, aapl, order({}));
    await c!.waitFor(() => c!.errors().some((e) => e.code === 103), '103');
  });

  it('bracket: held until the transmit=1 child arrives, children PreSubmitted until the parent fills, OCA on exit', async () => {
    await setup();
    t.market.setQuote('AAPL', 193, 193.05, 500, 500);
    c!.ib.placeOrder(10, aapl, order({ orderType: OrderType.LMT, lmtPrice: 192, transmit: false }));
    c!.ib.placeOrder(11, aapl, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 196, parentId: 10, transmit: false }));
    c!.ib.reqCurrentTime();
    await c!.waitFor(() => c!.of(EventName.currentTime).length, 'round trip');
    expect(c!.of(EventName.openOrder)).toEqual([]); // held: no lifecycle messages yet
    c!.ib.placeOrder(12, aapl, order({ action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: 190, parentId: 10, transmit: true }));
    await c!.waitFor(() => statuses(c!, 12).length, 'released');
    expect(c!.of(EventName.openOrder).map((a) => a[0])).toEqual([10, 11, 12]);
    expect([lastStatus(c!, 10), lastStatus(c!, 11), lastStatus(c!, 12)]).toEqual(['Submitted', 'PreSubmitted', 'PreSubmitted']);
    expect((c!.of(EventName.openOrder)[1][2] as Order).parentId).toBe(10);
    t.market.setQuote('AAPL', 191.9, 191.95, 500, 500); // parent fills
    await c!.waitFor(() => lastStatus(c!, 10) === 'Filled' && lastStatus(c!, 11) === 'Submitted', 'children live');
    expect(lastStatus(c!, 12)).toBe('PreSubmitted'); // stop not triggered
    t.market.setQuote('AAPL', 196.1, 196.2, 500, 500); // take-profit fills
    await c!.waitFor(() => lastStatus(c!, 11) === 'Filled' && lastStatus(c!, 12) === 'Cancelled', 'OCA');
    expect(c!.errors().filter((e) => e.code === 202)).toEqual([]); // an OCA cancel is not a 202
  });

  it('cancelling a bracket parent cancels its children; OCA groups cancel the rest on a fill', async () => {
    await setup();
    c!.ib.placeOrder(20, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, transmit: false }));
    c!.ib.placeOrder(21, aapl, order({ action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: 200, parentId: 20, transmit: true }));
    await c!.waitFor(() => lastStatus(c!, 21) === 'PreSubmitted', 'bracket live');
    c!.ib.cancelOrder(20);
    await c!.waitFor(() => lastStatus(c!, 20) === 'Cancelled' && lastStatus(c!, 21) === 'Cancelled', 'children cancelled');
    c!.ib.placeOrder(22, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, ocaGroup: 'G1', ocaType: 1 }));
    c!.ib.placeOrder(23, aapl, order({ orderType: OrderType.LMT, lmtPrice: 194.5, ocaGroup: 'G1', ocaType: 1 }));
    await c!.waitFor(() => lastStatus(c!, 23) === 'Filled' && lastStatus(c!, 22) === 'Cancelled', 'OCA fill cancels the other');
  });

  it('open orders, all open orders, executions with commission reports, positions, account summary and P&L', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ totalQuantity: 10 }));
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 100 }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled' && lastStatus(c!, 2) === 'Submitted', 'placed');
    const other = await IbTestClient.connect(t.port);
    other.ib.placeOrder(1, new Stock('SPY'), order({ orderType: OrderType.LMT, lmtPrice: 100 }));
    await other.waitFor(() => lastStatus(other, 1) === 'Submitted', 'other working');
    const n = c!.of(EventName.openOrder).length;
    c!.ib.reqOpenOrders();
    await c!.waitFor(() => c!.of(EventName.openOrderEnd).length === 1, 'open orders end');
    expect(c!.of(EventName.openOrder).slice(n).map((a) => a[0])).toEqual([2]);
    c!.ib.reqAllOpenOrders();
    await c!.waitFor(() => c!.of(EventName.openOrderEnd).length === 2, 'all open orders end');
    expect(c!.of(EventName.openOrder).slice(n + 1).map((a) => (a[1] as { symbol: string }).symbol).sort()).toEqual(['AAPL', 'SPY']);
    other.disconnect();

    c!.ib.reqExecutions(5, {} as never);
    await c!.waitFor(() => c!.of(EventName.execDetailsEnd).length, 'exec end');
    const execs = c!.of(EventName.execDetails).filter((a) => a[0] === 5);
    expect(execs).toHaveLength(1);
    expect(c!.of(EventName.commissionReport).length).toBe(2);

    c!.ib.reqPositions();
    await c!.waitFor(() => c!.of(EventName.positionEnd).length, 'positions');
    const pos = c!.of(EventName.position).map((a) => [a[0], (a[1] as { symbol: string }).symbol, a[2]]);
    expect(pos).toEqual(expect.arrayContaining([['DU1234567', 'AAPL', 10], ['DU1234567', 'MSFT', 50]]));
    c!.ib.placeOrder(3, aapl, order({ action: OrderAction.SELL, totalQuantity: 4 }));
    await c!.waitFor(() => c!.of(EventName.position).some((a) => (a[1] as { symbol: string }).symbol === 'AAPL' && a[2] === 6), 'position update streamed');

    c!.ib.reqAccountSummary(6, 'All', 'NetLiquidation,TotalCashValue,BuyingPower,AccountType');
    await c!.waitFor(() => c!.of(EventName.accountSummaryEnd).length, 'summary');
    const tags = Object.fromEntries(c!.of(EventName.accountSummary).map((a) => [a[2], a[3]]));
    expect(Object.keys(tags).sort()).toEqual(['AccountType', 'BuyingPower', 'NetLiquidation', 'TotalCashValue']);
    expect(Number(tags.NetLiquidation)).toBeGreaterThan(900_000);

    c!.ib.reqPnL(7, 'DU1234567', '');
    c!.ib.reqPnLSingle(8, 'DU1234567', '', 272093);
    await c!.waitFor(() => c!.of(EventName.pnl).length && c!.of(EventName.pnlSingle).length, 'pnl');
    const [, msftPos, , unrealized, , value] = c!.of(EventName.pnlSingle)[0] as number[];
    expect(msftPos).toBe(50);
    expect(unrealized).toBeCloseTo((t.market.quote(272093).last - 400) * 50, 2);
    expect(value).toBeCloseTo(t.market.quote(272093).last * 50, 2);
    const realized = c!.of(EventName.pnl)[0][3] as number;
    expect(realized).toBeLessThan(0); // the 4 shares sold back lost the spread and commissions
    c!.ib.cancelPnL(7);
    c!.ib.cancelPnLSingle(8);
  });

  it('what-if orders return margin and commission without placing anything', async () => {
    await setup();
    c!.ib.placeOrder(1, new Stock('SPY'), order({ orderType: OrderType.LMT, lmtPrice: 500, totalQuantity: 10, whatIf: true }));
    await c!.waitFor(() => c!.of(EventName.openOrder).length, 'what-if reply');
    const state = c!.of(EventName.openOrder)[0][3] as { minCommission: number; commissionCurrency: string; initMarginChange: number };
    expect(state.commissionCurrency).toBe('USD');
    expect(state.minCommission).toBe(1);
    expect(state.initMarginChange).toBeCloseTo(1250, 6);
    expect(c!.of(EventName.orderStatus)).toEqual([]);
  });

  it('rejects unknown symbols (200) and unsupported order types (387)', async () => {
    await setup();
    c!.ib.placeOrder(1, new Stock('NOPE'), order({}));
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.REL }));
    await c!.waitFor(() => c!.errors().length >= 2, 'errors');
    expect(c!.errors().map((e) => [e.reqId, e.code])).toEqual([[1, 200], [2, 387]]);
  });
});
