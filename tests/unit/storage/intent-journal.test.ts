import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIntentJournal, readJournal, recoverJournal } from '../../../src-main/storage/intent-journal';
import { openStorage } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

const intent = (intentId: string) => ({ intentId, symbol: 'AAPL', side: 'BUY' as const, quantity: 1, type: 'LMT' as const, limitPrice: 1, tif: 'DAY' as const });

describe('the intent journal (the pre-send record)', () => {
  const tmp = makeTempDir();
  let n = 0;
  const path = () => join(tmp.dir, `j${++n}.journal`);

  it('appends one whole line per intent, readable at once by another reader', () => {
    const p = path();
    const j = openIntentJournal(p);
    j.append(intent('a'), 1000.7);
    expect(readJournal(p)).toEqual([{ ts: 1000, intent: intent('a') }]);
    j.append(intent('b'), 2000);
    expect(readFileSync(p, 'utf8').split('\n')).toHaveLength(3);
    expect(readJournal(p).map((l) => l.intent.intentId)).toEqual(['a', 'b']);
    j.close();
    expect(() => j.append(intent('c'), 3000)).toThrow(/closed/);
  });

  it('skips a torn last line and anything that is not an intent', () => {
    const p = path();
    const j = openIntentJournal(p);
    j.append(intent('a'), 1);
    j.close();
    appendFileSync(p, '{"ts":2,"intent":{"intentId":"b"}\n{"nope":1}\n{"ts":3,"intent":{"intentId":"c","sym');
    expect(readJournal(p).map((l) => l.intent.intentId)).toEqual(['a']);
  });

  it('recovers only the intents SQLite does not have, then empties the file', () => {
    const p = path();
    const j = openIntentJournal(p);
    for (const id of ['a', 'b', 'c']) j.append(intent(id), 1);
    j.close();
    const got: string[] = [];
    const recovered = recoverJournal(p, (id) => id === 'b', (missing) => got.push(...missing.map((l) => l.intent.intentId)));
    expect(got).toEqual(['a', 'c']);
    expect(recovered.map((l) => l.intent.intentId)).toEqual(['a', 'c']);
    expect(readFileSync(p, 'utf8')).toBe('');
    // Nothing there: nothing to do, and a missing file is not an error.
    expect(recoverJournal(path(), () => false, () => { throw new Error('must not record'); })).toEqual([]);
  });

  it('keeps the lines when recording them fails, so the next start tries again', () => {
    const p = path();
    writeFileSync(p, `${JSON.stringify({ ts: 5, intent: intent('x') })}\n`);
    expect(() => recoverJournal(p, () => false, () => { throw new Error('SQLITE_FULL'); })).toThrow('SQLITE_FULL');
    expect(readJournal(p).map((l) => l.intent.intentId)).toEqual(['x']);
  });

  it('openStorage records a line without its row as an accepted intent, audited, and empties the journal', () => {
    const dir = join(tmp.dir, 'store');
    const first = openStorage(dir);
    first.journal.append(intent('lost'), 1234);
    first.journal.append(intent('kept'), 1235);
    first.trading.recordIntent(intent('kept'), 1235, { ok: true });
    first.close();
    const again = openStorage(dir);
    try {
      expect(again.recoveredIntents.map((l) => l.intent.intentId)).toEqual(['lost']);
      expect(again.trading.isAcceptedIntent('lost')).toBe(true);
      expect(again.audit.list({ intentId: 'lost' })).toMatchObject([{ kind: 'reconciliation', ts: 1234, message: expect.stringMatching(/recovered from the journal/) }]);
      expect(readJournal(join(dir, 'intents.journal'))).toEqual([]);
    } finally {
      again.close();
    }
  });
});
