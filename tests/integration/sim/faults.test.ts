import { afterEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, EventName, Stock } from '@stoqey/ib';
import { waitFor } from '../../support/wait';
import { IbTestClient } from './support/ib-client';
import { RawIbClient } from './support/raw-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
const open: Array<{ disconnect?: () => void; close?: () => void }> = [];
afterEach(async () => {
  for (const x of open.splice(0)) (x.disconnect ?? x.close)?.call(x);
  await t?.close();
});

async function client(): Promise<IbTestClient> {
  const c = await IbTestClient.connect(t.port);
  open.push(c);
  return c;
}

/** Round-trips a request so everything sent before it has been delivered. */
async function settle(c: IbTestClient): Promise<void> {
  const n = c.of(EventName.currentTime).length;
  c.ib.reqCurrentTime();
  await c.waitFor(() => c.of(EventName.currentTime).length > n, 'round trip');
}

const infoCodes = (c: IbTestClient) => c.infos().map((i) => i.code);

describe('faults', () => {
  it('dropConnections destroys every client socket', async () => {
    t = await startTestSim();
    const a = await client();
    const b = await client();
    t.sim.faults.dropConnections();
    await waitFor(() => a.of(EventName.disconnected).length && b.of(EventName.disconnected).length, { message: 'both dropped' });
    await waitFor(() => t.sim.clientCount() === 0, { message: 'count 0' });
    await client();
    expect(t.sim.clientCount()).toBe(1);
  });

  it('refuseConnections stops listening (502 on connect) and restarts on the same port', async () => {
    t = await startTestSim();
    t.sim.faults.refuseConnections(true);
    const c = new IbTestClient(t.port, 5);
    open.push(c);
    await waitFor(async () => {
      c.ib.connect();
      await new Promise((r) => setTimeout(r, 50));
      return c.errors().some((e) => e.code === 502);
    }, { message: '502' });
    t.sim.faults.refuseConnections(false);
    const again = await waitFor(async () => IbTestClient.connect(t.port).catch(() => undefined), { message: 'listening again', timeout: 10_000 });
    open.push(again);
    expect(t.port).toBeGreaterThan(0);
  });

  it('silentHandshake accepts TCP but never answers the version offer', async () => {
    t = await startTestSim();
    t.sim.faults.silentHandshake(true);
    const raw = await RawIbClient.connect(t.port);
    open.push(raw);
    const reply = raw.handshake('v100..193').then(() => 'answered', () => 'timeout');
    expect(await reply).toBe('timeout');
    expect(raw.closed).toBe(false);
    t.sim.faults.silentHandshake(false);
    await client();
  });

  it('connectivityLost → 1100, farms broken, streams pause; restored with data kept → 1102 and streams resume in sync', async () => {
    t = await startTestSim();
    const c = await client();
    c.ib.reqMktData(1, new Stock('AAPL'), '', false, false);
    c.ib.reqMktDepth(2, new Stock('AAPL'), 3, true, []);
    await c.waitFor(() => c.of(EventName.updateMktDepthL2).length >= 6 && c.of(EventName.tickPrice).length >= 3, 'streams up');
    t.sim.faults.connectivityLost();
    await c.waitFor(() => [1100, 2103, 2105].every((x) => infoCodes(c).includes(x)), 'lost infos');
    const ticks = c.of(EventName.tickPrice).length;
    const depth = c.of(EventName.updateMktDepthL2).length;
    t.market.trade('AAPL', 180.01, 100);
    t.market.depth('AAPL', true, { position: 0, operation: 1, side: 1, price: 180, size: 4242, marketMaker: 'ARCA' });
    await settle(c);
    await new Promise((r) => setTimeout(r, 400)); // longer than the quote sampling period
    expect(c.of(EventName.tickPrice).length).toBe(ticks);
    expect(c.of(EventName.updateMktDepthL2).length).toBe(depth);
    t.sim.faults.connectivityRestored(true);
    await c.waitFor(() => infoCodes(c).includes(1102), '1102');
    await c.waitFor(() => c.of(EventName.updateMktDepthL2).some((a) => a[6] === 4242), 'depth resynced');
    await c.waitFor(() => c.of(EventName.tickPrice).some((a) => a[1] === 4 && a[2] === 180.01), 'last resumed');
  });

  it('connectivityRestored(false) → 1101 and every market-data subscription is dropped (depth slots freed)', async () => {
    t = await startTestSim();
    const c = await client();
    for (const [id, s] of [[1, 'AAPL'], [2, 'MSFT'], [3, 'SPY']] as const) c.ib.reqMktDepth(id, new Stock(s), 3, true, []);
    c.ib.reqMktData(4, new Stock('AAPL'), '', false, false);
    await c.waitFor(() => c.of(EventName.tickPrice).length > 0 && c.of(EventName.updateMktDepthL2).length >= 18, 'streams');
    t.sim.faults.connectivityLost();
    t.sim.faults.connectivityRestored(false);
    await c.waitFor(() => infoCodes(c).includes(1101), '1101');
    expect(t.market.listenerCount()).toBe(0);
    c.ib.reqMktDepth(5, new Stock('TSLA'), 3, true, []);
    await c.waitFor(() => c.of(EventName.updateMktDepthL2).some((a) => a[0] === 5), 'slot free again');
    expect(c.errors()).toEqual([]);
  });

  it('farm outages: 2103/2104, 2105/2106 (historical refused while down), 2157/2158', async () => {
    t = await startTestSim();
    const c = await client();
    t.sim.faults.farm('market', false);
    t.sim.faults.farm('hmds', false);
    t.sim.faults.farm('secdef', false);
    c.ib.reqHistoricalData(1, new Stock('AAPL'), '', '600 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 1, 1, false);
    await c.waitFor(() => c.errors().length, 'hist refused');
    expect(c.errors()[0]).toMatchObject({ reqId: 1, code: 162 });
    t.sim.faults.farm('market', true);
    t.sim.faults.farm('hmds', true);
    t.sim.faults.farm('secdef', true);
    await c.waitFor(() => c.infos().length >= 9, 'farm infos');
    expect(c.infos().slice(3).map((i) => i.code)).toEqual([2103, 2105, 2157, 2104, 2106, 2158]);
    expect(c.infos()[3].message).toBe('Market data farm connection is broken:usfarm');
  });

  it('depthReset → 317 then a fresh book; depthHalted → 316 and the slot is freed', async () => {
    t = await startTestSim({ depthLimit: 1 });
    const c = await client();
    c.ib.reqMktDepth(1, new Stock('AAPL'), 2, true, []);
    await c.waitFor(() => c.of(EventName.updateMktDepthL2).length === 4, 'book');
    t.sim.faults.depthReset('AAPL');
    await c.waitFor(() => c.errors().some((e) => e.code === 317) && c.of(EventName.updateMktDepthL2).length === 8, '317 + resend');
    expect(c.errors()[0]).toMatchObject({ reqId: 1, code: 317 });
    expect(c.of(EventName.updateMktDepthL2).slice(4).every((a) => a[3] === 0)).toBe(true); // inserts
    t.sim.faults.depthHalted('AAPL');
    await c.waitFor(() => c.errors().some((e) => e.code === 316), '316');
    c.ib.reqMktDepth(2, new Stock('AAPL'), 2, true, []);
    await c.waitFor(() => c.of(EventName.updateMktDepthL2).some((a) => a[0] === 2), 'slot free after 316');
  });

  it('slowReplies delays every reply', async () => {
    t = await startTestSim();
    const c = await client();
    t.sim.faults.slowReplies(300);
    const t0 = Date.now();
    await settle(c);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    t.sim.faults.slowReplies(0);
    const t1 = Date.now();
    await settle(c);
    expect(Date.now() - t1).toBeLessThan(250);
  });
});
