import type { Db } from '../database';
import type { Migration } from './migration';

/**
 * M1 tables: the recordings catalog, scanner hits and the per-day bar cache.
 * Orders, executions, backfill jobs and the audit log come in later migrations.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE recordings (
      session_id     TEXT PRIMARY KEY,
      symbol         TEXT NOT NULL,
      date           TEXT NOT NULL,            -- ET session date YYYY-MM-DD
      path           TEXT NOT NULL,
      started_at     INTEGER NOT NULL,         -- epoch ms
      stopped_at     INTEGER,
      depth_messages INTEGER NOT NULL DEFAULT 0,
      tick_messages  INTEGER NOT NULL DEFAULT 0,
      bytes          INTEGER NOT NULL DEFAULT 0,
      state          TEXT NOT NULL CHECK (state IN ('open', 'closed', 'repaired'))
    );
    CREATE INDEX recordings_symbol_started ON recordings (symbol, started_at DESC);
    CREATE INDEX recordings_state ON recordings (state) WHERE state = 'open';

    CREATE TABLE scanner_hits (
      id      INTEGER PRIMARY KEY,
      symbol  TEXT NOT NULL,
      ts      INTEGER NOT NULL,                -- epoch ms
      date    TEXT NOT NULL,                   -- ET date of ts, for per-day queries
      gap_pct REAL,
      rvol    REAL,
      score   REAL,
      source  TEXT NOT NULL
    );
    CREATE INDEX scanner_hits_date_ts ON scanner_hits (date, ts DESC);
    CREATE INDEX scanner_hits_symbol_ts ON scanner_hits (symbol, ts DESC);

    -- One row per symbol/timeframe/ET session day/extended: bars packed as little-endian float64,
    -- 8 per bar (see bar-codec.ts). ~64 B per bar, a 960-bar extended 1-minute day in ~61 KB.
    CREATE TABLE bar_cache (
      symbol     TEXT NOT NULL,
      timeframe  TEXT NOT NULL,
      date       TEXT NOT NULL,
      extended   INTEGER NOT NULL CHECK (extended IN (0, 1)),
      bar_count  INTEGER NOT NULL,
      bars       BLOB NOT NULL,
      complete   INTEGER NOT NULL CHECK (complete IN (0, 1)),
      fetched_at INTEGER NOT NULL,              -- epoch ms, decides when a partial day is stale
      PRIMARY KEY (symbol, timeframe, date, extended)
    ) WITHOUT ROWID;
  `);
}

export const migration001: Migration = { version: 1, name: 'initial', up };
