/**
 * The demo gateway in its worker thread, over real TCP through the real broker: it serves the same seeded
 * market an in-process one would, its clock (derived from the worker's mapping, no shared memory) agrees
 * with the market's, and closing it ends the worker.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import { startDemoGateway, type DemoGateway } from '../../../src-main/demo-gateway';
import { systemClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { createSimMarket } from '../../../src-main/sim/market';
import { etToEpoch, previousSessions } from '../../../src-shared/domain/market-time';
import { waitFor } from '../../support/wait';

const log = createLogger('demo-gateway-test');
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

function brokerOn(port: number): IbBroker {
  const broker = createBroker({ connection: { demo: true, host: '127.0.0.1', port, clientId: 1, connectTimeoutSec: 5 }, demo: true, clock: systemClock, log });
  closers.push(() => broker.dispose());
  broker.start();
  return broker;
}

describe('demo gateway off the main thread', () => {
  const day = previousSessions('2026-11-20', 1)[0];
  const startTime = etToEpoch('2026-11-20', 9, 0);
  const options = { seed: 11, depthLimit: 5, speed: 4, startTime };

  it('serves the seeded market from a worker on a clock derived from its mapping', { timeout: 30_000 }, async () => {
    const before = Date.now();
    const gateway: DemoGateway = await startDemoGateway(options, log);
    closers.push(() => gateway.close());
    const after = Date.now();
    expect(gateway.thread).toBe('worker');
    expect(gateway.simulator).toBeNull();
    // now = start + real elapsed × speed, read from the worker's own realStart.
    const t = Date.now();
    expect(gateway.clock.now()).toBeGreaterThanOrEqual(startTime + (t - after) * options.speed);
    expect(gateway.clock.now()).toBeLessThanOrEqual(startTime + (t - before) * options.speed);

    const broker = brokerOn(gateway.port);
    await waitFor(() => broker.status().state === 'connected', { timeout: 10_000, message: 'broker connected to the worker' });
    const inst = await broker.resolve('AAPL');
    if (!inst.ok) throw new Error(inst.error.message);
    const hist = await broker.historicalBars({
      instrument: inst.value, end: etToEpoch(day, 16, 0), duration: '1 D', barSize: '5 mins', whatToShow: 'TRADES', useRTH: true,
    });
    if (!hist.ok) throw new Error(hist.error.message);
    // The same seed and start in this thread: the worker's market is the same market.
    const local = createSimMarket({ seed: options.seed, speed: options.speed, startTime, warmUp: false });
    closers.push(() => local.dispose());
    const stock = local.bySymbol('AAPL')!;
    const expected = local.bars({ conId: stock.conId, start: etToEpoch(day, 9, 30), end: etToEpoch(day, 16, 0), barMs: 300_000, whatToShow: 'TRADES', useRTH: true });
    expect(hist.value).toHaveLength(78);
    expect(hist.value.map((b) => [b.tsOpen, b.close, b.volume])).toEqual(expected.map((b) => [b.time, b.close, b.volume]));
  });

  it('reports the worker heap and closes the worker with its port', { timeout: 30_000 }, async () => {
    const gateway = await startDemoGateway(options, log);
    const heap = await gateway.workerHeap();
    expect(heap!.used).toBeGreaterThan(1_000_000);
    expect(heap!.total).toBeGreaterThanOrEqual(heap!.used);
    expect(await refused(gateway.port)).toBe(false);
    await gateway.close();
    expect(await refused(gateway.port)).toBe(true);
    await gateway.close(); // idempotent
  });

  it('still runs inline for tests that drive the fault APIs', { timeout: 30_000 }, async () => {
    const gateway = await startDemoGateway({ ...options, thread: 'inline' }, log);
    closers.push(() => gateway.close());
    expect(gateway.thread).toBe('inline');
    expect(await gateway.workerHeap()).toBeNull();
    const broker = brokerOn(gateway.port);
    await waitFor(() => broker.status().state === 'connected', { timeout: 10_000, message: 'broker connected inline' });
    gateway.simulator!.faults.dropConnections();
    await waitFor(() => broker.status().state !== 'connected', { timeout: 10_000, message: 'dropped by the fault API' });
  });
});
