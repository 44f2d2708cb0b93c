/** databento:* through the app router: no key → what it needs; key → cost → import → replay:open. */
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src-main/app';
import { createLogger } from '../../../src-main/platform/log';
import { type FakeDatabento, startFakeDatabento } from '../../support/databento-server';
import { fixture, hasFixtures } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp-dir';

const KEY = 'db-TESTKEY0000000000000000000000';

describe.skipIf(!hasFixtures)('databento calls through the app router', () => {
  const tmp = makeTempDir('tapedeck-databento-');
  let app: App | undefined;
  let server: FakeDatabento | undefined;
  afterEach(async () => {
    await app?.dispose();
    await server?.close();
    tmp.cleanup();
  });

  it('status, setKey, cost, import with progress, then the session replays', async () => {
    server = await startFakeDatabento({ apiKey: KEY, cost: 0.42, rangeFile: fixture('databento', 'XNAS.ITCH_test_data.mbp-10.dbn.zst') });
    app = await createApp({
      dataDir: tmp.dir, carrier: 'websocket', version: 'test', gateway: { host: '127.0.0.1', port: 1 }, pdfPrinter: null,
      log: createLogger('databento-app-test'), databentoBaseUrl: server.baseUrl,
    });
    const ctx = { clientId: 't' };
    const call = (name: string, input: unknown) => app!.router.dispatch(name as never, input as never, ctx);
    expect(await call('databento:status', undefined)).toEqual({ ok: true, value: { hasKey: false, protection: 'memory', busy: false } });
    const noKey = await call('databento:cost', { symbol: 'NVDA', date: '2020-12-28' });
    expect(noKey).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/needs your API key/) } });
    expect((await call('databento:setKey', { apiKey: 'not-a-key' })).ok).toBe(false);
    expect(await call('databento:setKey', { apiKey: KEY })).toMatchObject({ ok: true, value: { hasKey: true } });
    expect(await call('databento:cost', { symbol: 'NVDA', date: '2020-12-28', start: '09:30', end: '10:00' })).toMatchObject({ ok: true, value: { cost: 0.42, cached: false } });
    expect((await call('databento:cost', { symbol: 'NVDA', date: '2020-12-28', start: '11:00', end: '10:00' })).ok).toBe(false);

    const phases: string[] = [];
    const sub = app.bus.subscribe((name, p) => {
      if (name === 'databento:progress') phases.push((p as { phase: string }).phase);
    });
    const imported = await call('databento:import', { symbol: 'NVDA', date: '2020-12-28', maxCost: 1 });
    sub.dispose();
    if (!imported.ok) throw new Error(imported.error.message);
    expect(phases).toEqual(['cost', 'download', 'convert', 'done']);
    const { sessionId } = imported.value as { sessionId: string };

    const sessions = await call('replay:sessions', { symbol: 'NVDA' });
    expect(sessions).toMatchObject({ ok: true, value: [expect.objectContaining({ sessionId, date: '2020-12-28', error: null })] });
    const opened = await call('replay:open', { sessionId });
    expect(opened).toMatchObject({ ok: true, value: { symbol: 'NVDA', date: '2020-12-28' } });
  }, 30_000);
});
