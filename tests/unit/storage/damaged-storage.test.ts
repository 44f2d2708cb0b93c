import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openStorage, openStorageKeepingDamaged } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir(): string {
  const t = makeTempDir('tapedeck-dbdamage-');
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('opening a damaged tapedeck.db', () => {
  it('a sound file opens as is, with no copy', () => {
    const d = dir();
    openStorage(d).close();
    const r = openStorageKeepingDamaged(d);
    r.storage.close();
    expect(r.damaged).toBeNull();
    expect(readdirSync(d).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('damaged pages are found at open (quick_check), the file kept and a fresh one made', () => {
    const d = dir();
    openStorage(d).close();
    const file = join(d, DB_FILE_NAME);
    const bytes = readFileSync(file);
    bytes.fill(0x00, 4096 * 3, 4096 * 5);
    writeFileSync(file, bytes);
    expect(() => openStorage(d)).toThrow(/malformed/);
    const r = openStorageKeepingDamaged(d, { now: () => Date.UTC(2026, 0, 2) });
    r.storage.close();
    expect(r.damaged?.reason).toMatch(/^SQLITE_CORRUPT: /);
    expect(r.damaged?.copy).toBe(`${file}.corrupt-2026-01-02T00-00-00-000Z`);
    expect(readFileSync(r.damaged!.copy).equals(bytes)).toBe(true);
  });

  it('a schema newer than this Tapedeck is not damage: it still refuses, nothing moved', () => {
    const d = dir();
    openStorage(d).close();
    const db = new Database(join(d, DB_FILE_NAME));
    db.pragma('user_version = 9999');
    db.close();
    expect(() => openStorageKeepingDamaged(d)).toThrow(/newer than this Tapedeck/);
    expect(readdirSync(d).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
