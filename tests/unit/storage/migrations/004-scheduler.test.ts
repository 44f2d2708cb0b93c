import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { up } from '../../../../src-main/storage/migrations/004-scheduler';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 004-scheduler', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    tmp = makeTempDir();
    db = new Database(`${tmp.dir}/t.db`);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('creates the run log with its index and refuses unknown outcomes', () => {
    up(db);
    expect((db.pragma('table_info(scheduler_runs)') as Array<{ name: string }>).map((c) => c.name)).toEqual([
      'id', 'job_id', 'scheduled_for', 'started_at', 'finished_at', 'outcome', 'caught_up', 'message',
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").pluck().all()).toEqual(['scheduler_runs_job']);
    const insert = db.prepare('INSERT INTO scheduler_runs (job_id, scheduled_for, started_at, outcome, caught_up) VALUES (?, 1, 1, ?, 0)');
    expect(() => insert.run('r', 'maybe')).toThrow(/CHECK/);
    expect(() => insert.run('r', 'running')).not.toThrow();
  });
});
