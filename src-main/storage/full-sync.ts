import type { Db } from './database';

/**
 * Runs `fn` in one transaction with synchronous=FULL, so an order, a fill or an audit row survives a power cut
 * once the call returns; the rest of the database keeps NORMAL (WAL) for speed. The pragma must be set outside
 * a transaction to take effect.
 */
export function withFullSync<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return fn();
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
