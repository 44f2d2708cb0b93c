/** Trailing stops (amount and percent) follow the market and trigger; GTD orders cancel at goodTillDate. */
import { afterEach, describe, expect, it } from 'vitest';
import { EventName, type Order, OrderAction, OrderType } from '@stoqey/ib';
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

const trailStops = (cl: IbTestClient, id: number) => cl.of(EventName.openOrder).filter((a) => a[0] === id).map((a) => (a[2] as Order).trailStopPrice);

async function setup(): Promise<IbTestClient> {
  t = await startTestSim();
  t.market.setQuote('AAPL', 194, 194.02, 500, 500);
  c = await IbTestClient.connect(t.port);
  return c;
}

describe('TRAIL and GTD', () => {
  it('a sell trailing by an amount ratchets up with the bid, never down, and sells at market when the bid reaches it', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ action: OrderAction.SELL, orderType: OrderType.TRAIL, auxPrice: 0.5 }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'PreSubmitted', 'working');
    expect(trailStops(c!, 1)).toEqual([193.5]);
    t.market.setQuote('AAPL', 195, 195.02, 500, 500);
    await c!.waitFor(() => trailStops(c!, 1).includes(194.5), 'ratchet up');
    t.market.setQuote('AAPL', 194.6, 194.62, 500, 500); // falls, but not to the stop: the stop stays
    t.market.setQuote('AAPL', 194.55, 194.57, 500, 500);
    expect(lastStatus(c!, 1)).toBe('PreSubmitted');
    expect(trailStops(c!, 1).at(-1)).toBe(194.5);
    t.market.setQuote('AAPL', 194.5, 194.52, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'triggered and filled');
    const exec = c!.of(EventName.execDetails)[0][2] as { price: number; side: string };
    expect(exec).toMatchObject({ price: 194.5, side: 'SLD' });
    expect(statuses(c!, 1).map((s) => s[0])).toEqual(['PreSubmitted', 'PreSubmitted', 'Submitted', 'Filled']);
    expect(c!.decodeErrors()).toEqual([]);
  });

  it('a buy trailing by a percent follows the ask down; an explicit trailStopPrice is the starting stop', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.TRAIL, trailingPercent: 1, totalQuantity: 10 }));
    c!.ib.placeOrder(2, aapl, order({ action: OrderAction.SELL, orderType: OrderType.TRAIL, auxPrice: 5, trailStopPrice: 190 }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'PreSubmitted' && lastStatus(c!, 2) === 'PreSubmitted', 'working');
    expect(trailStops(c!, 1)).toEqual([195.96]); // 194.02 + 1%
    expect(trailStops(c!, 2)).toEqual([190]);
    t.market.setQuote('AAPL', 192, 192.02, 500, 500);
    await c!.waitFor(() => trailStops(c!, 1).includes(193.94), 'ratchet down');
    expect(trailStops(c!, 2)).toEqual([190]); // bid - 5 stays below the given stop: it holds
    t.market.setQuote('AAPL', 193.9, 193.95, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Filled', 'buy stop hit');
    expect(lastStatus(c!, 2)).toBe('PreSubmitted');
    t.market.setQuote('AAPL', 196, 196.02, 500, 500);
    await c!.waitFor(() => trailStops(c!, 2).includes(191), 'sell stop rises to bid - 5');
  });

  it('rejects a TRAIL with neither or both of amount and percent', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.TRAIL }));
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.TRAIL, auxPrice: 1, trailingPercent: 1 }));
    await c!.waitFor(() => c!.errors().length === 2, 'rejects');
    expect(c!.errors().map((e) => [e.reqId, e.code])).toEqual([[1, 201], [2, 201]]);
  });

  it('a GTD order works until goodTillDate, then is cancelled with its remainder; a GTD without a date is rejected', async () => {
    await setup();
    c!.ib.placeOrder(1, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, tif: 'GTD', goodTillDate: '20260402 10:30:00 US/Eastern' }));
    c!.ib.placeOrder(2, aapl, order({ orderType: OrderType.LMT, lmtPrice: 150, tif: 'GTD', goodTillDate: '' }));
    await c!.waitFor(() => lastStatus(c!, 1) === 'Submitted' && c!.errors().some((e) => e.reqId === 2), 'placed');
    expect((c!.of(EventName.openOrder)[0][2] as Order).goodTillDate).toBe('20260402 10:30:00 US/Eastern');
    t.market.setQuote('AAPL', 194, 194.03, 500, 500);
    expect(lastStatus(c!, 1)).toBe('Submitted');
    t.market.advance(31 * 60_000); // past 10:30 ET
    t.market.setQuote('AAPL', 194, 194.02, 500, 500);
    await c!.waitFor(() => lastStatus(c!, 1) === 'Cancelled', 'expired');
    expect(statuses(c!, 1).at(-1)).toEqual(['Cancelled', 0, 100]);
    expect(c!.errors().map((e) => [e.reqId, e.code])).toEqual([[2, 201]]);
  });
});
