/**
 * The whole app: the Connection dialog's calls go through the router (hostile input refused by the
 * contract), the launched fake gateway (the simulator) becomes ready by handshake, and the broker connects
 * to it straight away instead of waiting out its backoff.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayDetection, GatewayStatus } from '../../../src-shared/contract/features/gateway';
import { createApp, type App } from '../../../src-main/app';
import { createLogger } from '../../../src-main/platform/log';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { fakeJts, freePort, simScript } from './fake-jts';

const ctx = { clientId: 'test' };
let app: App | undefined;
let pid: number | undefined;
const tmp = [makeTempDir('tapedeck-app-gw-'), makeTempDir('tapedeck-jts-')];
afterEach(async () => {
  if (pid) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    const gone = pid;
    await waitFor(() => {
      try {
        process.kill(gone, 0);
        return false;
      } catch {
        return true;
      }
    }, { message: 'launched gateway gone' });
  }
  await app?.dispose();
  for (const t of tmp) t.cleanup();
});

describe('gateway launch through the app', () => {
  it('detect → launch by id → ready by handshake → the broker is connected to it', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const [data, home] = tmp.map((t) => t.dir);
    fakeJts(home, '1030', simScript(port));
    app = await createApp({
      dataDir: data, carrier: 'websocket', version: 'test', log: createLogger('app-gw-test'),
      gateway: { host: '127.0.0.1', port }, gatewaySearch: { home, platform: 'linux' },
    });
    const events: GatewayStatus[] = [];
    app.bus.subscribe((name, payload) => {
      if (name === 'gateway:status') events.push(payload as GatewayStatus);
    });
    const detected = await app.router.dispatch('gateway:detect', undefined, ctx);
    if (!detected.ok) throw new Error(detected.error.message);
    const install = (detected.value as GatewayDetection).installs[0];
    expect(install).toMatchObject({ product: 'ib-gateway', version: '10.30' });

    // The payload is hostile: a path, or an extra field naming one, never reaches the service.
    for (const bad of [{ installId: '/bin/sh' }, { installId: install.id, launcher: '/bin/sh' }, { installId: '' }]) {
      const r = await app.router.dispatch('gateway:launch', bad, ctx);
      expect(r.ok || r.error.code).toBe('INVALID_INPUT');
    }
    expect(events).toHaveLength(0);

    const launched = await app.router.dispatch('gateway:launch', { installId: install.id, timeoutSec: 60 }, ctx);
    if (!launched.ok) throw new Error(launched.error.message);
    pid = (launched.value as GatewayStatus).pid;
    expect(pid).toBeGreaterThan(0);
    await waitFor(() => events.some((e) => e.state === 'ready'), { timeout: 75_000, message: 'gateway ready event' });
    const s = await waitFor(() => (app!.broker.status().state === 'connected' ? app!.broker.status() : undefined), { timeout: 10_000, message: 'broker connected' });
    expect(s).toMatchObject({ port, demo: false, accounts: ['DU1234567'], mode: 'paper', chosenMode: 'paper' });
    expect(s.modeMismatch).toBeUndefined();
    const status = await app.router.dispatch('gateway:status', undefined, ctx);
    expect(status.ok && (status.value as GatewayStatus).state).toBe('ready');
  });
});
