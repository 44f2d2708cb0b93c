import Database from 'better-sqlite3';

/** The one better-sqlite3 connection type the repos share. Only src-main/storage imports better-sqlite3. */
export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a better_sqlite3.node built for the running ABI. Electron needs its own build
   * (build/native/electron/<platform>-<arch>/, or app.asar.unpacked/native/ when packaged); under Node leave it undefined.
   */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) a SQLite file with the settings every Tapedeck table relies on:
 * WAL so readers never block the writer, foreign keys on, a busy timeout instead of SQLITE_BUSY,
 * and synchronous=NORMAL (safe with WAL; only a power cut can lose the last commits). Tables that
 * must survive a power cut (orders, fills, audit) switch to FULL around their own writes.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = options.nativeBinding === undefined ? new Database(file) : new Database(file, { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * SQLite's quick_check (page structure, no index cross-check, so it stays fast): throws a
 * SQLITE_CORRUPT error naming the first problem, as a damaged page would otherwise surface later,
 * in the middle of some write.
 */
export function checkIntegrity(db: Db): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
  if (problems.length === 0) return;
  throw Object.assign(new Error(`database disk image is malformed: ${problems.join('; ')}`), { code: 'SQLITE_CORRUPT' });
}
