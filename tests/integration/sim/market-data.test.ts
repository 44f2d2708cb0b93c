import { afterEach, describe, expect, it } from 'vitest';
import { EventName, MarketDataType, Stock } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
let c: IbTestClient | undefined;
afterEach(async () => {
  c?.disconnect();
  c = undefined;
  await t?.close();
});

const ticksFor = (cl: IbTestClient, name: string, reqId: number) => cl.of(name).filter((a) => a[0] === reqId);

describe('reqMktData', () => {
  it('snapshot: TICK_REQ_PARAMS, MARKET_DATA_TYPE, the burst with explicit sizes, then TICK_SNAPSHOT_END', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMktData(45, new Stock('SPY'), '', true, false);
    await c.waitFor(() => c!.of(EventName.tickSnapshotEnd).length, 'snapshot end');
    const q = t.market.quote(756733);
    const prices = new Map(ticksFor(c, EventName.tickPrice, 45).map((a) => [a[1], a[2]]));
    expect(prices.get(1)).toBe(q.bid);
    expect(prices.get(2)).toBe(q.ask);
    expect(prices.get(4)).toBe(q.last);
    expect(prices.get(9)).toBe(q.prevClose);
    const sizes = new Map(ticksFor(c, EventName.tickSize, 45).map((a) => [a[1], a[2]]));
    expect(sizes.get(0)).toBe(q.bidSize); // explicit BID_SIZE (the synthetic one is dropped by @stoqey/ib)
    expect(sizes.get(3)).toBe(q.askSize);
    expect(sizes.get(8)).toBe(q.volume);
    expect(c.of(EventName.tickReqParams)[0][0]).toBe(45);
    expect(c.of(EventName.marketDataType)[0]).toEqual([45, 1]);
    expect(c.of(EventName.tickSnapshotEnd)[0][0]).toBe(45);
    expect(c.decodeErrors()).toEqual([]);
  });

  it('streams deltas only after the burst, and RT_VOLUME (233) per trade', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMktData(7, new Stock('AAPL'), '233,165,236', false, false);
    await c.waitFor(() => ticksFor(c!, EventName.tickPrice, 7).length >= 7, 'initial burst');
    const generics = new Map(c.of(EventName.tickGeneric).map((a) => [a[1], a[2]]));
    expect(generics.get(46)).toBe(3); // shortable
    expect(generics.has(89)).toBe(true);
    expect(ticksFor(c, EventName.tickPrice, 7).some((a) => a[1] === 20)).toBe(true); // 52-week high
    expect(ticksFor(c, EventName.tickSize, 7).some((a) => a[1] === 21)).toBe(true); // average volume
    const before = ticksFor(c, EventName.tickPrice, 7).length;
    t.market.trade('AAPL', 201.23, 300);
    await c.waitFor(() => c!.of(EventName.tickString).some((a) => a[1] === 48 && String(a[2]).startsWith('201.23;300;')), 'RT_VOLUME');
    await c.waitFor(() => ticksFor(c!, EventName.tickPrice, 7).some((a) => a[1] === 4 && a[2] === 201.23), 'last price delta');
    const after = ticksFor(c, EventName.tickPrice, 7).slice(before);
    expect(after.every((a) => a[1] !== 9)).toBe(true); // close is not resent
    t.market.setQuote('AAPL', 201.2, 201.25, 999, 400);
    await c.waitFor(() => ticksFor(c!, EventName.tickSize, 7).some((a) => a[1] === 0 && a[2] === 999), 'bid size delta');
    c.ib.cancelMktData(7);
    await c.waitFor(() => t.market.listenerCount() === 0, 'listeners released');
  });

  it('delayed (type 3/4) sends DELAYED_* ticks and MARKET_DATA_TYPE with the requested type', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMarketDataType(MarketDataType.DELAYED_FROZEN);
    c.ib.reqMktData(3, new Stock('AAPL'), '', true, false);
    await c.waitFor(() => c!.of(EventName.tickSnapshotEnd).length, 'snapshot end');
    const types = ticksFor(c, EventName.tickPrice, 3).map((a) => a[1]);
    expect(types).toEqual(expect.arrayContaining([66, 67, 68, 72, 73, 75]));
    expect(types.every((x) => Number(x) >= 66)).toBe(true);
    expect(c.of(EventName.marketDataType)[0]).toEqual([3, 4]);
  });

  it('unknown symbol → 200 with the reqId', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMktData(9, new Stock('NOPE'), '', false, false);
    c.ib.reqContractDetails(10, new Stock('NOPE'));
    await c.waitFor(() => c!.errors().length >= 2, 'errors');
    expect(c.errors().map((e) => [e.reqId, e.code, e.message])).toEqual([
      [9, 200, 'No security definition has been found for the request'],
      [10, 200, 'No security definition has been found for the request'],
    ]);
  });

  it('contract details for a stock, by symbol and by conId', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqContractDetails(1, new Stock('AAPL'));
    c.ib.reqContractDetails(2, { conId: 756733, exchange: 'SMART' });
    await c.waitFor(() => c!.of(EventName.contractDetailsEnd).length >= 2, 'details end');
    const [d1, d2] = c.of(EventName.contractDetails).map((a) => a[1] as { contract: { symbol: string; conId: number; primaryExch: string }; longName: string; minTick: number; stockType: string; tradingHours: string });
    expect(d1.contract).toMatchObject({ symbol: 'AAPL', conId: 265598, primaryExch: 'NASDAQ' });
    expect(d1.longName).toBe('APPLE INC');
    expect(d1.minTick).toBe(0.01);
    expect(d1.tradingHours).toMatch(/^\d{8}:(0400-\d{8}:2000|CLOSED)(;|$)/);
    expect(d2.contract.symbol).toBe('SPY');
    expect(d2.stockType).toBe('ETF');
  });
});
