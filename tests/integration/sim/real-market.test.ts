/** The simulator over the real seeded market model (createSimMarket), end to end through @stoqey/ib. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BarSizeSetting, EventName, Instrument, LocationCode, OrderAction, OrderType, ScanCode, Stock } from '@stoqey/ib';
import { type Simulator, startSimulator } from '../../../src-main/sim/index';
import { createSimMarket } from '../../../src-main/sim/market';
import type { SimMarket } from '../../../src-main/sim/market/types';
import { demoStartTime } from '../../../src-main/demo-gateway';
import { IbTestClient } from './support/ib-client';

let sim: Simulator;
let market: SimMarket;
let c: IbTestClient;
beforeAll(async () => {
  // 10:00 ET of the latest trading day: orders without outsideRth only fill in regular hours, whatever the wall clock.
  market = createSimMarket({ seed: 5, speed: 1, startTime: demoStartTime(Date.now()) + 3_600_000 });
  sim = await startSimulator({ seed: 5, speed: 1, market });
  c = await IbTestClient.connect(sim.port);
});
afterAll(async () => {
  c?.disconnect();
  await sim?.close();
  market?.dispose();
});

describe('simulator with the seeded market model', () => {
  it('scanner rows come from the universe and contract details resolve them', async () => {
    c.ib.reqScannerSubscription(1, { scanCode: ScanCode.TOP_PERC_GAIN, locationCode: LocationCode.STK_US_MAJOR, instrument: Instrument.STK, numberOfRows: 10 });
    await c.waitFor(() => c.of(EventName.scannerDataEnd).length, 'scan');
    const symbols = c.of(EventName.scannerData).map((a) => (a[2] as { contract: { symbol: string } }).contract.symbol);
    expect(symbols.length).toBeGreaterThan(0);
    expect(symbols.every((s) => sim.market.bySymbol(s))).toBe(true);
    c.ib.cancelScannerSubscription(1);
    c.ib.reqContractDetails(2, new Stock(symbols[0]));
    await c.waitFor(() => c.of(EventName.contractDetailsEnd).length, 'details');
  });

  it('depth, quotes and historical bars flow for a well-known name', async () => {
    c.ib.reqMktDepth(3, new Stock('AAPL'), 5, true, []);
    c.ib.reqMktData(4, new Stock('AAPL'), '233', false, false);
    c.ib.reqHistoricalData(5, new Stock('AAPL'), '', '1 D', BarSizeSetting.MINUTES_FIVE, 'TRADES' as never, 0, 1, false);
    await c.waitFor(() => c.of(EventName.updateMktDepthL2).length >= 10 && c.of(EventName.tickPrice).length && c.of(EventName.historicalData).some((a) => String(a[1]).startsWith('finished')), 'streams', 10_000);
    expect(c.decodeErrors()).toEqual([]);
    expect(c.errors()).toEqual([]);
    c.ib.cancelMktDepth(3, true);
    c.ib.cancelMktData(4);
  });

  it('a market order fills against the model quote', async () => {
    c.ib.placeOrder(c.nextValidId, new Stock('SPY'), { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 10, transmit: true });
    await c.waitFor(() => c.of(EventName.orderStatus).some((a) => a[1] === 'Filled'), 'filled', 10_000);
    const exec = c.of(EventName.execDetails)[0][2] as { price: number };
    expect(exec.price).toBeGreaterThan(0);
  });
});
