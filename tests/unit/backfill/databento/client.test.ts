/** The Databento HTTP client against a loopback server speaking the documented API. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabentoError, DatabentoHttpClient, type DatabentoQuery, retryAfterMs } from '../../../../src-main/backfill/databento/client';
import { type FakeDatabento, type FakeDatabentoOptions, startFakeDatabento } from '../../../support/databento-server';
import { fixture, hasFixtures } from '../../../support/fixtures';
import { makeTempDir } from '../../../support/temp-dir';

const KEY = 'db-TESTKEY0000000000000000000000';
const Q: DatabentoQuery = {
  dataset: 'XNAS.ITCH', symbols: ['NVDA'], schema: 'mbp-10',
  start: Date.UTC(2020, 11, 28, 14, 0), end: Date.UTC(2020, 11, 28, 16, 0),
};

describe.skipIf(!hasFixtures)('Databento HTTP client', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let server: FakeDatabento | null = null;
  let sleeps: number[];
  const rangeFile = () => fixture('databento', 'XNAS.ITCH_test_data.mbp-10.dbn.zst');
  const start = async (o: Partial<FakeDatabentoOptions> = {}, key = KEY) => {
    server = await startFakeDatabento({ apiKey: KEY, cost: 1.25, rangeFile: rangeFile(), ...o });
    return new DatabentoHttpClient({ apiKey: key, baseUrl: server.baseUrl, backoffMs: 500, maxAttempts: 4, sleep: async (ms) => void sleeps.push(ms) });
  };
  beforeEach(() => {
    tmp = makeTempDir('databento-client-');
    sleeps = [];
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    tmp.cleanup();
  });

  it('get_cost sends the documented parameters with basic auth (key as user, empty password)', async () => {
    const c = await start();
    expect(await c.getCost(Q)).toBe(1.25);
    const [r] = server!.requests;
    expect(r).toMatchObject({ method: 'metadata.get_cost', user: KEY, password: '', status: 200 });
    expect(r.form).toEqual({
      dataset: 'XNAS.ITCH', symbols: 'NVDA', schema: 'mbp-10', stype_in: 'raw_symbol',
      start: '2020-12-28T14:00:00.000Z', end: '2020-12-28T16:00:00.000Z',
    });
  });

  it('get_range streams DBN zstd to disk, byte for byte, after a 429 honouring Retry-After', async () => {
    const c = await start({ failFirst: { 'timeseries.get_range': [429] }, retryAfter: '3' });
    const out = join(tmp.dir, 'x.dbn.zst');
    const seen: number[] = [];
    const n = await c.getRangeToFile(Q, out, (b) => seen.push(b));
    expect(readFileSync(out)).toEqual(readFileSync(rangeFile()));
    expect(n).toBe(readFileSync(rangeFile()).length);
    expect(seen.at(-1)).toBe(n);
    expect(sleeps).toEqual([3000]);
    expect(server!.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(server!.requests[1].form).toMatchObject({ encoding: 'dbn', compression: 'zstd', schema: 'mbp-10' });
  });

  it('5xx backs off exponentially, then gives up with the reason', async () => {
    const c = await start({ failFirst: { 'metadata.get_cost': [500, 503, 502] } });
    expect(await c.getCost(Q)).toBe(1.25);
    expect(sleeps).toEqual([500, 1000, 2000]);
    await server!.close();
    const c2 = await start({ failFirst: { 'metadata.get_cost': [500, 500, 500, 500] } });
    await expect(c2.getCost(Q)).rejects.toMatchObject({ kind: 'SERVER', status: 500 });
  });

  it('401 and 422 fail at once, with Databento\'s detail and no retry', async () => {
    const bad = await start({}, 'db-WRONG');
    const e = await bad.getCost(Q).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DatabentoError);
    expect(e).toMatchObject({ kind: 'AUTH', status: 401 });
    expect((e as Error).message).toMatch(/API key.*Authentication failed/);
    await server!.close();
    const c = await start();
    await expect(c.getCost({ ...Q, dataset: 'NOPE.X' })).rejects.toMatchObject({ kind: 'INVALID', status: 422, message: expect.stringMatching(/Unknown dataset 'NOPE.X'/) });
    expect(server!.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a server that is not there is a network error after the retries', async () => {
    const c = await start();
    await server!.close();
    server = null;
    await expect(c.getCost(Q)).rejects.toMatchObject({ kind: 'NETWORK' });
    expect(sleeps).toHaveLength(3);
  });

  it('Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
