import { afterEach, describe, expect, it } from 'vitest';
import type { OrderSpec } from '../../../src-main/broker/order-port';
import { openDatabase, type Db } from '../../../src-main/storage/database';
import { TradingRig } from './trading-rig';

let rig: TradingRig;
let reader: Db | undefined;
afterEach(async () => {
  reader?.close();
  reader = undefined;
  await rig?.close();
});

const lmt = (intentId: string) => ({ intentId, symbol: 'AAPL', side: 'BUY' as const, quantity: 1, type: 'LMT' as const, limitPrice: 193, tif: 'DAY' as const });

describe('write order around the wire', () => {
  it('the accepted intent is committed (visible to another connection) before its placeOrder is handed to the socket', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    reader = openDatabase(rig.app.storage.file);
    const decisionAt = reader.prepare('SELECT decision FROM intents WHERE intent_id = ?').pluck();
    const seen: Array<[string, unknown]> = [];
    const orders = rig.app.broker.orders;
    const send = orders.placeOrder.bind(orders);
    orders.placeOrder = (spec: OrderSpec) => {
      seen.push([spec.orderRef, decisionAt.get(spec.orderRef)]);
      send(spec);
    };
    // Refused first (disarmed), accepted later under the same id: the row must say accepted before the send.
    rig.app.trading.disarm();
    expect((await rig.app.trading.place(lmt('w1'))).ok).toBe(false);
    expect(decisionAt.get('w1')).toBe('rejected');
    await rig.armPaper();
    expect((await rig.app.trading.place(lmt('w1'))).ok).toBe(true);
    expect((await rig.app.trading.place({ ...lmt('w2'), bracket: { stopPrice: 192, targetPrice: 195 } })).ok).toBe(true);
    expect(seen).toEqual([['w1', 'accepted'], ['w2', 'accepted'], ['w2', 'accepted'], ['w2', 'accepted']]);
    // And right after: the decision's audit entry and the order rows, durably.
    expect(rig.app.storage.audit.list({ intentId: 'w2' }).map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^accepted BUY 1 AAPL LMT 193 bracket/), expect.stringMatching(/^sent stop #/)]),
    );
    expect(reader.prepare("SELECT COUNT(*) FROM orders WHERE intent_id = 'w2'").pluck().get()).toBe(3);
  });

  it('when the intent cannot be recorded nothing is sent, and the same intent goes out once when retried', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const repo = rig.app.storage.trading;
    const record = repo.recordIntent.bind(repo);
    let failures = 1;
    repo.recordIntent = (...args) => {
      if (args[2].ok && failures-- > 0) throw new Error('SQLITE_FULL: database or disk is full');
      record(...args);
    };
    const r = await rig.app.trading.place(lmt('full-1'));
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/not sent/) } });
    expect(rig.app.trading.listOrders().filter((o) => o.orderRef === 'full-1')).toEqual([]);
    const again = await rig.app.trading.place(lmt('full-1'));
    expect(again.ok && again.value.duplicate).toBe(false);
    await rig.barrier();
    expect(rig.tapsFor('full-1')).toHaveLength(1);
  });
});
