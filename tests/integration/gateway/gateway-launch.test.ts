/**
 * Launching a detected gateway and waiting for it through the real API handshake. The "gateway" is a fake
 * Jts folder whose launcher starts the project's simulator (or something that is not a gateway), so every
 * readiness verdict is reached with real processes and sockets. Every launched process group is killed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../../src-shared/contract/features/gateway';
import { SystemScheduler } from '../../../src-main/broker/scheduler';
import { nodeFsView } from '../../../src-main/gateway/fs-view';
import { GatewayService, type GatewayServiceOptions } from '../../../src-main/gateway/gateway-service';
import { launchGateway, type LaunchedGateway } from '../../../src-main/gateway/launch';
import { systemClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { fakeJts, freePort, silentListenerScript, simScript } from './fake-jts';

const log = createLogger('gateway-test');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Rig {
  service: GatewayService;
  statuses: GatewayStatus[];
  launched: LaunchedGateway[];
  ready: GatewayStatus[];
  scheduler: SystemScheduler;
}

function rig(home: string, port: number, extra: Partial<GatewayServiceOptions> = {}): Rig {
  const statuses: GatewayStatus[] = [];
  const launched: LaunchedGateway[] = [];
  const ready: GatewayStatus[] = [];
  const scheduler = new SystemScheduler();
  const service = new GatewayService({
    platform: 'linux',
    home,
    fs: nodeFsView,
    clock: systemClock,
    log,
    target: () => ({ host: '127.0.0.1', port, mode: 'paper' }),
    emit: (s) => statuses.push(s),
    onReady: (s) => ready.push(s),
    scheduler,
    intervalMs: 200,
    probeTimeoutMs: 1000,
    otherPorts: [], // never poke the machine's real IB ports from a test
    launch: (cmd) => {
      const l = launchGateway(cmd);
      launched.push(l);
      return l;
    },
    ...extra,
  });
  cleanups.push(async () => {
    service.dispose();
    for (const l of launched) {
      if (!l.pid || !l.state().alive) continue;
      try {
        process.kill(-l.pid, 'SIGKILL'); // the launcher's whole process group
      } catch {
        // already gone
      }
      await waitFor(() => !l.state().alive, { message: 'launched gateway exited' });
    }
    await waitFor(() => scheduler.pending() === 0, { message: 'no timer left' });
  });
  return { service, statuses, launched, ready, scheduler };
}

function tempHome(): string {
  const t = makeTempDir('tapedeck-jts-');
  cleanups.push(() => t.cleanup());
  return t.dir;
}

const final = (r: Rig, timeout = 20_000) =>
  waitFor(() => (['ready', 'failed', 'cancelled'].includes(r.service.status().state) ? r.service.status() : undefined), { timeout, message: 'a final gateway state' });

describe('launching a detected gateway', () => {
  it('starts the fake Jts launcher (the simulator) and is ready only after a real API handshake', { timeout: 90_000 }, async () => {
    const home = tempHome();
    const port = await freePort();
    const launcher = fakeJts(home, '1030', simScript(port));
    const r = rig(home, port);
    const found = r.service.detect();
    expect(found.installs.map((i) => i.launcher)).toEqual([launcher]);
    const started = r.service.launch({ installId: found.installs[0].id, timeoutSec: 60 });
    expect(started.ok && started.value).toMatchObject({ state: 'waiting', port, pid: expect.any(Number) });
    const s = await final(r, 75_000);
    expect(s).toMatchObject({ state: 'ready', accounts: ['DU1234567'], serverVersion: expect.any(Number) });
    expect(r.ready).toHaveLength(1);
    // The simulator takes a moment to listen: until then the process runs and nothing accepts.
    expect(r.statuses.some((x) => x.cause === 'login-pending')).toBe(true);
    expect(r.statuses.every((x) => x.cause !== 'api-not-enabled')).toBe(true);
    // The countdown ran on a deadline the renderer can count down to.
    expect(r.statuses.find((x) => x.state === 'waiting')?.deadline).toBeGreaterThan(Date.now());
  });

  it('a port that opens but never handshakes: "API not enabled", then a timeout that says so', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const port = await freePort();
    fakeJts(home, '1030', silentListenerScript(port));
    const r = rig(home, port);
    const id = r.service.detect().installs[0].id;
    expect(r.service.launch({ installId: id, timeoutSec: 5 }).ok).toBe(true);
    await waitFor(() => r.service.status().cause === 'api-not-enabled', { timeout: 20_000, message: 'api-not-enabled while waiting' });
    const s = await final(r);
    expect(s).toMatchObject({ state: 'failed', cause: 'api-not-enabled' });
    expect(s.message).toMatch(new RegExp(`No API handshake on 127\\.0\\.0\\.1:${port} within 5 s.*API not enabled`));
    expect(r.ready).toHaveLength(0);
  });

  it('a launcher that runs but opens nothing: login pending', { timeout: 30_000 }, async () => {
    const home = tempHome();
    const port = await freePort();
    fakeJts(home, '1030', 'exec sleep 60');
    const r = rig(home, port);
    r.service.launch({ installId: r.service.detect().installs[0].id, timeoutSec: 60 });
    const s = await waitFor(() => (r.service.status().cause === 'login-pending' ? r.service.status() : undefined), { message: 'login-pending' });
    expect(s.message).toMatch(/IB Gateway is running.*log in/);
    expect(r.service.cancel().state).toBe('cancelled');
    expect(r.launched[0].state().alive).toBe(true); // cancelling the wait leaves the user's gateway alone
  });

  it('the gateway listens on another port: wrong port, naming the port that answers', { timeout: 90_000 }, async () => {
    const home = tempHome();
    const [expected, actual] = [await freePort(), await freePort()];
    fakeJts(home, '1030', simScript(actual));
    const r = rig(home, expected, { otherPorts: [actual] });
    r.service.launch({ installId: r.service.detect().installs[0].id, timeoutSec: 60 });
    const s = await waitFor(() => (r.service.status().cause === 'wrong-port' ? r.service.status() : undefined), { timeout: 60_000, message: 'wrong-port' });
    expect(s.message).toContain(`set Port to ${actual}`);
    r.service.cancel();
  });

  it('a launcher that exits cleanly with nothing listening: wrong port; one that fails: launch-failed at once', { timeout: 30_000 }, async () => {
    const home = tempHome();
    const port = await freePort();
    fakeJts(home, '1030', 'exit 0');
    const r = rig(home, port);
    r.service.launch({ installId: r.service.detect().installs[0].id, timeoutSec: 60 });
    await waitFor(() => r.service.status().cause === 'wrong-port', { message: 'wrong-port after a clean exit' });
    r.service.cancel();

    const home2 = tempHome();
    fakeJts(home2, '1030', 'echo "no display" >&2; exit 3');
    const r2 = rig(home2, port);
    r2.service.launch({ installId: r2.service.detect().installs[0].id, timeoutSec: 60 });
    const s = await final(r2);
    expect(s).toMatchObject({ state: 'failed', cause: 'launch-failed', message: expect.stringContaining('code 3') });
  });

  it('only an id from detection launches: an unknown id is refused and nothing is spawned', async () => {
    const home = tempHome();
    fakeJts(home, '1030', 'exit 0');
    const r = rig(home, await freePort());
    const res = r.service.launch({ installId: 'ib-gateway-1030-00000000' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('NOT_FOUND');
    expect(r.launched).toHaveLength(0);
    expect(r.service.status().state).toBe('idle');
  });
});
