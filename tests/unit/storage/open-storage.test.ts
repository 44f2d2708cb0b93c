import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/storage/database';
import { MIGRATIONS } from '../../../src-main/storage/migrations';
import { DB_FILE_NAME, openStorage, type Storage } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

describe('openStorage', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const opened: Storage[] = [];
  const open = (dir = tmp.dir) => {
    const s = openStorage(dir);
    opened.push(s);
    return s;
  };
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => {
    for (const s of opened.splice(0)) s.close();
    tmp.cleanup();
  });

  it('creates the data directory and tapedeck.db in WAL mode, migrated to the newest version', () => {
    const dir = join(tmp.dir, 'nested', 'data');
    const s = open(dir);
    expect(s.file).toBe(join(dir, DB_FILE_NAME));
    expect(existsSync(s.file)).toBe(true);
    s.close();
    const raw = new Database(s.file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      raw.close();
    }
  });

  it('keeps data across close and reopen', () => {
    const s = open();
    s.hits.record({ symbol: 'ABCD', ts: Date.UTC(2025, 0, 2, 13), gapPct: 12.5, rvol: 4, score: 80, source: 'TOP_PERC_GAIN' });
    s.bars.putDay('ABCD', '1m', '2025-01-02', true, [{ tsOpen: 1, open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 }], true, 5);
    s.close();
    const again = open();
    expect(again.hits.list({ symbol: 'ABCD' })).toHaveLength(1);
    expect(again.bars.getDay('ABCD', '1m', '2025-01-02', true)).toEqual({
      bars: [{ tsOpen: 1, open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 }],
      complete: true,
      fetchedAt: 5,
    });
  });

  it('opens connections with foreign keys on, a busy timeout and synchronous=NORMAL', () => {
    const db = openDatabase(join(tmp.dir, 'x.db'));
    try {
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('close is idempotent', () => {
    const s = open();
    s.close();
    expect(() => s.close()).not.toThrow();
  });

  it('passes nativeBinding through to better-sqlite3 (a wrong path fails loudly)', () => {
    expect(() => openStorage(tmp.dir, { nativeBinding: join(tmp.dir, 'missing.node') })).toThrow();
  });
});
