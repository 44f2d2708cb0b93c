import { OrderAction, OrderType, Stock, type Order } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { IbTestClient } from '../sim/support/ib-client';
import { waitFor } from '../../support/wait';
import { IbOut } from '../../../src-main/sim/protocol/ids';
import { TradingRig } from './trading-rig';

let rig: TradingRig;
let other: IbTestClient | undefined;
afterEach(async () => {
  other?.disconnect();
  other = undefined;
  await rig?.close();
});

describe('reconciliation', () => {
  it('after a kill -9 with working orders: reconciled, disarmed, nothing sent twice, the order still ours', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const intent = { intentId: 'crash-1', symbol: 'AAPL', side: 'BUY' as const, quantity: 10, type: 'LMT' as const, limitPrice: 190, tif: 'DAY' as const, bracket: { stopPrice: 189, targetPrice: 195 } };
    expect((await rig.app.trading.place(intent)).ok).toBe(true);
    await waitFor(() => rig.app.trading.book.working().filter((r) => r.permId !== null).length === 3, { message: 'three working, acknowledged by IB' });
    await rig.crash();
    rig.app = await rig.launch();
    const t = rig.app.trading;
    expect(t.status()).toMatchObject({ state: 'disarmed', reconciled: true });
    expect(t.listOrders().filter((r) => r.orderRef === 'crash-1' && r.working).map((r) => [r.role, r.external])).toEqual(
      expect.arrayContaining([['entry', false], ['target', false], ['stop', false]]),
    );
    await rig.armPaper();
    const again = await t.place(intent);
    expect(again.ok && again.value.duplicate).toBe(true);
    // The next order id is above everything the first run used.
    const fresh = await t.place({ ...intent, intentId: 'crash-2', bracket: undefined });
    expect(fresh.ok).toBe(true);
    await rig.barrier();
    expect(rig.tapsFor('crash-1')).toHaveLength(3);
    expect(rig.tapsFor('crash-2')).toHaveLength(1);
    const ids = rig.taps.map((x) => x.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rig.app.storage.audit.list({ kinds: ['reconciliation'] }).some((e) => /reconciled: 3 working/.test(e.message))).toBe(true);
  });

  it('a Gateway restart mid-bracket: reconnects, reconciles, disarms, sends nothing twice', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const intent = { intentId: 'gw-1', symbol: 'AAPL', side: 'BUY' as const, quantity: 10, type: 'LMT' as const, limitPrice: 193.82, tif: 'DAY' as const, bracket: { stopPrice: 192, targetPrice: 195 } };
    expect((await rig.app.trading.place(intent)).ok).toBe(true);
    await waitFor(() => rig.app.trading.listOrders().filter((r) => r.orderRef === 'gw-1' && r.working).length === 2, { message: 'entry filled, exits working' });
    rig.sim.sim.faults.dropConnections();
    await waitFor(() => rig.app.trading.status().state !== 'armed', { message: 'disarmed on disconnect' });
    await waitFor(() => rig.app.trading.status().reconciled, { message: 'reconciled after reconnect', timeout: 10_000 });
    expect(rig.app.trading.status().state).toBe('disarmed');
    expect(rig.app.trading.listOrders().filter((r) => r.orderRef === 'gw-1').map((r) => [r.role, r.status, r.external]).sort()).toEqual(
      [['entry', 'Filled', false], ['stop', 'PreSubmitted', false], ['target', 'Submitted', false]],
    );
    expect(rig.app.trading.listPositions().find((p) => p.symbol === 'AAPL')?.position).toBe(10);
    await rig.barrier();
    expect(rig.tapsFor('gw-1')).toHaveLength(3);
    expect(rig.app.storage.audit.list({ kinds: ['transition'] }).map((e) => e.message).some((m) => /armed → disarmed: disconnected/.test(m))).toBe(true);
  });

  it('risk limits change only while disarmed, are audited and survive a restart', async () => {
    rig = await new TradingRig().start();
    expect(rig.app.trading.setLimits({ maxShares: 5 })).toMatchObject({ ok: true, value: { maxShares: 5, maxNotional: 25_000 } });
    expect(rig.app.trading.setLimits({ maxShares: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await rig.armPaper();
    expect(rig.app.trading.setLimits({ maxShares: 5000 })).toMatchObject({ ok: false, error: { code: 'RISK_REJECTED', message: expect.stringMatching(/only while disarmed/) } });
    const r = await rig.app.trading.place({ intentId: 'big', symbol: 'AAPL', side: 'BUY', quantity: 6, type: 'LMT', limitPrice: 193, tif: 'DAY' });
    expect(!r.ok && r.error.message).toMatch(/^quantity: .*max shares 5/);
    await rig.crash();
    rig.app = await rig.launch();
    expect(rig.app.trading.limits().maxShares).toBe(5);
    expect(rig.app.storage.audit.list({ kinds: ['action'] }).some((e) => e.rule === 'limits')).toBe(true);
  });

  it('a broker position the fills do not explain halts that symbol until acknowledged', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    expect((await rig.app.trading.place({ intentId: 'e1', symbol: 'AAPL', side: 'BUY', quantity: 10, type: 'MKT', tif: 'DAY' })).ok).toBe(true);
    await waitFor(() => rig.app.trading.listPositions().some((p) => p.symbol === 'AAPL' && p.position === 10), { message: 'long 10' });
    await rig.crash();
    rig.app = await rig.launch(); // same books: the fill explains the position
    expect(rig.app.trading.status().haltedSymbols).toEqual([]);
    await rig.replaceSim({ initialPositions: [{ symbol: 'AAPL', quantity: 10, avgCost: 190 }, { symbol: 'MSFT', quantity: 50, avgCost: 400 }] });
    expect(rig.app.trading.status().haltedSymbols).toEqual(['MSFT']);
    expect(rig.app.storage.audit.list({ kinds: ['reconciliation'], symbol: 'MSFT' })[0]).toMatchObject({ rule: 'position-mismatch', message: expect.stringMatching(/broker position 50, expected 0/) });
    await rig.armPaper();
    const r = await rig.app.trading.place({ intentId: 'm1', symbol: 'MSFT', side: 'SELL', quantity: 10, type: 'LMT', limitPrice: 418, tif: 'DAY' });
    expect(!r.ok && r.error.message).toMatch(/^state: MSFT is halted/);
    await rig.crash();
    rig.app = await rig.launch(); // the halt survives a restart
    expect(rig.app.trading.status().haltedSymbols).toEqual(['MSFT']);
    expect(rig.app.trading.acknowledge().ok).toBe(true);
    expect(rig.app.trading.status().haltedSymbols).toEqual([]);
  });

  it('an order placed by another client is shown read-only and counted in exposure', async () => {
    rig = await new TradingRig().start();
    other = await IbTestClient.connect(rig.sim.port, 42);
    other.ib.placeOrder(other.nextValidId, new Stock('MSFT'), { action: OrderAction.BUY, totalQuantity: 5, orderType: OrderType.LMT, lmtPrice: 400, tif: 'DAY', transmit: true, orderRef: 'tws' } as Order);
    await other.waitFor(() => other!.of('orderStatus').length > 0, 'working');
    await rig.crash();
    rig.app = await rig.launch();
    const ext = rig.app.trading.listOrders().find((r) => r.clientId === 42);
    expect(ext).toMatchObject({ symbol: 'MSFT', external: true, orderRef: 'tws', role: 'external', working: true });
    expect(rig.app.trading.cancel(ext!.orderId)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/read-only/) } });
    rig.limits = { ...rig.limits, maxOpenOrders: 1 };
    await rig.armPaper();
    const r = await rig.app.trading.place({ intentId: 'x', symbol: 'AAPL', side: 'BUY', quantity: 1, type: 'LMT', limitPrice: 193, tif: 'DAY' });
    expect(!r.ok && r.error.message).toMatch(/^open-orders/);
  });
});

