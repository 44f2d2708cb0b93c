/**
 * Record the AAPL fixture replay through the real recorder, then replay that session folder through a
 * second simulator: an @stoqey/ib client must receive the recorded depth and trades, in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventName, Stock, TickByTickDataType } from '@stoqey/ib';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import { startSimulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import { loadIbDepthOps } from '../../../src-main/sim/market/fixture-ops';
import { fixture, hasFixtures } from '../../support/fixtures';
import { waitFor } from '../../support/wait';
import { type Closers, simRig } from '../recorder/sim-rig';
import { IbTestClient } from './support/ib-client';

const OPS = 'AAPL_2012-06-21_L10_first997_ib_depth_ops.csv';

/** A real-time clock that stands still until released, so a client can subscribe before the first op. */
function heldClock(): { now(): number; release(): void } {
  const t0 = Date.now();
  let released: number | null = null;
  return { now: () => (released === null ? t0 : t0 + Date.now() - released), release: () => void (released = Date.now()) };
}

describe.skipIf(!hasFixtures)('replay of a recorded session through the simulator', () => {
  const closers: Closers = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  /** Records ~2 loops of the fixture replay (speed 50) and returns the session folder. */
  async function record(): Promise<string> {
    const ops = loadIbDepthOps(fixture('depth', OPS));
    const { svc, catalog } = await simRig(closers, { depthLimit: 3, speed: 50, replay: [{ symbol: 'AAPL', path: fixture('depth', OPS), loop: true }] });
    await svc.start(['AAPL']);
    const stream = () => svc.status().streams[0];
    await waitFor(() => (stream()?.depthMessages ?? 0) > ops.length * 2 && (stream()?.tickMessages ?? 0) > 20, { timeout: 20_000, message: 'two loops recorded' });
    const path = [...catalog.values()][0].path;
    await svc.stop('AAPL');
    return path;
  }

  it('a client through @stoqey/ib receives the recorded depth ops and trades, identical and in order', async () => {
    const dir = await record();
    const rows = tableFromIPC(readFileSync(join(dir, 'depth.arrows'))).toArray().map((r) => r.toJSON());
    const ticks = tableFromIPC(readFileSync(join(dir, 'ticks.arrows'))).toArray().map((r) => r.toJSON());
    const trades = ticks.filter((t) => t.kind === 'trade');
    const recordedBook = new OrderBook(10_000);
    rows.forEach((r) => recordedBook.apply(r));
    expect(recordedBook.anomalies).toBe(0);
    expect(new Set(rows.map((r) => r.epoch))).toEqual(new Set([1])); // no clears: the stream must equal the file
    expect(trades.length).toBeGreaterThan(10);

    const clock = heldClock();
    const market = createSimMarket({ seed: 3, speed: 4, realClock: clock, replay: [{ symbol: 'AAPL', path: dir }] });
    closers.push(() => market.dispose());
    const sim = await startSimulator({ port: 0, market, speed: 4 });
    closers.push(() => sim.close());
    const c = await IbTestClient.connect(sim.port);
    closers.push(() => c.disconnect());
    c.ib.reqMktDepth(1, new Stock('AAPL'), 20, true, []);
    c.ib.reqTickByTickData(2, new Stock('AAPL'), TickByTickDataType.AllLast, 0, false);
    c.ib.reqCurrentTime(); // answered after both subscriptions are in place
    await c.waitFor(() => c.of(EventName.currentTime).length, 'subscribed');
    expect(c.of(EventName.updateMktDepthL2)).toEqual([]);
    clock.release();

    const depth = () => c.of(EventName.updateMktDepthL2).filter((a) => a[0] === 1);
    const prints = () => c.of(EventName.tickByTickAllLast).filter((a) => a[0] === 2);
    await c.waitFor(() => depth().length >= rows.length && prints().length >= trades.length, 'every recorded message', 20_000);
    expect(depth().map(([, position, mm, operation, side, price, size]) => [position, operation, side, price, Number(size), mm]))
      .toEqual(rows.map((r) => [r.position, r.operation, r.side, r.price, r.size, r.marketMaker]));
    expect(prints().map(([, , , price, size, , exchange, conditions]) => [price, Number(size), exchange, conditions ?? '']))
      .toEqual(trades.map((t) => [t.price, t.size, t.exchange, t.conditions]));
    expect(c.decodeErrors()).toEqual([]);
  }, 60_000);
});
