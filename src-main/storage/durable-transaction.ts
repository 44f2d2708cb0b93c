import type { Db } from './database';
import type { WalHardener } from './wal-hardener';

const hardeners = new WeakMap<Db, WalHardener>();

/** From now on, `durableTransaction` on this connection commits at NORMAL and hardens off the main thread. */
export function hardenWith(db: Db, hardener: WalHardener): void {
  hardeners.set(db, hardener);
}

/**
 * Runs `fn` in one transaction so an order, a fill or an audit row survives a power cut. On a connection with a
 * WalHardener (every Storage): committed at NORMAL — safe from an app crash when it returns — and fsynced on the
 * thread pool right after (wal-hardener.ts). On a bare connection: synchronous=FULL, the fsync inline. The pragma
 * must be set outside a transaction to take effect; inside one, the outer commit is the one that counts.
 */
export function durableTransaction<T>(db: Db, fn: () => T): T {
  const hardener = hardeners.get(db);
  if (hardener) {
    // Kicked first: the fsync starts on the next turn, after this (or the enclosing) commit.
    hardener.kick();
    return db.inTransaction ? fn() : db.transaction(fn)();
  }
  if (db.inTransaction) return fn();
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
