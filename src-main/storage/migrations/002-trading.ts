import type { Db } from '../database';
import type { Migration } from './migration';

/**
 * Order entry: the persisted trading state, intents with their risk decision, the IB orders they became,
 * every order event, and the append-only audit log (UPDATE and DELETE are refused by triggers).
 * Writes to these tables run with synchronous=FULL (see trading-repo.ts / audit-repo.ts).
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE trading_state (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      model      TEXT NOT NULL,                 -- JSON TradingModel
      client_id  INTEGER,                       -- the trading clientId orders were placed with
      limits     TEXT,                          -- JSON RiskLimits set by the trader (NULL = defaults)
      ledger     TEXT,                          -- JSON positions + execIds at the last reconciliation, halted symbols
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE intents (
      intent_id  TEXT PRIMARY KEY,
      ts         INTEGER NOT NULL,
      symbol     TEXT NOT NULL,
      side       TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      quantity   REAL NOT NULL,
      type       TEXT NOT NULL,
      payload    TEXT NOT NULL,                 -- JSON OrderIntent as received
      decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
      rule       TEXT,
      message    TEXT
    );
    CREATE INDEX intents_ts ON intents (ts DESC);

    CREATE TABLE orders (
      client_id   INTEGER NOT NULL,
      order_id    INTEGER NOT NULL,
      perm_id     INTEGER,
      intent_id   TEXT,                         -- orderRef; NULL for orders placed elsewhere
      role        TEXT NOT NULL CHECK (role IN ('entry', 'stop', 'target', 'flatten', 'external')),
      parent_id   INTEGER NOT NULL DEFAULT 0,
      symbol      TEXT NOT NULL,
      side        TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      quantity    REAL NOT NULL,
      type        TEXT NOT NULL,
      limit_price REAL,
      stop_price  REAL,
      tif         TEXT NOT NULL,
      status      TEXT NOT NULL,
      filled      REAL NOT NULL DEFAULT 0,
      avg_price   REAL,
      external    INTEGER NOT NULL DEFAULT 0 CHECK (external IN (0, 1)),
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (client_id, order_id)
    );
    CREATE INDEX orders_perm ON orders (perm_id);
    CREATE INDEX orders_intent ON orders (intent_id);

    CREATE TABLE order_events (
      id        INTEGER PRIMARY KEY,
      ts        INTEGER NOT NULL,
      client_id INTEGER NOT NULL,
      order_id  INTEGER NOT NULL,
      perm_id   INTEGER,
      status    TEXT NOT NULL,
      filled    REAL NOT NULL,
      remaining REAL NOT NULL,
      avg_price REAL,
      detail    TEXT
    );
    CREATE INDEX order_events_order ON order_events (client_id, order_id, id);

    CREATE TABLE audit_log (
      seq       INTEGER PRIMARY KEY AUTOINCREMENT,
      ts        INTEGER NOT NULL,
      kind      TEXT NOT NULL CHECK (kind IN ('intent', 'decision', 'transition', 'order', 'fill', 'commission', 'reconciliation', 'action')),
      intent_id TEXT,
      symbol    TEXT,
      rule      TEXT,
      message   TEXT NOT NULL,
      data      TEXT                            -- JSON detail
    );
    CREATE INDEX audit_log_ts ON audit_log (ts DESC);
    CREATE INDEX audit_log_intent ON audit_log (intent_id) WHERE intent_id IS NOT NULL;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
}

export const migration002: Migration = { version: 2, name: 'trading', up };
