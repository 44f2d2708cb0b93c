import { afterEach, describe, expect, it } from 'vitest';
import { EventName, Stock, TickByTickDataType } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
let c: IbTestClient | undefined;
afterEach(async () => {
  c?.disconnect();
  c = undefined;
  await t?.close();
});

describe('reqTickByTickData', () => {
  it('Last and AllLast report every trade; BidAsk and MidPoint report quote changes', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    const aapl = new Stock('AAPL');
    c.ib.reqTickByTickData(1, aapl, TickByTickDataType.Last, 0, false);
    c.ib.reqTickByTickData(2, aapl, TickByTickDataType.AllLast, 0, false);
    c.ib.reqTickByTickData(3, aapl, TickByTickDataType.BidAsk, 0, true);
    c.ib.reqTickByTickData(4, aapl, TickByTickDataType.MidPoint, 0, false);
    await c.waitFor(() => t.market.listenerCount() >= 4, 'subscribed');
    t.market.trade('AAPL', 194.5, 120);
    t.market.trade('AAPL', 194.51, 80, 'ARCA');
    t.market.setQuote('AAPL', 194.5, 194.52, 300, 300);
    t.market.setQuote('AAPL', 194.5, 194.52, 900, 300); // size-only change: ignored with ignoreSize
    t.market.setQuote('AAPL', 194.49, 194.52, 900, 300);
    await c.waitFor(() => c!.of(EventName.tickByTickMidPoint).length >= 2 && c!.of(EventName.tickByTickAllLast).length >= 4, 'ticks');
    const last = c.of(EventName.tickByTickAllLast);
    expect(last.filter((a) => a[0] === 1).map((a) => [a[1], a[3], a[4], a[6]])).toEqual([[1, 194.5, 120, 'NASDAQ'], [1, 194.51, 80, 'ARCA']]);
    expect(last.filter((a) => a[0] === 2).map((a) => a[1])).toEqual([2, 2]);
    expect(c.of(EventName.tickByTickBidAsk).map((a) => [a[0], a[2], a[3], a[4], a[5]])).toEqual([[3, 194.5, 194.52, 300, 300], [3, 194.49, 194.52, 900, 300]]);
    expect(c.of(EventName.tickByTickMidPoint).map((a) => a[2])).toEqual([194.51, 194.505]);
    const time = Number(last[0][2]);
    expect(Math.abs(time - t.market.now() / 1000)).toBeLessThan(5);
    for (const id of [1, 2, 3, 4]) c.ib.cancelTickByTickData(id);
    await c.waitFor(() => t.market.listenerCount() === 0, 'released');
  });

  it('caps tick-by-tick streams per connection with 10190', async () => {
    t = await startTestSim({ tickByTickLimit: 2 });
    c = await IbTestClient.connect(t.port);
    for (const id of [1, 2, 3]) c.ib.reqTickByTickData(id, new Stock('SPY'), TickByTickDataType.Last, 0, false);
    await c.waitFor(() => c!.errors().length, '10190');
    expect(c.errors()).toEqual([{ reqId: 3, code: 10190, message: 'Max number of tick-by-tick requests has been reached.' }]);
  });
});
