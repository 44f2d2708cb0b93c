import type { Db } from '../database';
import type { Migration } from './migration';

/**
 * The trade ledger: executions as IB reported them, commissions joined by execId, and the journal's
 * notes per round trip. Corrections are kept (never overwritten): `superseded_by` names the execId that
 * replaced a row, so the effective ledger is `superseded_by IS NULL` and the history stays auditable.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE executions (
      exec_id       TEXT PRIMARY KEY,
      exec_base     TEXT NOT NULL,             -- execId without its last (correction) segment
      revision      INTEGER NOT NULL,          -- the correction number (hex segment parsed)
      perm_id       INTEGER,
      order_id      INTEGER,
      order_ref     TEXT,
      client_id     INTEGER,
      trade_id      TEXT,                      -- Flex tradeID when imported
      account       TEXT NOT NULL,
      con_id        INTEGER,
      symbol        TEXT NOT NULL,
      sec_type      TEXT NOT NULL,
      side          TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      shares        REAL NOT NULL CHECK (shares > 0),
      price         REAL NOT NULL CHECK (price > 0),
      multiplier    REAL NOT NULL DEFAULT 1 CHECK (multiplier > 0),
      time          INTEGER NOT NULL,          -- UTC epoch ms
      exchange      TEXT,
      source        TEXT NOT NULL CHECK (source IN ('live', 'reconciliation', 'import')),
      superseded_by TEXT,
      received_at   INTEGER NOT NULL           -- epoch ms the ledger first saw it
    );
    CREATE INDEX executions_time ON executions (time) WHERE superseded_by IS NULL;
    CREATE INDEX executions_base ON executions (exec_base, revision);
    CREATE INDEX executions_account_con ON executions (account, con_id, time);

    -- No foreign key: IB may send a commission report before (or without) the execution it belongs to.
    CREATE TABLE commissions (
      exec_id      TEXT PRIMARY KEY,
      commission   REAL NOT NULL,              -- a charge is positive
      currency     TEXT NOT NULL,
      realized_pnl REAL,                       -- IB's realized P&L for the fill
      source       TEXT NOT NULL CHECK (source IN ('live', 'reconciliation', 'import')),
      received_at  INTEGER NOT NULL
    );

    CREATE TABLE trip_notes (
      trip_id    TEXT PRIMARY KEY,             -- account|contract|execId base of the trip's first fill
      tags       TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
      notes      TEXT NOT NULL DEFAULT '',
      stop       REAL,
      updated_at INTEGER NOT NULL
    );
  `);
}

export const migration003: Migration = { version: 3, name: 'ledger', up };
