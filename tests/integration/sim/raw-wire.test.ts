/**
 * Wire-level conformance at several negotiated versions: a raw socket client offers a version range,
 * sends requests encoded as @stoqey/ib encodes them at that version, and decodes every reply with
 * @stoqey/ib's Decoder at that version, which rejects a message with one field too many or too few.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, ConjunctionConnection, PriceCondition, ScanCode, TickByTickDataType, TriggerMethod } from '@stoqey/ib';
import { RawIbClient } from './support/raw-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
let raw: RawIbClient | undefined;
afterEach(async () => {
  raw?.close();
  raw = undefined;
  await t?.close();
});

const AAPL = { conId: 265598, symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' } as never;
const MSFT_ISLAND = { symbol: 'MSFT', secType: 'STK', exchange: 'ISLAND', currency: 'USD' } as never;
const AMC_NYSE = { symbol: 'AMC', secType: 'STK', exchange: 'NYSE', currency: 'USD' } as never;

const OFFERS = ['v157..178', 'v100..187', 'v100..163', 'v100..165', 'v100..176', 'v100..185', 'v100..193'];

async function open(offer: string): Promise<RawIbClient> {
  t = await startTestSim({ initialPositions: [{ symbol: 'AAPL', quantity: 100, avgCost: 150 }] });
  raw = await RawIbClient.connect(t.port);
  await raw.handshake(offer);
  raw.startApi(3);
  await raw.waitForMessage((m) => m.fields[0] === '9', 'nextValidId');
  return raw;
}

const seen = (c: RawIbClient, id: number) => c.byId(id).length > 0;

describe.each(OFFERS)('raw client %s', (offer) => {
  it('market data, depth, scanner, history and tick-by-tick replies have exact field counts', async () => {
    const c = await open(offer);
    const e = c.encoder;
    e.reqContractDetails(1, AAPL);
    e.reqMarketDataType(1);
    e.reqMktData(2, AAPL, '165,233,236,293,294,295,411', false, false);
    e.reqMktData(3, AAPL, '', true, false);
    e.reqMktDepth(4, AAPL, 5, true, []);
    e.reqMktDepth(5, MSFT_ISLAND, 3, false, []);
    e.reqMktDepth(6, AMC_NYSE, 3, false, []);
    e.reqMktDepthExchanges();
    e.reqScannerParameters();
    e.reqScannerSubscription(7, { scanCode: ScanCode.MOST_ACTIVE, locationCode: 'STK.US.MAJOR', instrument: 'STK', numberOfRows: 5 } as never, [], []);
    e.reqHistoricalData(8, AAPL, '', '1800 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 1, 1, false, []);
    e.reqHistoricalData(9, AAPL, '', '2 D', BarSizeSetting.HOURS_ONE, 'MIDPOINT', 0, 2, false, []);
    e.reqHistoricalData(10, AAPL, '', '1 M', BarSizeSetting.DAYS_ONE, 'TRADES', 1, 1, false, []);
    e.reqHistoricalData(11, AAPL, '', '600 S', BarSizeSetting.SECONDS_FIVE, 'TRADES', 0, 2, true, []);
    e.reqTickByTickData(12, AAPL, TickByTickDataType.AllLast, 0, false);
    e.reqTickByTickData(13, AAPL, TickByTickDataType.BidAsk, 0, false);
    e.reqTickByTickData(14, AAPL, TickByTickDataType.MidPoint, 0, false);
    e.reqRealTimeBars(15, AAPL, 5, 'TRADES', false, []);
    e.reqMatchingSymbols(16, 'MS');
    e.reqMarketRule(26);
    e.reqHeadTimestamp(17, AAPL, 'TRADES', true, 2);
    if (c.serverVersion >= 167) e.reqUserInfo(18);
    e.reqCurrentTime();
    await c.waitForMessage((m) => m.fields[0] === '20', 'scanner data');
    await c.waitForMessage((m) => m.fields[0] === '88', 'head timestamp');
    t.market.trade('AAPL', 195.5, 200);
    t.market.setQuote('AAPL', 195.4, 195.6, 500, 700);
    t.market.depth('AAPL', true, { position: 0, operation: 0, side: 1, price: 195.45, size: 100, marketMaker: 'ARCA' });
    t.market.depth('AAPL', true, { position: 1, operation: 2, side: 0, price: 0, size: 0 });
    t.market.depth('MSFT', false, { position: 0, operation: 1, side: 0, price: 420, size: 900 });
    t.market.depth('AMC', false, { position: 2, operation: 2, side: 1, price: 0, size: 0 });
    await c.waitForMessage((m) => m.fields[0] === '99' && m.fields[2] === '2', 'tick-by-tick trade');
    // Timed streams (msg 90 every 2 s, msg 50 on 5-second boundaries) are checked at the versions the app's peers use.
    const timed = offer === 'v157..178' || offer === 'v100..187' ? [90, 50] : [];
    if (timed.length) {
      await c.waitForMessage((m) => m.fields[0] === '90', 'keepUpToDate update', 6000);
      await c.waitForMessage((m) => m.fields[0] === '50', 'real-time bar', 8000);
    }
    for (const id of [10, 52, 81, 58, 1, 2, 45, 46, 57, 12, 13, 80, 19, 20, 17, 99, 79, 93, 88, 49, ...timed, ...(c.serverVersion >= 167 ? [107] : [])]) expect(seen(c, id), `msg ${id}`).toBe(true);
    expect(c.fieldErrors).toEqual([]);
    expect(c.errors().filter((x) => x.id !== -1)).toEqual([]);
  }, 20_000);

  it('order, execution, position, account and P&L replies have exact field counts', async () => {
    const c = await open(offer);
    const e = c.encoder;
    const base = { action: 'BUY', tif: 'DAY', transmit: true, account: 'DU1234567' };
    e.reqPositions();
    e.reqAccountSummary(20, 'All', 'NetLiquidation,BuyingPower,AccountType,$LEDGER');
    e.reqPnL(21, 'DU1234567', '');
    e.reqPnLSingle(22, 'DU1234567', '', 265598);
    e.reqAccountUpdates(true, 'DU1234567');
    e.reqAccountUpdatesMulti(23, 'DU1234567', '', true);
    e.reqPositionsMulti(24, 'DU1234567', '');
    e.reqOpenOrders();
    e.placeOrder(1, AAPL, { ...base, orderType: 'MKT', totalQuantity: 10 } as never);
    e.placeOrder(2, AAPL, { ...base, orderType: 'LMT', lmtPrice: 100, totalQuantity: 5 } as never);
    e.placeOrder(3, AAPL, { ...base, orderType: 'LMT', lmtPrice: 101, totalQuantity: 5, whatIf: true } as never);
    e.placeOrder(4, AAPL, {
      ...base, orderType: 'LMT', lmtPrice: 99, totalQuantity: 1, conditionsIgnoreRth: true, conditionsCancelOrder: false,
      conditions: [new PriceCondition(29, TriggerMethod.Default, 265598, 'SMART', true, ConjunctionConnection.OR)],
      algoStrategy: 'Adaptive', algoParams: [{ tag: 'adaptivePriority', value: 'Normal' }],
    } as never);
    await c.waitForMessage((m) => m.fields[0] === '11', 'execution');
    e.reqAllOpenOrders();
    e.reqExecutions(25, {} as never);
    e.reqCompletedOrders(false);
    await c.waitForMessage((m) => m.fields[0] === '55', 'executions end');
    e.cancelOrder(2, { manualOrderCancelTime: '' } as never);
    await c.waitForMessage((m) => m.fields[0] === '4' && m.fields[3] === '202', 'cancel 202');
    for (const id of [61, 62, 63, 64, 94, 95, 6, 7, 8, 54, 73, 74, 71, 72, 5, 3, 53, 11, 59, 55, 102]) expect(seen(c, id), `msg ${id}`).toBe(true);
    expect(c.fieldErrors).toEqual([]);
    expect(c.errors().filter((x) => x.id !== -1 && x.code !== 202)).toEqual([]);
    const conditional = c.byId(5).find((m) => m.fields[c.serverVersion < 145 ? 2 : 1] === '4')!;
    const decoded = conditional.events.find((ev) => ev.name === 'openOrder')!.args[2] as { conditions: unknown[]; algoStrategy: string };
    expect(decoded.conditions).toHaveLength(1);
    expect(decoded.algoStrategy).toBe('Adaptive');
  }, 20_000);
});
