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