describe('a reconciliation IB leaves unanswered', () => {
  it('fails, says it retries, and retries until reconciled; arming is refused meanwhile', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await waitFor(() => rig.app.trading.status().reconciled, { message: 'first reconciliation' });
    // After the reconnect, IB never answers the completed-orders request (as when it drops one under load).
    rig.sim.sim.faults.leaveUnanswered(IbOut.REQ_COMPLETED_ORDERS, 1);
    rig.sim.sim.faults.dropConnections();
    await waitFor(() => /completed orders: .*; retrying in 2 s/.test(rig.app.trading.status().reason), { message: 'a failure that says it retries', timeout: 15_000 });
    expect(rig.app.trading.status()).toMatchObject({ state: 'disarmed', reconciled: false });
    const refused = rig.app.trading.arm('paper');
    expect(!refused.ok && refused.error.message).toMatch(/not reconciled/);
    await waitFor(() => rig.app.trading.status().reconciled, { message: 'reconciled by the retry', timeout: 15_000 });
    expect(rig.app.trading.status()).toMatchObject({ state: 'disarmed', reason: 'reconciled; arm to trade' });
    const failures = rig.app.storage.audit.list({ kinds: ['reconciliation'] }).filter((e) => e.message.startsWith('failed: completed orders'));
    expect(failures).toHaveLength(1);
    expect(rig.app.trading.arm('paper').ok).toBe(true);
  }, 40_000);
  it('a reconciliation still waiting for IB when the app closes writes nothing after the close', async () => {
    rig = await new TradingRig().start();
    await waitFor(() => rig.app.trading.status().reconciled, { message: 'first reconciliation' });
    rig.sim.sim.faults.leaveUnanswered(IbOut.REQ_COMPLETED_ORDERS, 1);
    rig.sim.sim.faults.dropConnections();
    await waitFor(() => rig.app.broker.status().state === 'connected' && !rig.app.trading.status().reconciled, { message: 'reconnected, reconciling', timeout: 15_000 });
    const settled = rig.app.trading.settled();
    // As the app shuts down: the service goes, then storage, while the request still waits for its answer.
    rig.app.trading.dispose();
    rig.app.storage.close();
    await expect(settled).resolves.toBeUndefined();
  }, 30_000);
});
