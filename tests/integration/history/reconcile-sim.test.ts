import { EventName, type Order, OrderAction, OrderType, Stock } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import { SystemScheduler } from '../../../src-main/broker/scheduler';
import { systemClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { reconcileJob } from '../../../src-main/scheduler/reconcile-job';
import { openStorage, type Storage } from '../../../src-main/storage';
import { etDate, etToEpoch } from '../../../src-shared/domain/et-time';
import { makeTempDir } from '../../support/temp-dir';
import { IbTestClient } from '../sim/support/ib-client';
import { type TestSim, startTestSim } from '../sim/support/sim';

let t: TestSim | undefined;
let c: IbTestClient | undefined;
let broker: IbBroker | undefined;
let storage: Storage | undefined;
let tmp: ReturnType<typeof makeTempDir> | undefined;
const scheduler = new SystemScheduler();
afterEach(async () => {
  c?.disconnect();
  await broker?.dispose();
  await t?.close();
  storage?.close();
  tmp?.cleanup();
  c = t = broker = storage = tmp = undefined;
  expect(scheduler.pending()).toBe(0);
});

const mkt = (action: OrderAction, totalQuantity: number): Order => ({ action, totalQuantity, orderType: OrderType.MKT, tif: 'DAY', transmit: true }) as Order;

describe('the 16:00 reconcile against the simulator', () => {
  it('re-reads the day’s executions through the broker (over TCP) and joins what the live stream missed into the ledger', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    const place = async (id: number, symbol: string, action: OrderAction, qty: number) => {
      c!.ib.placeOrder(id, new Stock(symbol), mkt(action, qty));
      await c!.waitFor(() => c!.of(EventName.orderStatus).some((a) => a[0] === id && a[1] === 'Filled'), `order ${id} filled`);
    };
    t.market.setQuote('AAPL', 194, 194.02, 500, 500);
    await place(1, 'AAPL', OrderAction.BUY, 100);
    t.market.setQuote('AAPL', 195, 195.02, 500, 500);
    await place(2, 'AAPL', OrderAction.SELL, 100);
    t.market.setQuote('MSFT', 410, 410.05, 500, 500);
    await place(3, 'MSFT', OrderAction.BUY, 50);
    const sim = t.sim.executions();
    expect(sim).toHaveLength(3);
    const date = etDate(sim[0].exec.time);

    tmp = makeTempDir();
    storage = openStorage(tmp.dir);
    // The live stream saw the first fill (without its commission) and a fill IB will not list; it missed the other two.
    const first = sim[0].exec;
    storage.ledger.recordExecution({ execId: first.execId, permId: null, orderId: 1, orderRef: null, clientId: null, account: 'DU1', conId: null, symbol: 'AAPL', secType: 'STK', side: 'BUY', shares: 100, price: first.price, multiplier: 1, time: first.time - (first.time % 1000), exchange: null }, 'live');
    storage.ledger.recordExecution({ execId: '0000ffff.deadbeef.01.01', permId: null, orderId: 9, orderRef: null, clientId: null, account: 'DU1', conId: null, symbol: 'XYZ', secType: 'STK', side: 'BUY', shares: 1, price: 1, multiplier: 1, time: etToEpoch(date, 9, 45), exchange: null }, 'live');

    broker = createBroker({ connection: { demo: true, host: '127.0.0.1', port: t.port, clientId: 77, connectTimeoutSec: 3 }, demo: true, clock: systemClock, log: createLogger('reconcile-sim'), scheduler });
    broker.start();
    const b = broker;
    // The run is due at 16:00 of the simulator's day; the job waits for the connection it starts without.
    const t0 = Date.now();
    const clock = { now: () => etToEpoch(date, 16, 0, 5) + (Date.now() - t0) };
    const job = reconcileJob({ executions: () => b.orders.executions(10_000), ledger: storage.ledger, clock, log: createLogger('reconcile-sim') });
    const result = await job.run(etToEpoch(date, 16, 0));

    expect(result.outcome).toBe('ok');
    const [, second, third] = sim.map((f) => f.exec.execId);
    expect(result.message).toBe(
      `IB reported 3 executions for ${date}; 2 new to the ledger (${second}, ${third}); 0 corrections; 3 commissions joined; 1 still pending a commission (0000ffff.deadbeef.01.01); 1 ledger fill IB did not list (0000ffff.deadbeef.01.01)`,
    );
    const fills = storage.ledger.fills();
    const bySim = sim.map((f) => fills.find((x) => x.execId === f.exec.execId));
    expect(bySim.map((f) => [f?.source, f?.commission])).toEqual(sim.map((f, i) => [i === 0 ? 'live' : 'reconciliation', f.report.commission]));
    // Running it again finds nothing new.
    const again = await job.run(etToEpoch(date, 16, 0));
    expect(again.message).toMatch(/; 0 new to the ledger; 0 corrections; 0 commissions joined; /);
  }, 60_000);
});
