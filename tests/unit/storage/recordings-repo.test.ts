import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../../src-main/storage';
import type { RecordingRecord } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

const rec = (sessionId: string, symbol: string, startedAt: number, state: RecordingRecord['state']): RecordingRecord => ({
  sessionId, symbol, date: '2025-01-02', path: `recordings/symbol=${symbol}/date=2025-01-02/${sessionId}`,
  startedAt, stoppedAt: state === 'open' ? null : startedAt + 1000, depthMessages: 10, tickMessages: 5, bytes: 2048,
  repaired: state === 'repaired', state,
});

describe('recordings repo', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  beforeEach(() => {
    tmp = makeTempDir();
    storage = openStorage(tmp.dir);
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('upserts: a session started open and later closed appears once, closed', () => {
    storage.recordings.upsert(rec('s1', 'ABCD', 1000, 'open'));
    storage.recordings.upsert({ ...rec('s1', 'ABCD', 1000, 'closed'), depthMessages: 99 });
    const list = storage.recordings.list({});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ sessionId: 's1', stoppedAt: 2000, depthMessages: 99, repaired: false });
    expect(list[0]).not.toHaveProperty('state');
    expect(storage.recordings.markOpenSessions()).toEqual([]);
  });

  it('lists newest first, by symbol, with a limit', () => {
    storage.recordings.upsert(rec('s1', 'ABCD', 1000, 'closed'));
    storage.recordings.upsert(rec('s2', 'WXYZ', 3000, 'closed'));
    storage.recordings.upsert(rec('s3', 'ABCD', 2000, 'repaired'));
    expect(storage.recordings.list({}).map((r) => r.sessionId)).toEqual(['s2', 's3', 's1']);
    expect(storage.recordings.list({ symbol: 'ABCD' }).map((r) => [r.sessionId, r.repaired])).toEqual([['s3', true], ['s1', false]]);
    expect(storage.recordings.list({ limit: 1 })).toHaveLength(1);
  });

  it('reports sessions left open as crash candidates, oldest first', () => {
    storage.recordings.upsert(rec('s1', 'ABCD', 2000, 'open'));
    storage.recordings.upsert(rec('s2', 'WXYZ', 1000, 'open'));
    storage.recordings.upsert(rec('s3', 'EFGH', 500, 'closed'));
    const open = storage.recordings.markOpenSessions();
    expect(open.map((r) => [r.sessionId, r.state, r.stoppedAt])).toEqual([['s2', 'open', null], ['s1', 'open', null]]);
  });

  it('treats a closed record flagged repaired as repaired', () => {
    storage.recordings.upsert({ ...rec('s1', 'ABCD', 1000, 'closed'), repaired: true });
    expect(storage.recordings.list({})[0]!.repaired).toBe(true);
  });
});
