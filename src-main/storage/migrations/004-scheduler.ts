import type { Db } from '../database';
import type { Migration } from './migration';

/** The scheduler's run log: one row per run of a market-hours job, kept so missed runs can be caught up. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE scheduler_runs (
      id            INTEGER PRIMARY KEY,
      job_id        TEXT NOT NULL,
      scheduled_for INTEGER NOT NULL,          -- epoch ms the run was due
      started_at    INTEGER NOT NULL,
      finished_at   INTEGER,
      outcome       TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'failed', 'skipped')),
      caught_up     INTEGER NOT NULL CHECK (caught_up IN (0, 1)),
      message       TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX scheduler_runs_job ON scheduler_runs (job_id, scheduled_for DESC);
  `);
}

export const migration004: Migration = { version: 4, name: 'scheduler', up };
