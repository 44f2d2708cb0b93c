/**
 * Connection failures that need no gateway: a closed port and a port that accepts TCP but never speaks.
 * Real sockets, real @stoqey/ib; only the far end is a bare TCP listener.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import { HANDSHAKE_REASON } from '../../../src-main/broker/connect-plan';
import { systemClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { SystemScheduler } from '../../../src-main/broker/scheduler';
import { waitFor } from '../../support/wait';

const log = createLogger('test');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function silentServer(): Promise<{ port: number; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.resume(); // read and discard, so the peer's FIN is seen
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => {
    for (const s of sockets) s.destroy();
    server.close(() => r());
  }));
  return { port: (server.address() as { port: number }).port, server, sockets };
}

function broker(port: number, fallbacks: number[], extra: Partial<Parameters<typeof createBroker>[0]> = {}): { b: IbBroker; sched: SystemScheduler } {
  const sched = new SystemScheduler();
  const b = createBroker({
    connection: { demo: false, host: '127.0.0.1', port, clientId: 1, connectTimeoutSec: 1 },
    demo: false, clock: systemClock, log, portFallbacks: fallbacks, scheduler: sched, ...extra,
  });
  cleanups.push(async () => {
    await b.dispose();
    expect(sched.pending()).toBe(0);
  });
  return { b, sched };
}

describe('connect failures', () => {
  it('names the host and every port tried when all refuse, and schedules a retry', async () => {
    const [p1, p2] = [await freePort(), await freePort()];
    const { b } = broker(p1, [p2]);
    b.start();
    const s = await waitFor(() => (b.status().state === 'failed' ? b.status() : undefined), { message: 'failed state' });
    expect(s.reason).toContain(`127.0.0.1 ports ${p1}, ${p2}`);
    expect(s.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    expect(s.attempt).toBe(2);
  });

  it('TCP without an API handshake fails with the handshake reason after connectTimeoutSec', async () => {
    const silent = await silentServer();
    const { b } = broker(silent.port, []);
    const t0 = Date.now();
    b.start();
    await waitFor(() => silent.sockets.size === 1, { message: 'tcp accepted' });
    expect(b.status().state).toBe('connecting');
    const s = await waitFor(() => (b.status().state === 'failed' ? b.status() : undefined), { timeout: 4000, message: 'handshake timeout' });
    expect(s.reason).toBe(HANDSHAKE_REASON);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    await waitFor(() => silent.sockets.size === 0, { message: 'socket closed after timeout' });
  });

  it('refuses invalid settings before opening any socket', async () => {
    const silent = await silentServer();
    const { b } = broker(silent.port, []);
    b.updateConnection({ demo: false, host: 'not a host!', port: silent.port, clientId: 1, connectTimeoutSec: 1 }, false);
    expect(b.status()).toMatchObject({ state: 'failed', reason: expect.stringContaining('host') });
    await new Promise((r) => setImmediate(r));
    expect(silent.sockets.size).toBe(0);
  });

  it('dispose while connecting closes the socket and leaves no timer', async () => {
    const silent = await silentServer();
    const { b, sched } = broker(silent.port, []);
    b.start();
    await waitFor(() => silent.sockets.size === 1, { message: 'tcp accepted' });
    await b.dispose();
    expect(sched.pending()).toBe(0);
    expect(b.status().state).toBe('disconnected');
    await waitFor(() => silent.sockets.size === 0, { message: 'socket closed' });
  });
});
