/**
 * A DataBento import end to end against the loopback server: cost → confirmation above the limit →
 * download (after a 429) → conversion → the SQLite catalog → the session opens in the replay service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabentoImportInput, DatabentoProgress } from '../../../../src-shared/contract/features/databento';
import { DatabentoHttpClient } from '../../../../src-main/backfill/databento/client';
import { decodeDbn } from '../../../../src-main/backfill/databento/dbn/decode';
import { DATABENTO_KEY_SECRET, type DatabentoDeps, databentoCost, importDatabento, rawPath, windowMs } from '../../../../src-main/backfill/databento/import-job';
import { MemorySecretStore } from '../../../../src-main/history/secret-store';
import { createLogger } from '../../../../src-main/platform/log';
import { readSessionMeta } from '../../../../src-main/recording-format/session-meta';
import { ReplayService } from '../../../../src-main/replay/replay-service';
import { openStorage, type Storage } from '../../../../src-main/storage';
import { type FakeDatabento, startFakeDatabento } from '../../../support/databento-server';
import { fixture, hasFixtures } from '../../../support/fixtures';
import { makeTempDir } from '../../../support/temp-dir';

const KEY = 'db-TESTKEY0000000000000000000000';
// The fixture's day: NVDA 2020-12-28 (its records are from the pre-market; the server serves them for any window).
const REQ = { symbol: 'nvda', date: '2020-12-28' };

describe('DataBento window', () => {
  it('09:00–11:00 ET is 13:00Z in summer and 14:00Z in winter, on both sides of the switch', () => {
    expect(windowMs({ date: '2024-03-08', start: '09:00', end: '11:00' })).toEqual({ startMs: Date.UTC(2024, 2, 8, 14), endMs: Date.UTC(2024, 2, 8, 16) });
    expect(windowMs({ date: '2024-03-11', start: '09:00', end: '11:00' })).toEqual({ startMs: Date.UTC(2024, 2, 11, 13), endMs: Date.UTC(2024, 2, 11, 15) });
    expect(windowMs({ date: '2024-11-04', start: '09:30', end: '10:00' }).startMs).toBe(Date.UTC(2024, 10, 4, 14, 30));
  });
});

describe.skipIf(!hasFixtures)('DataBento import job', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let server: FakeDatabento;
  let storage: Storage;
  let secrets: MemorySecretStore;
  let progress: DatabentoProgress[];
  let deps: DatabentoDeps;
  beforeEach(async () => {
    tmp = makeTempDir('databento-job-');
    server = await startFakeDatabento({
      apiKey: KEY, cost: 7.5, rangeFile: fixture('databento', 'XNAS.ITCH_test_data.mbp-10.dbn.zst'),
      failFirst: { 'timeseries.get_range': [429] }, retryAfter: '0',
    });
    storage = openStorage(tmp.dir);
    secrets = new MemorySecretStore();
    progress = [];
    deps = {
      dataDir: tmp.dir, secrets, catalog: storage.recordings,
      client: (apiKey) => new DatabentoHttpClient({ apiKey, baseUrl: server.baseUrl, sleep: async () => {} }),
      onProgress: (p) => progress.push(DatabentoProgress.parse(p)),
    };
  });
  afterEach(async () => {
    storage.close();
    await server.close();
    tmp.cleanup();
  });

  it('without a key: says what it needs, asks Databento nothing', async () => {
    const cost = await databentoCost(deps, DatabentoImportInput.parse(REQ));
    expect(cost).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/needs your API key/) } });
    const r = await importDatabento(deps, DatabentoImportInput.parse(REQ));
    expect(r.ok).toBe(false);
    expect(server.requests).toEqual([]);
    expect(storage.recordings.list({})).toEqual([]);
  });

  it('cost → refused above the limit → confirmed → downloaded after a 429 → converted, cataloged, replayable', async () => {
    await secrets.set(DATABENTO_KEY_SECRET, KEY);
    const cost = await databentoCost(deps, DatabentoImportInput.parse(REQ));
    expect(cost).toMatchObject({ ok: true, value: { cost: 7.5, cached: false, startMs: Date.UTC(2020, 11, 28, 14), endMs: Date.UTC(2020, 11, 28, 16) } });

    const refused = await importDatabento(deps, DatabentoImportInput.parse({ ...REQ, maxCost: 5 }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED', message: expect.stringMatching(/\$7\.50, above your limit of \$5\.00/) } });
    expect(server.requests.map((r) => r.method)).toEqual(['metadata.get_cost', 'metadata.get_cost']);

    const done = await importDatabento(deps, DatabentoImportInput.parse({ ...REQ, maxCost: 5, confirm: true }));
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value).toMatchObject({ cost: 7.5, cached: false, records: 4 });
    expect(server.requests.filter((r) => r.method === 'timeseries.get_range').map((r) => r.status)).toEqual([429, 200]);
    expect(existsSync(rawPath(tmp.dir, DatabentoImportInput.parse(REQ)))).toBe(true);
    expect(progress.filter((p) => p.jobId === done.value.jobId).map((p) => p.phase)).toEqual(['cost', 'download', 'convert', 'done']);

    const [row] = storage.recordings.list({ symbol: 'NVDA' });
    expect(row).toMatchObject({ sessionId: done.value.sessionId, date: '2020-12-28', path: done.value.path, depthMessages: done.value.depthRows });
    expect(readSessionMeta(row.path)?.source).toBe('databento');

    const replay = new ReplayService({ catalog: storage.recordings, emitFrame: () => {}, log: createLogger('databento-test'), ticker: { start: () => () => {} } });
    const opened = replay.open({ sessionId: row.sessionId }, 'c1');
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.symbol).toBe('NVDA');
    const end = replay.seek({ replayId: opened.value.replayId, seq: done.value.depthRows });
    // The book at the last event is Databento's last record's top of book.
    const last = decodeDbn(new Uint8Array(readFileSync(rawPath(tmp.dir, DatabentoImportInput.parse(REQ))))).records.at(-1)!;
    expect(end.ok && end.value.bids[0]?.slice(0, 2)).toEqual([last.levels[0].bidPx, last.levels[0].bidSz]);
    expect(end.ok && end.value.bids.length).toBe(last.levels.filter((l) => l.bidPx !== null).length);
    replay.dispose();

    // Again: the raw file is on disk, nothing is paid or downloaded twice, the session is replaced.
    const n = server.requests.length;
    const again = await importDatabento(deps, DatabentoImportInput.parse(REQ));
    expect(again).toMatchObject({ ok: true, value: { cached: true, cost: 0, sessionId: done.value.sessionId } });
    expect(server.requests).toHaveLength(n);
    expect(storage.recordings.list({ symbol: 'NVDA' })).toHaveLength(1);
  });

  it('a wrong key is an error in words, and nothing is written', async () => {
    await secrets.set(DATABENTO_KEY_SECRET, 'db-WRONG');
    const r = await importDatabento(deps, DatabentoImportInput.parse({ ...REQ, confirm: true }));
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/refused the API key/) } });
    expect(progress.at(-1)?.phase).toBe('failed');
    expect(storage.recordings.list({})).toEqual([]);
  });
});
