import { afterEach, describe, expect, it } from 'vitest';
import { IbTestClient } from '../sim/support/ib-client';
import { waitFor } from '../../support/wait';
import { TradingRig } from './trading-rig';

let rig: TradingRig;
let other: IbTestClient | undefined;
afterEach(async () => {
  other?.disconnect();
  other = undefined;
  await rig?.close();
});

const lmt = (intentId: string, quantity: number, limitPrice: number) => ({ intentId, symbol: 'AAPL', side: 'BUY' as const, quantity, type: 'LMT' as const, limitPrice, tif: 'DAY' as const });

describe('reconciliation with IB completed orders (reqCompletedOrders)', () => {
  it('orders that filled or were cancelled while the app was down get their final state, are audited, and are never re-sent', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    expect((await rig.app.trading.place(lmt('away-fill', 10, 193))).ok).toBe(true);
    expect((await rig.app.trading.place(lmt('away-cancel', 5, 192.5))).ok).toBe(true);
    await waitFor(() => rig.app.trading.book.working().filter((r) => r.permId !== null).length === 2, { message: 'both working, acknowledged by IB' });
    const permIds = Object.fromEntries(rig.app.trading.book.working().map((r) => [r.orderRef, r.permId]));
    await rig.crash();

    // While the app is down: the market comes down to the first limit, and the second order is cancelled at IB
    // (another client's global cancel, as from TWS).
    rig.sim.market.setQuote('AAPL', 192.9, 193.0, 500, 500);
    await waitFor(() => rig.sim.sim.executions().some((f) => f.exec.orderRef === 'away-fill'), { message: 'filled at the simulator' });
    other = await IbTestClient.connect(rig.sim.port, 42);
    other.ib.reqGlobalCancel();
    // Another client sees no orderStatus for orders it did not place: ask for completed orders until it is there.
    await waitFor(() => {
      other!.ib.reqCompletedOrders(true);
      return other!.of('completedOrder').some((a) => (a[1] as { orderRef?: string }).orderRef === 'away-cancel');
    }, { message: 'cancelled at the simulator', interval: 100 });
    const tapsBefore = rig.taps.length;

    rig.app = await rig.launch();
    const t = rig.app.trading;
    expect(t.status()).toMatchObject({ state: 'disarmed', reconciled: true });
    const rows = t.listOrders();
    expect(rows.find((r) => r.orderRef === 'away-fill')).toMatchObject({ status: 'Filled', filled: 10, remaining: 0, working: false, external: false });
    expect(rows.find((r) => r.orderRef === 'away-cancel')).toMatchObject({ status: 'Cancelled', filled: 0, working: false, external: false });
    const findings = rig.app.storage.audit.list({ kinds: ['reconciliation'] }).filter((e) => /completed while away/.test(e.message));
    expect(findings.map((e) => [e.intentId, (e.data as { permId: number }).permId]).sort()).toEqual(
      [['away-cancel', permIds['away-cancel']], ['away-fill', permIds['away-fill']]],
    );
    expect(findings.find((e) => e.intentId === 'away-cancel')?.message).toMatch(/Cancelled with 0 filled \(IB completed orders: Cancelled/);
    // The final state survives another restart (it was written, not only held in memory).
    await rig.crash();
    rig.app = await rig.launch();
    expect(rig.app.trading.listOrders().filter((r) => r.orderRef?.startsWith('away-')).map((r) => [r.orderRef, r.status]).sort()).toEqual(
      [['away-cancel', 'Cancelled'], ['away-fill', 'Filled']],
    );
    // Retrying either intent is a duplicate: nothing more reaches the wire.
    await rig.armPaper();
    for (const i of [lmt('away-fill', 10, 193), lmt('away-cancel', 5, 192.5)]) {
      const again = await rig.app.trading.place(i);
      expect(again.ok && again.value.duplicate).toBe(true);
    }
    await rig.barrier();
    expect(rig.taps.length).toBe(tapsBefore);
    expect(rig.tapsFor('away-fill')).toHaveLength(1);
    expect(rig.tapsFor('away-cancel')).toHaveLength(1);
  });
});
