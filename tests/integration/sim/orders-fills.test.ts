/** Partial fills: an order larger than the displayed size fills in several executions, level by level. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderType, Stock } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';
import { order, statuses, lastStatus } from './support/orders';

let t: TestSim;
let c: IbTestClient | undefined;
afterEach(async () => {
  c?.disconnect();
  c = undefined;
  await t?.close();
});

const execsOf = (cl: IbTestClient, id: number) =>
  cl.of(EventName.execDetails).map((a) => a[2] as { orderId: number; shares: number; price: number; cumQty: number }).filter((e) => e.orderId === id).map((e) => [e.shares, e.price, e.cumQty]);

/** TSLA with a quote that agrees with the smart book's touch: 178.51 x 100, then 178.52 x 200, 178.53 x 300, ... */
function tslaBook(): void {
  t.market.setQuote('TSLA', 178.49, 178.51, 100, 100);
  expect(t.market.book(76792991, 3, true).asks.map((r) => [r.price, r.size])).toEqual([[178.51, 100], [178.52, 200], [178.53, 300]]);
}

async function setup(): Promise<IbTestClient> {
  t = await startTestSim();
  c = await IbTestClient.connect(t.port);
  return c;
}

describe('partial fills against displayed liquidity', () => {
  it('a market order larger than the touch sweeps the displayed book, one execution per level', async () => {
    await setup();
    tslaBook();
    c!.ib.placeOrder(1, new Stock('TSLA'), order({ totalQuantity: 500 }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'filled');
    expect(execsOf(c!, 1)).toEqual([[100, 178.51, 100], [200, 178.52, 300], [200, 178.53, 500]]);
    expect(statuses(c!, 1).slice(-3)).toEqual([['Submitted', 100, 400], ['Submitted', 300, 200], ['Filled', 500, 0]]);
    const avg = c!.of(EventName.orderStatus).filter((a) => a[0] === 1).at(-1)![4] as number;
    expect(avg).toBeCloseTo((100 * 178.51 + 200 * 178.52 + 200 * 178.53) / 500, 6);
    expect(c!.of(EventName.commissionReport)).toHaveLength(3);
  });

  it('a marketable limit takes only the levels within its price and rests with the remainder', async () => {
    await setup();
    tslaBook();
    c!.ib.placeOrder(1, new Stock('TSLA'), order({ orderType: OrderType.LMT, lmtPrice: 178.52, totalQuantity: 1000 }));
    await c!.waitFor(() => statuses(c!, 1).some((s) => s[1] === 300), 'two levels');
    expect(execsOf(c!, 1)).toEqual([[100, 178.51, 100], [200, 178.52, 300]]);
    expect(lastStatus(c!, 1)).toBe('Submitted');
    t.market.trade('TSLA', 178.51, 150); // a print through the limit fills more of the rest
    await c!.waitFor(() => statuses(c!, 1).some((s) => s[1] === 450), 'print');
    expect(statuses(c!, 1).at(-1)).toEqual(['Submitted', 450, 550]);
  });

  it('a book that disagrees with the quote is not swept: the remainder waits for the next quote', async () => {
    await setup();
    t.market.setQuote('TSLA', 178.49, 178.51, 100, 40);
    c!.ib.placeOrder(1, new Stock('TSLA'), order({ totalQuantity: 100 }));
    await c!.waitFor(() => statuses(c!, 1).some((s) => s[1] === 40), 'touch only');
    expect(execsOf(c!, 1)).toEqual([[40, 178.51, 40]]);
    t.market.setQuote('TSLA', 178.49, 178.52, 100, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'next quote');
    expect(execsOf(c!, 1)).toEqual([[40, 178.51, 40], [60, 178.52, 100]]);
  });

  it('orders that become marketable on the same quote share its displayed size', async () => {
    await setup();
    const aapl = new Stock('AAPL');
    t.market.setQuote('AAPL', 194, 194.02, 500, 500);
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 194, totalQuantity: 300 }));
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 194, totalQuantity: 300 }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'Submitted' && lastStatus(c!, 2) === 'Submitted', 'resting');
    t.market.setQuote('AAPL', 193.98, 194, 500, 400);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled' && statuses(c!, 2).some((s) => s[1] === 100), 'shared');
    expect(execsOf(c!, 1)).toEqual([[300, 194, 300]]);
    expect(execsOf(c!, 2)).toEqual([[100, 194, 100]]);
    expect(statuses(c!, 2).at(-1)).toEqual(['Submitted', 100, 200]);
    t.market.setQuote('AAPL', 193.98, 194, 500, 400); // the next look shows fresh size
    await c!.waitFor(() => lastStatus(c!, 2) === 'Filled', 'rest fills');
    expect(execsOf(c!, 2)).toEqual([[100, 194, 100], [200, 194, 300]]);
  });
});
