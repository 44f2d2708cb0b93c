import type { Db } from '../database';
import type { Migration } from './migration';

/**
 * Backfill jobs and their chunk manifest. A chunk is one IB request window (or one forward-walked tick
 * window), keyed by a hash of the request so a rerun of the same spec finds what is done.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE backfill_jobs (
      job_id     TEXT PRIMARY KEY,             -- hash of the spec: the same spec resumes the same job
      spec       TEXT NOT NULL,                -- JSON BackfillSpec
      state      TEXT NOT NULL CHECK (state IN ('pending', 'running', 'paused', 'done', 'failed', 'cancelled')),
      created_at INTEGER NOT NULL,             -- epoch ms
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE backfill_chunks (
      request_hash TEXT PRIMARY KEY,           -- sha1 of symbol, what, bar, RTH and window
      job_id       TEXT NOT NULL REFERENCES backfill_jobs (job_id) ON DELETE CASCADE,
      task_key     TEXT NOT NULL,              -- the output file(s) the chunk belongs to
      symbol       TEXT NOT NULL,
      state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'empty', 'failed')),
      rows         INTEGER NOT NULL DEFAULT 0,
      first_ts     INTEGER,                    -- epoch ms of the first and last row received
      last_ts      INTEGER,
      attempts     INTEGER NOT NULL DEFAULT 0,
      error        TEXT,
      updated_at   INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX backfill_chunks_job_state ON backfill_chunks (job_id, state);
  `);
}

export const migration005: Migration = { version: 5, name: 'backfill', up };
