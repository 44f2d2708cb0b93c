import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { up as up001 } from '../../../../src-main/storage/migrations/001-initial';
import { up } from '../../../../src-main/storage/migrations/003-ledger';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 003-ledger', () => {
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

  const columns = (table: string) => (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
  const insert = (o: Record<string, unknown> = {}) =>
    db.prepare(
      `INSERT INTO executions (exec_id, exec_base, revision, account, symbol, sec_type, side, shares, price, time, source, received_at)
       VALUES (@id, 'b', 1, 'DU1', 'AAPL', 'STK', @side, @shares, @price, 0, @source, 0)`,
    ).run({ id: 'b.01', side: 'BUY', shares: 1, price: 1, source: 'live', ...o });

  it('adds executions, commissions and trip notes beside the M1 tables', () => {
    up(db);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['bar_cache', 'commissions', 'executions', 'recordings', 'scanner_hits', 'trip_notes']);
    expect(columns('executions')).toEqual([
      'exec_id', 'exec_base', 'revision', 'perm_id', 'order_id', 'order_ref', 'client_id', 'trade_id', 'account', 'con_id', 'symbol',
      'sec_type', 'side', 'shares', 'price', 'multiplier', 'time', 'exchange', 'source', 'superseded_by', 'received_at',
    ]);
    expect(columns('commissions')).toEqual(['exec_id', 'commission', 'currency', 'realized_pnl', 'source', 'received_at']);
    expect(columns('trip_notes')).toEqual(['trip_id', 'tags', 'notes', 'stop', 'updated_at']);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'executions' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(['executions_account_con', 'executions_base', 'executions_time']);
  });

  it('refuses an unknown side or source and non-positive shares or price', () => {
    up(db);
    expect(() => insert({ side: 'BOT' })).toThrow(/CHECK/);
    expect(() => insert({ source: 'guess' })).toThrow(/CHECK/);
    expect(() => insert({ shares: 0 })).toThrow(/CHECK/);
    expect(() => insert({ price: -1 })).toThrow(/CHECK/);
    expect(() => insert()).not.toThrow();
    expect(() => insert()).toThrow(/UNIQUE/);
  });

  it('lets a commission exist before its execution (IB may send it first)', () => {
    up(db);
    expect(() => db.prepare("INSERT INTO commissions VALUES ('x.01', 1, 'USD', NULL, 'live', 0)").run()).not.toThrow();
  });
});
