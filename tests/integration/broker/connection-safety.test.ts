/**
 * Connection safety against the simulator over real TCP: a paper session never falls back to a live port,
 * and an account of the wrong mode is connected but flagged (the trading service stays disarmed on it).
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionMode } from '../../../src-shared/contract/features/settings';
import { waitFor } from '../../support/wait';
import { Harness } from './harness';

const h = new Harness();
afterEach(() => h.close());

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function realGateway(port: number, mode: SessionMode, portFallbacks?: number[]) {
  return h.broker(port, 1, {
    connection: { demo: false, host: '127.0.0.1', port, clientId: 1, connectTimeoutSec: 3, mode },
    demo: false,
    portFallbacks,
  });
}

describe('connection safety', () => {
  it('paper configured, the simulator reports a live-looking account: connected, mode live, mismatch named', async () => {
    const sim = await h.sim({ accounts: ['U7654321'] });
    const { broker } = realGateway(sim.port, 'paper', []);
    broker.start();
    const s = await waitFor(() => (broker.status().state === 'connected' ? broker.status() : undefined), { message: 'connected' });
    expect(s).toMatchObject({ mode: 'live', chosenMode: 'paper', accounts: ['U7654321'] });
    expect(s.modeMismatch).toMatch(/configured for PAPER, but U7654321 is a LIVE account/);
  });

  it('paper configured on a DU account: no mismatch', async () => {
    const sim = await h.sim();
    const { broker } = realGateway(sim.port, 'paper', []);
    broker.start();
    const s = await waitFor(() => (broker.status().state === 'connected' ? broker.status() : undefined), { message: 'connected' });
    expect(s).toMatchObject({ mode: 'paper', chosenMode: 'paper' });
    expect(s.modeMismatch).toBeUndefined();
  });

  it('live configured on a DU account is flagged as well', async () => {
    const sim = await h.sim();
    const { broker } = realGateway(sim.port, 'live', []);
    broker.start();
    const s = await waitFor(() => (broker.status().state === 'connected' ? broker.status() : undefined), { message: 'connected' });
    expect(s.modeMismatch).toMatch(/configured for LIVE, but DU1234567 is a paper account/);
  });

  it('paper: with the configured port closed, the fallback skips a live port even when it is in the list', async () => {
    // 4001 and 7496 are in the list the broker is given; if the mode filter failed they would be tried and
    // named in the failure reason (or, worse, a live gateway on this machine would answer).
    const closed = await freePort();
    const otherClosed = await freePort();
    const { broker } = realGateway(closed, 'paper', [4001, 7496, otherClosed]);
    broker.start();
    const s = await waitFor(() => (broker.status().state === 'failed' ? broker.status() : undefined), { message: 'failed' });
    expect(s.reason).toContain(`ports ${closed}, ${otherClosed} `);
    expect(s.reason).not.toMatch(/4001|7496/);
  });

  it('paper: falls back to a paper-side port that answers and connects there', async () => {
    const sim = await h.sim();
    const closed = await freePort();
    const { broker } = realGateway(closed, 'paper', [sim.port]);
    broker.start();
    const s = await waitFor(() => (broker.status().state === 'connected' ? broker.status() : undefined), { message: 'connected via fallback' });
    expect(s.port).toBe(sim.port);
    expect(s.modeMismatch).toBeUndefined();
  });
});
