import { afterEach, describe, expect, it } from 'vitest';
import type { OrderIntent } from '../../../src-shared/domain/risk/intent';
import { waitFor } from '../../support/wait';
import { TradingRig } from './trading-rig';

let rig: TradingRig;
afterEach(async () => {
  await rig?.close();
});

const intent = (o: Partial<OrderIntent>): OrderIntent => ({ intentId: `t-${Math.random().toString(36).slice(2)}`, symbol: 'AAPL', side: 'BUY', quantity: 100, type: 'LMT', tif: 'DAY', ...o });
const position = (symbol: string) => rig.app.trading.listPositions().find((p) => p.symbol === symbol)?.position ?? 0;
const rows = (intentId: string) => rig.app.trading.listOrders().filter((r) => r.orderRef === intentId);

describe('trading service against the simulator', () => {
  it('refuses while disarmed with RISK_REJECTED naming the rule, sends nothing, audits the decision', async () => {
    rig = await new TradingRig().start();
    expect(rig.app.trading.status()).toMatchObject({ state: 'disarmed', mode: 'paper', account: 'DU1234567', reconciled: true });
    const i = intent({ limitPrice: 193.5 });
    const r = await rig.app.trading.place(i);
    expect(r).toEqual({ ok: false, error: { code: 'RISK_REJECTED', message: expect.stringMatching(/^state: trading is disarmed/) } });
    await rig.barrier();
    expect(rig.tapsFor(i.intentId)).toEqual([]);
    expect(rig.app.storage.audit.list({ intentId: i.intentId })).toEqual([expect.objectContaining({ kind: 'decision', rule: 'state' })]);
  });

  it('a bracket goes out as parent + target + stop (transmit on the last), fills, and its OCA cancels the sibling', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const i = intent({ limitPrice: 193.82, bracket: { stopPrice: 192, targetPrice: 195 } });
    const placed = await rig.app.trading.place(i);
    expect(placed.ok).toBe(true);
    await waitFor(() => rig.tapsFor(i.intentId).length === 3, { message: 'three placeOrders' });
    expect(rig.tapsFor(i.intentId).map((t) => [t.orderType, t.action, t.transmit])).toEqual([['LMT', 'BUY', false], ['LMT', 'SELL', false], ['STP', 'SELL', true]]);
    await waitFor(() => rows(i.intentId).find((r) => r.role === 'entry')?.status === 'Filled' && position('AAPL') === 100, { message: 'entry filled' });
    rig.sim.market.setQuote('AAPL', 195.05, 195.1, 500, 500);
    await waitFor(() => rows(i.intentId).find((r) => r.role === 'target')?.status === 'Filled', { message: 'target filled' });
    await waitFor(() => rows(i.intentId).find((r) => r.role === 'stop')?.status === 'Cancelled', { message: 'stop cancelled by OCA' });
    await waitFor(() => position('AAPL') === 0, { message: 'flat' });
    expect(rig.app.executions.filter((e) => e.orderRef === i.intentId).map((e) => [e.side, e.shares])).toEqual([['BUY', 100], ['SELL', 100]]);
    const kinds = new Set(rig.app.storage.audit.list({ intentId: i.intentId }).map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['decision', 'fill', 'order']);
  });

  it('a bracket sent right after a burst of other messages leaves in the same turn (no library limiter wait)', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const inst = await rig.app.broker.resolve('AAPL');
    if (!inst.ok) throw new Error(inst.error.message);
    expect((await rig.app.trading.prepare('AAPL')).ok).toBe(true);
    await waitFor(() => rig.app.broker.orders.quote('AAPL')?.bid !== undefined, { message: 'a quote' });
    // Quiet first: nothing written for 150 ms, so every limiter's window is empty.
    await waitFor(() => performance.now() - (rig.wire.at(-1)?.at ?? 0) > 150, { message: 'a quiet socket' });
    const before = rig.wire.length;
    for (let k = 0; k < 4; k++) rig.app.broker.orders.cancelOrder(900_000 + k); // unknown ids: IB answers 135, harmless
    const r = rig.app.trading.decide(intent({ limitPrice: 193, bracket: { stopPrice: 192, targetPrice: 195 } }), inst.value);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
    // Synchronously on the wire: the 4 cancels (msg 4) and the bracket's 3 placeOrders (msg 3), none deferred.
    expect(rig.wire.slice(before).map((w) => w.msgId)).toEqual([4, 4, 4, 4, 3, 3, 3]);
  });

  it('a filled entry whose stop is gone is flagged, and one call re-attaches it', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const i = intent({ limitPrice: 193.82, quantity: 20, bracket: { stopPrice: 192, targetPrice: 196 } });
    expect((await rig.app.trading.place(i)).ok).toBe(true);
    await waitFor(() => rows(i.intentId).find((r) => r.role === 'stop')?.status === 'PreSubmitted' && position('AAPL') === 20, { message: 'entry filled, stop waiting' });
    expect(rig.app.trading.status().unprotected).toEqual([]);
    const stop = rows(i.intentId).find((r) => r.role === 'stop')!;
    expect(rig.app.trading.cancel(stop.orderId).ok).toBe(true);
    await waitFor(() => rig.app.trading.status().unprotected.length === 1, { message: 'flagged' });
    expect(rig.app.trading.status().unprotected).toEqual([{ intentId: i.intentId, symbol: 'AAPL', side: 'SELL', quantity: 20, stopPrice: 192 }]);
    const r = await rig.app.trading.reattachStop(i.intentId);
    expect(r.ok).toBe(true);
    expect(rig.app.trading.status().unprotected).toEqual([]);
    await rig.barrier();
    expect(rig.tapsFor(`${i.intentId}~stop1`).map((t) => [t.orderType, t.action, t.quantity])).toEqual([['STP', 'SELL', 20]]);
    expect((await rig.app.trading.reattachStop(i.intentId)).ok).toBe(false);
  });

  it('a known intent id returns the existing order and sends nothing twice', async () => {
    rig = await new TradingRig().start();
    await rig.armPaper();
    const i = intent({ limitPrice: 190 });
    const first = await rig.app.trading.place(i);
    const again = await rig.app.trading.place(i);
    expect(first.ok && again.ok && again.value).toEqual({ intentId: i.intentId, orderIds: first.ok ? first.value.orderIds : [], duplicate: true });
    await rig.barrier();
    expect(rig.tapsFor(i.intentId)).toHaveLength(1);
  });

  it('market orders go out as collared marketable limits', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const i = intent({ type: 'MKT', quantity: 10 });
    expect((await rig.app.trading.place(i)).ok).toBe(true);
    await waitFor(() => rows(i.intentId)[0]?.status === 'Filled', { message: 'filled' });
    expect(rig.tapsFor(i.intentId)[0].orderType).toBe('LMT');
    expect(rows(i.intentId)[0].limitPrice).toBe(194.79); // 193.82 × 1.005 rounded up to the cent
  });

  it('flatten-all from armed, disarmed and halted leaves no working order and a flat position', async () => {
    rig = await new TradingRig().start({ initialPositions: [{ symbol: 'MSFT', quantity: 50, avgCost: 400 }] });
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    for (const from of ['armed', 'disarmed', 'halted'] as const) {
      if (from !== 'halted') {
        if (rig.app.trading.status().state === 'halted') expect(rig.app.trading.disarm().ok).toBe(true);
        await rig.armPaper();
        expect((await rig.app.trading.place(intent({ type: 'MKT', quantity: 20 }))).ok).toBe(true);
        expect((await rig.app.trading.place(intent({ limitPrice: 190, quantity: 10 }))).ok).toBe(true);
        await waitFor(() => position('AAPL') === 20 && rig.app.trading.book.working().length === 1, { message: 'position and a working order' });
        if (from === 'disarmed') rig.app.trading.disarm();
      }
      expect(rig.app.trading.status().state).toBe(from);
      const r = await rig.app.trading.flattenAll();
      expect(r.ok).toBe(true);
      await waitFor(() => position('AAPL') === 0 && position('MSFT') === 0 && rig.app.trading.book.working().length === 0, { message: `flat after flatten from ${from}`, timeout: 8000 });
      expect(rig.app.trading.status()).toMatchObject({ state: 'halted', haltKind: 'flatten' });
    }
  });

  it('partial fills and their commissions add up to the position and IB P&L', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 30);
    await rig.armPaper();
    const i = intent({ limitPrice: 193.9, quantity: 100 });
    expect((await rig.app.trading.place(i)).ok).toBe(true);
    await waitFor(() => rows(i.intentId)[0]?.filled === 30, { message: 'partial fill' });
    expect(rows(i.intentId)[0]).toMatchObject({ status: 'Submitted', remaining: 70, working: true });
    rig.sim.market.setQuote('AAPL', 193.8, 193.84, 500, 500);
    await waitFor(() => rows(i.intentId)[0]?.status === 'Filled' && position('AAPL') === 100, { message: 'filled' });
    const fills = rig.app.executions.filter((e) => e.orderRef === i.intentId);
    expect(fills.map((e) => e.shares)).toEqual([30, 70]);
    expect(fills.reduce((n, e) => n + e.shares, 0)).toBe(position('AAPL'));
    await waitFor(() => fills.every((f) => rig.app.commissions.some((c) => c.execId === f.execId)), { message: 'commissions joined by execId' });
    const commission = rig.app.commissions.filter((c) => fills.some((f) => f.execId === c.execId)).reduce((n, c) => n + c.commission, 0);
    expect(commission).toBeCloseTo(2, 6); // IB's $1 minimum per fill
    const cost = fills.reduce((n, e) => n + e.shares * e.price, 0);
    rig.sim.market.trade('AAPL', 193.5, 1);
    // IB's unrealized P&L carries the opening commissions in the average cost; the simulator's daily P&L marks
    // against the fill prices.
    const unrealized = 100 * 193.5 - cost - commission;
    await waitFor(() => Math.abs((rig.app.trading.status().unrealizedPnl ?? NaN) - unrealized) < 0.01, { message: `unrealized P&L ${unrealized}` });
    expect(rig.app.trading.status().dailyPnl).toBeCloseTo(unrealized + commission, 2);
    expect(rig.app.trading.listPositions().find((p) => p.symbol === 'AAPL')?.avgCost).toBeCloseTo((cost + commission) / 100, 6);
  });

  it('the daily loss lock trips, halts and refuses new risk', async () => {
    rig = await new TradingRig().start();
    rig.limits = { ...rig.limits, maxDailyLoss: 50 };
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    expect((await rig.app.trading.place(intent({ type: 'MKT', quantity: 100 }))).ok).toBe(true);
    await waitFor(() => position('AAPL') === 100, { message: 'long' });
    rig.sim.market.setQuote('AAPL', 192.9, 192.92, 500, 500);
    rig.sim.market.trade('AAPL', 192.9, 100);
    await waitFor(() => rig.app.trading.status().state === 'halted', { message: 'halted by the daily loss lock' });
    expect(rig.app.trading.status()).toMatchObject({ haltKind: 'daily-loss' });
    expect(rig.app.trading.status().haltedUntil).toBeGreaterThan(rig.sim.market.now());
    const r = await rig.app.trading.place(intent({ limitPrice: 192, quantity: 1 }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/^state: trading is halted/);
    expect(rig.app.trading.disarm().ok).toBe(false);
    expect(rig.app.storage.audit.list({ kinds: ['transition'] })[0].message).toMatch(/halted: daily loss lock/);
  });
});
