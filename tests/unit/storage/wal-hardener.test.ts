import { fsync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/storage/database';
import { openStorage, type Storage } from '../../../src-main/storage';
import { WalHardener, type FsyncFn } from '../../../src-main/storage/wal-hardener';
import { makeTempDir } from '../../support/temp-dir';

const intent = (intentId: string) => ({ intentId, symbol: 'AAPL', side: 'BUY' as const, quantity: 1, type: 'LMT' as const, limitPrice: 1, tif: 'DAY' as const });
const turn = () => new Promise((r) => setImmediate(r));

/** Counts real fsyncs and, at each, what another connection already sees committed. */
function observed(file: string) {
  const calls: number[] = [];
  const reader = openDatabase(file);
  const fn: FsyncFn = (fd, cb) => {
    calls.push(Number(reader.prepare('SELECT count(*) FROM audit_log').pluck().get()));
    fsync(fd, cb);
  };
  return { calls, fn, close: () => reader.close() };
}

describe('durable writes: committed at NORMAL, fsynced off the main thread (WalHardener)', () => {
  const tmp = makeTempDir();
  let storage: Storage | undefined;
  let n = 0;
  const fresh = () => join(tmp.dir, `db${++n}`);
  afterEach(() => storage?.close());

  it('a durable write is committed when it returns, without synchronous=FULL, and hardened right after', async () => {
    storage = openStorage(fresh());
    const db = openDatabase(storage.file);
    try {
      const sync = storage.durably(() => {
        storage!.trading.recordIntent(intent('d1'), 1, { ok: true });
        return db.pragma('synchronous', { simple: true });
      });
      expect(sync).toBe(1);
      expect(db.prepare("SELECT decision FROM intents WHERE intent_id = 'd1'").pluck().get()).toBe('accepted');
      await storage.hardened();
    } finally {
      db.close();
    }
  });

  it('one fsync for every commit of the same turn, after the last of them', async () => {
    storage = openStorage(fresh());
    storage.audit.append({ ts: 1, kind: 'action', message: 'first' });
    await storage.hardened();
    const o = observed(storage.file);
    // A hardener of our own on the same file, so the test sees each fsync and what was committed at that moment.
    const h = new WalHardener(`${storage.file}-wal`, { fsync: o.fn });
    try {
      for (let i = 0; i < 50; i++) {
        storage.audit.append({ ts: 2 + i, kind: 'action', message: `a${i}` });
        h.kick();
      }
      expect(h.pending).toBe(50);
      await h.hardened();
      expect(o.calls).toEqual([51]);
      expect(h.pending).toBe(0);
    } finally {
      h.close();
      o.close();
    }
  });

  it('a kick inside a transaction hardens after its commit, not before', async () => {
    storage = openStorage(fresh());
    const o = observed(storage.file);
    const h = new WalHardener(`${storage.file}-wal`, { fsync: o.fn });
    try {
      storage.durably(() => {
        storage!.audit.append({ ts: 1, kind: 'action', message: 'in a transaction' });
        h.kick();
        storage!.audit.append({ ts: 2, kind: 'action', message: 'still in it' });
      });
      await h.hardened();
      expect(o.calls).toEqual([2]);
    } finally {
      h.close();
      o.close();
    }
  });

  it('a commit made while an fsync runs gets an fsync of its own', async () => {
    storage = openStorage(fresh());
    storage.audit.append({ ts: 1, kind: 'action', message: 'first' });
    await storage.hardened();
    let release: (() => void) | null = null;
    const seen: number[] = [];
    const reader = openDatabase(storage.file);
    const h = new WalHardener(`${storage.file}-wal`, {
      fsync: (fd, cb) => {
        seen.push(Number(reader.prepare('SELECT count(*) FROM audit_log').pluck().get()));
        if (seen.length === 1) release = () => fsync(fd, cb);
        else fsync(fd, cb);
      },
    });
    try {
      storage.audit.append({ ts: 2, kind: 'action', message: 'second' });
      h.kick();
      const first = h.hardened();
      while (!release) await turn();
      storage.audit.append({ ts: 3, kind: 'action', message: 'during the fsync' });
      h.kick();
      const second = h.hardened();
      (release as () => void)();
      await first;
      await second;
      expect(seen).toEqual([2, 3]);
    } finally {
      h.close();
      reader.close();
    }
  });

  it('a failing fsync is reported, not swallowed, and the next kick tries again', async () => {
    storage = openStorage(fresh());
    storage.audit.append({ ts: 1, kind: 'action', message: 'first' });
    const errors: string[] = [];
    let fail = true;
    const h = new WalHardener(`${storage.file}-wal`, {
      onError: (e) => errors.push(e.message),
      fsync: (fd, cb) => (fail ? cb(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })) : fsync(fd, cb)),
    });
    try {
      h.kick();
      while (errors.length === 0) await turn();
      expect(errors).toEqual(['EIO: i/o error, fsync']);
      expect(h.pending).toBe(1);
      fail = false;
      h.kick();
      await h.hardened();
      expect(h.pending).toBe(0);
    } finally {
      h.close();
    }
  });

  it('before any WAL exists there is nothing to harden', async () => {
    const h = new WalHardener(`${tmp.dir}/nothing-here.db-wal`, { fsync: () => { throw new Error('must not fsync a missing file'); } });
    h.kick();
    await h.hardened();
    expect(h.pending).toBe(0);
    h.close();
  });
});
