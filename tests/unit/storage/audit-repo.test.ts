import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src-main/storage/database';
import { createAuditRepo } from '../../../src-main/storage/audit-repo';
import { durableTransaction } from '../../../src-main/storage/durable-transaction';
import { migrate } from '../../../src-main/storage/migrate';
import { createTradingRepo } from '../../../src-main/storage/trading-repo';
import { initialTradingModel } from '../../../src-shared/domain/trading/state-machine';
import { makeTempDir } from '../../support/temp-dir';

describe('audit and trading repos', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Db;
  beforeEach(() => {
    tmp = makeTempDir();
    db = openDatabase(`${tmp.dir}/t.db`);
    migrate(db);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('writes with synchronous=FULL and goes back to NORMAL after', () => {
    expect(durableTransaction(db, () => db.pragma('synchronous', { simple: true }))).toBe(2);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('appends and filters by kind, intent, symbol, time and seq, newest first', () => {
    const audit = createAuditRepo(db);
    audit.append({ ts: 10, kind: 'intent', intentId: 'a', symbol: 'AAPL', message: 'BUY 100 AAPL LMT 100', data: { q: 100 } });
    audit.append({ ts: 11, kind: 'decision', intentId: 'a', symbol: 'AAPL', rule: 'notional', message: 'notional: too big' });
    audit.appendMany([
      { ts: 12, kind: 'transition', message: 'disarmed → armed' },
      { ts: 13, kind: 'decision', intentId: 'b', symbol: 'MSFT', message: 'accepted' },
    ]);
    expect(audit.list().map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(audit.list({ kinds: ['decision'] }).map((e) => e.intentId)).toEqual(['b', 'a']);
    expect(audit.list({ intentId: 'a' })).toHaveLength(2);
    expect(audit.list({ symbol: 'aapl', kinds: ['decision'] })[0]).toMatchObject({ rule: 'notional', message: 'notional: too big', data: null });
    expect(audit.list({ since: 12, until: 13 }).map((e) => e.kind)).toEqual(['transition']);
    expect(audit.list({ beforeSeq: 2 })[0].data).toEqual({ q: 100 });
    expect(audit.list({ limit: 1 })).toHaveLength(1);
  });

  it('persists the trading model, intents (idempotency survives a restart) and orders', () => {
    const repo = createTradingRepo(db);
    expect(repo.loadState()).toBeUndefined();
    const model = { ...initialTradingModel(5), state: 'halted' as const, haltKind: 'daily-loss' as const, haltedUntil: 99 };
    repo.saveState(model, 7, 5);
    expect(createTradingRepo(db).loadState()).toEqual({ model, clientId: 7 });
    const intent = { intentId: 'x1', symbol: 'AAPL', side: 'BUY' as const, quantity: 1, type: 'LMT' as const, limitPrice: 1, tif: 'DAY' as const };
    repo.recordIntent(intent, 10, { ok: false, rule: 'state', message: 'state: disarmed' });
    expect(repo.isAcceptedIntent('x1')).toBe(false);
    repo.recordIntent({ ...intent, intentId: 'x2' }, 11, { ok: true });
    expect(repo.isAcceptedIntent('x2')).toBe(true);
    expect(repo.acceptedSince(11)).toBe(1);
    const row = {
      orderId: 3, clientId: 7, permId: null, parentId: 0, orderRef: 'x2', role: 'entry' as const, symbol: 'AAPL', side: 'BUY' as const, quantity: 1, type: 'LMT',
      limitPrice: 1, stopPrice: null, tif: 'DAY', status: 'Submitted', filled: 0, remaining: 1, avgFillPrice: null, external: false, working: true, updatedAt: 11,
    };
    repo.upsertOrder(row);
    repo.upsertOrder({ ...row, permId: 99, status: 'Filled', filled: 1, remaining: 0, avgFillPrice: 1, updatedAt: 12 });
    repo.orderEvent({ ts: 12, clientId: 7, orderId: 3, permId: 99, status: 'Filled', filled: 1, remaining: 0, avgPrice: 1 });
    expect(repo.orders()).toEqual([{ ...row, permId: 99, status: 'Filled', filled: 1, remaining: 0, avgFillPrice: 1, working: false, updatedAt: 12 }]);
  });
});

describe('position ledger', () => {
  it('mismatches are broker positions the last reconciliation plus newer fills do not explain', async () => {
    const { positionMismatches, latestExecutions } = await import('../../../src-main/trading/reconcile');
    const exec = (execId: string, side: 'BUY' | 'SELL', shares: number, symbol = 'AAPL') => ({
      execId, side, shares, symbol, permId: 1, orderId: 1, orderRef: null, clientId: 1, account: 'DU1', conId: 1, secType: 'STK', price: 10, multiplier: 1, time: 0, exchange: null,
    });
    const pos = (symbol: string, position: number) => ({ account: 'DU1', symbol, conId: 1, position, avgCost: 10 });
    expect(positionMismatches(undefined, [], [pos('AAPL', 5)])).toEqual([]);
    const ledger = { positions: { AAPL: 100 }, execIds: ['e.01'] };
    expect(positionMismatches(ledger, [exec('e.01.01', 'BUY', 100), exec('e.02.01', 'SELL', 40)], [pos('AAPL', 60)])).toEqual([]);
    expect(positionMismatches(ledger, [exec('e.02.01', 'SELL', 40)], [pos('AAPL', 100), pos('MSFT', 3)])).toEqual([
      { symbol: 'AAPL', expected: 60, broker: 100 }, { symbol: 'MSFT', expected: 0, broker: 3 },
    ]);
    // a correction (higher revision) replaces its original instead of adding to it
    expect(latestExecutions([exec('x.01.01', 'BUY', 10), exec('x.01.02', 'BUY', 12)]).map((e) => e.shares)).toEqual([12]);
  });
});
