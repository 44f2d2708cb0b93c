import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderSpec } from '../../../src-main/broker/order-port';
import { openDatabase, type Db } from '../../../src-main/storage/database';
import { INTENT_JOURNAL_FILE, readJournal } from '../../../src-main/storage/intent-journal';
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
  it('the accepted intent is in the journal on disk before its placeOrder is handed to the socket, and in SQLite right after', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    reader = openDatabase(rig.app.storage.file);
    const decisionAt = reader.prepare('SELECT decision FROM intents WHERE intent_id = ?').pluck();
    const journal = join(dirname(rig.app.storage.file), INTENT_JOURNAL_FILE);
    const seen: Array<[string, boolean, unknown]> = [];
    const orders = rig.app.broker.orders;
    const send = orders.placeOrder.bind(orders);
    orders.placeOrder = (spec: OrderSpec) => {
      // What another process reading the file sees at the moment of the send.
      seen.push([spec.orderRef, readJournal(journal).some((l) => l.intent.intentId === spec.orderRef), decisionAt.get(spec.orderRef)]);
      send(spec);
    };
    // Refused first (disarmed), accepted later under the same id: the journal has it before the send.
    rig.app.trading.disarm();
    expect((await rig.app.trading.place(lmt('w1'))).ok).toBe(false);
    expect(decisionAt.get('w1')).toBe('rejected');
    await rig.armPaper();
    expect((await rig.app.trading.place(lmt('w1'))).ok).toBe(true);
    expect((await rig.app.trading.place({ ...lmt('w2'), bracket: { stopPrice: 192, targetPrice: 195 } })).ok).toBe(true);
    expect(seen.map(([ref, inJournal]) => [ref, inJournal])).toEqual([['w1', true], ['w2', true], ['w2', true], ['w2', true]]);
    // Right after the send, in the same turn: the intents row, the decision's audit entry and the order rows.
    expect(decisionAt.get('w1')).toBe('accepted');
    expect(decisionAt.get('w2')).toBe('accepted');
    expect(rig.app.storage.audit.list({ intentId: 'w2' }).map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^accepted BUY 1 AAPL LMT 193 bracket/), expect.stringMatching(/^sent stop #/)]),
    );
    expect(reader.prepare("SELECT COUNT(*) FROM orders WHERE intent_id = 'w2'").pluck().get()).toBe(3);
  });

  it('when the intent cannot be recorded nothing is sent, and the same intent goes out once when retried', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    const journal = rig.app.storage.journal;
    const append = journal.append.bind(journal);
    let failures = 1;
    journal.append = (...args) => {
      if (failures-- > 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      append(...args);
    };
    const r = await rig.app.trading.place(lmt('full-1'));
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/not sent.*ENOSPC/) } });
    expect(rig.app.trading.listOrders().filter((o) => o.orderRef === 'full-1')).toEqual([]);
    const again = await rig.app.trading.place(lmt('full-1'));
    expect(again.ok && again.value.duplicate).toBe(false);
    await rig.barrier();
    expect(rig.tapsFor('full-1')).toHaveLength(1);
  });

  it('an app that dies between the send and its SQLite record: the next start recovers the intent from the journal, and it stays ours', async () => {
    rig = await new TradingRig().start();
    rig.sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
    await rig.armPaper();
    // The durable write after the send fails (as if the app died right there): only the journal has the intent.
    const repo = rig.app.storage.trading;
    const record = repo.recordIntent.bind(repo);
    repo.recordIntent = (...args) => {
      if (args[0].intentId === 'lost-1') throw new Error('killed before the record');
      record(...args);
    };
    const r = await rig.app.trading.place({ ...lmt('lost-1'), limitPrice: 190 });
    expect(r.ok).toBe(true);
    await rig.barrier();
    expect(repo.isAcceptedIntent('lost-1')).toBe(false);
    await rig.crash();

    rig.app = await rig.launch();
    expect(rig.app.storage.recoveredIntents.map((l) => l.intent.intentId)).toEqual(['lost-1']);
    expect(rig.app.storage.trading.isAcceptedIntent('lost-1')).toBe(true);
    expect(rig.app.storage.audit.list({ intentId: 'lost-1', kinds: ['reconciliation'] }).map((e) => e.message)).toEqual([expect.stringMatching(/recovered from the journal/)]);
    // IB's working order is matched to it: ours, not external, and a retry of the intent is a duplicate, not a second order.
    expect(rig.app.trading.listOrders().filter((o) => o.orderRef === 'lost-1').map((o) => [o.external, o.working])).toEqual([[false, true]]);
    await rig.armPaper();
    const again = await rig.app.trading.place({ ...lmt('lost-1'), limitPrice: 190 });
    expect(again.ok && again.value.duplicate).toBe(true);
    await rig.barrier();
    expect(rig.tapsFor('lost-1')).toHaveLength(1);
    // The journal was emptied once its lines were in SQLite.
    expect(readJournal(join(dirname(rig.app.storage.file), INTENT_JOURNAL_FILE))).toEqual([]);
  });
});
