import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/storage/database';
import { openStorage, type Storage } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

const intent = (intentId: string) => ({ intentId, symbol: 'AAPL', side: 'BUY' as const, quantity: 1, type: 'LMT' as const, limitPrice: 1, tif: 'DAY' as const });

describe('Storage.atomically (the pre-send record of order entry)', () => {
  const tmp = makeTempDir();
  let storage: Storage | undefined;
  afterEach(() => storage?.close());

  it('commits at synchronous=NORMAL, visible to another connection when it returns', () => {
    storage = openStorage(tmp.dir);
    const db = openDatabase(storage.file);
    try {
      const inside = storage.atomically(() => {
        storage!.trading.recordIntent(intent('a1'), 1, { ok: true });
        return [db.pragma('synchronous', { simple: true })];
      });
      expect(inside).toEqual([1]);
      // Committed: another connection sees it at once.
      expect(db.prepare("SELECT decision FROM intents WHERE intent_id = 'a1'").pluck().get()).toBe('accepted');
      expect(storage.trading.acceptedIntentIds()).toEqual(['a1']);
    } finally {
      db.close();
    }
  });

  it('rolls back as a whole when the body throws', () => {
    storage = openStorage(tmp.dir);
    expect(() =>
      storage!.atomically(() => {
        storage!.trading.recordIntent(intent('b1'), 1, { ok: true });
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(storage.trading.isAcceptedIntent('b1')).toBe(false);
  });
});
