import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { up as up001 } from '../../../../src-main/storage/migrations/001-initial';
import { up } from '../../../../src-main/storage/migrations/005-backfill';
import { createBackfillRepo } from '../../../../src-main/storage/backfill-repo';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 005-backfill', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    tmp = makeTempDir();
    db = new Database(`${tmp.dir}/t.db`);
    db.pragma('foreign_keys = ON');
    up001(db);
    up(db);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('creates the jobs and chunk manifest tables with their keys', () => {
    const cols = (t: string) => (db.pragma(`table_info(${t})`) as Array<{ name: string }>).map((c) => c.name);
    expect(cols('backfill_jobs')).toEqual(['job_id', 'spec', 'state', 'created_at', 'updated_at']);
    expect(cols('backfill_chunks')).toEqual(['request_hash', 'job_id', 'task_key', 'symbol', 'state', 'rows', 'first_ts', 'last_ts', 'attempts', 'error', 'updated_at']);
  });

  it('refuses unknown states and chunks of unknown jobs', () => {
    expect(() => db.prepare("INSERT INTO backfill_jobs VALUES ('j', '{}', 'exploded', 1, 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO backfill_chunks (request_hash, job_id, task_key, symbol, state, updated_at) VALUES ('h', 'nope', 't', 'A', 'pending', 1)").run()).toThrow(/FOREIGN KEY/);
  });

  it('the repo keeps a chunk once, counts attempts and puts crashed "running" chunks back to pending', () => {
    const repo = createBackfillRepo(db);
    repo.upsertJob('j1', '{"a":1}', 1);
    repo.upsertJob('j1', '{"a":2}', 2);
    expect(repo.job('j1')).toMatchObject({ spec: '{"a":1}', state: 'pending' });
    repo.ensureChunk({ requestHash: 'h1', jobId: 'j1', taskKey: 't', symbol: 'A' }, 3);
    repo.markChunk('h1', { state: 'running' }, 4);
    repo.ensureChunk({ requestHash: 'h1', jobId: 'j1', taskKey: 't', symbol: 'A' }, 5);
    expect(repo.chunk('h1')).toMatchObject({ state: 'running', attempts: 1 });
    expect(repo.resetRunning()).toBe(1);
    repo.markChunk('h1', { state: 'running' }, 6);
    repo.markChunk('h1', { state: 'done', rows: 960, firstTs: 10, lastTs: 20 }, 7);
    expect(repo.chunk('h1')).toMatchObject({ state: 'done', attempts: 2, rows: 960, firstTs: 10, lastTs: 20, error: null });
    repo.setJobState('j1', 'done', 8);
    expect(repo.jobs().map((j) => j.state)).toEqual(['done']);
  });
});
