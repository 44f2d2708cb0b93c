import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/storage/migrate';
import { MIGRATIONS } from '../../../src-main/storage/migrations';
import type { Migration } from '../../../src-main/storage/migrations/migration';
import { makeTempDir } from '../../support/temp-dir';

describe('migrate', () => {
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

  const schema = () => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();

  it('numbers migrations 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('applies every migration once and records the version; a second run is a no-op', () => {
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const before = schema();
    expect(migrate(db)).toEqual([]);
    expect(schema()).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('runs only the migrations after the stored version', () => {
    const ran: number[] = [];
    const steps: Migration[] = [1, 2, 3].map((version) => ({
      version,
      name: `m${version}`,
      up: (d) => {
        ran.push(version);
        d.exec(`CREATE TABLE t${version} (x)`);
      },
    }));
    migrate(db, steps.slice(0, 2));
    expect(migrate(db, steps)).toEqual([3]);
    expect(ran).toEqual([1, 2, 3]);
  });

  it('rolls a failing migration back whole and keeps the previous version', () => {
    const steps: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'bad', up: (d) => d.exec('CREATE TABLE b (x); CREATE TABLE a (x)') },
    ];
    expect(() => migrate(db, steps)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
  });

  it('refuses a data file written by a newer Tapedeck', () => {
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(/newer than this Tapedeck/);
  });

  it('refuses gaps in the numbering', () => {
    const steps: Migration[] = [{ version: 2, name: 'skip', up: () => {} }];
    expect(() => migrate(db, steps)).toThrow(/expected 1/);
  });
});
