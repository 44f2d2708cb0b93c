import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { up as up001 } from '../../../../src-main/storage/migrations/001-initial';
import { up } from '../../../../src-main/storage/migrations/002-trading';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 002-trading', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    tmp = makeTempDir();
    db = new Database(`${tmp.dir}/t.db`);
    up001(db);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  const names = (type: string) => db.prepare(`SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY name`).pluck().all(type);

  it('adds trading state, intents, orders, order events and the audit log beside the M1 tables', () => {
    up(db);
    expect(names('table')).toEqual(['audit_log', 'bar_cache', 'intents', 'order_events', 'orders', 'recordings', 'scanner_hits', 'sqlite_sequence', 'trading_state']);
    expect(names('trigger')).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
    const cols = (t: string) => (db.pragma(`table_info(${t})`) as Array<{ name: string }>).map((c) => c.name);
    expect(cols('audit_log')).toEqual(['seq', 'ts', 'kind', 'intent_id', 'symbol', 'rule', 'message', 'data']);
    expect(cols('trading_state')).toEqual(['id', 'model', 'client_id', 'limits', 'ledger', 'updated_at']);
    expect(cols('orders').slice(0, 5)).toEqual(['client_id', 'order_id', 'perm_id', 'intent_id', 'role']);
  });

  it('the audit log is append-only', () => {
    up(db);
    db.prepare("INSERT INTO audit_log (ts, kind, message) VALUES (1, 'action', 'armed')").run();
    expect(() => db.prepare("UPDATE audit_log SET message = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO audit_log (ts, kind, message) VALUES (1, 'gossip', 'x')").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(1);
  });

  it('one trading state row; intents keyed by intent id; orders keyed by client and order id', () => {
    up(db);
    db.prepare("INSERT INTO trading_state (id, model, updated_at) VALUES (1, '{}', 1)").run();
    expect(() => db.prepare("INSERT INTO trading_state (id, model, updated_at) VALUES (2, '{}', 1)").run()).toThrow(/CHECK/);
    const intent = db.prepare("INSERT INTO intents (intent_id, ts, symbol, side, quantity, type, payload, decision) VALUES ('a', 1, 'AAPL', 'BUY', 1, 'LMT', '{}', ?)");
    intent.run('accepted');
    expect(() => intent.run('accepted')).toThrow(/UNIQUE/);
    const order = db.prepare("INSERT INTO orders (client_id, order_id, role, symbol, side, quantity, type, tif, status, created_at, updated_at) VALUES (1, 5, 'entry', 'AAPL', 'BUY', 1, 'LMT', 'DAY', 'Submitted', 1, 1)");
    order.run();
    expect(() => order.run()).toThrow(/UNIQUE/);
  });
});
