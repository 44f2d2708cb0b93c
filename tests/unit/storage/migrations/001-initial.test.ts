import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { up } from '../../../../src-main/storage/migrations/001-initial';
import { makeTempDir } from '../../../support/temp-dir';

describe('migration 001-initial', () => {
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

  const columns = (table: string) =>
    (db.pragma(`table_info(${table})`) as Array<{ name: string; notnull: number; pk: number }>).map((c) => [c.name, c.notnull, c.pk]);

  it('creates the recordings catalog, scanner hits and bar cache with their keys', () => {
    up(db);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['bar_cache', 'recordings', 'scanner_hits']);
    expect(columns('bar_cache')).toEqual([
      ['symbol', 1, 1], ['timeframe', 1, 2], ['date', 1, 3], ['extended', 1, 4],
      ['bar_count', 1, 0], ['bars', 1, 0], ['complete', 1, 0], ['fetched_at', 1, 0],
    ]);
    expect(columns('recordings').map((c) => c[0])).toEqual([
      'session_id', 'symbol', 'date', 'path', 'started_at', 'stopped_at', 'depth_messages', 'tick_messages', 'bytes', 'state',
    ]);
    expect(columns('scanner_hits').map((c) => c[0])).toEqual(['id', 'symbol', 'ts', 'date', 'gap_pct', 'rvol', 'score', 'source']);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(['recordings_state', 'recordings_symbol_started', 'scanner_hits_date_ts', 'scanner_hits_symbol_ts']);
  });

  it('refuses a recording state outside open/closed/repaired', () => {
    up(db);
    const insert = db.prepare("INSERT INTO recordings (session_id, symbol, date, path, started_at, state) VALUES ('s', 'A', '2025-01-02', 'p', 1, ?)");
    expect(() => insert.run('crashed')).toThrow(/CHECK/);
    expect(() => insert.run('open')).not.toThrow();
  });

  it('is not re-runnable by itself: the runner, not the migration, guards repeats', () => {
    up(db);
    expect(() => up(db)).toThrow(/already exists/);
  });
});
