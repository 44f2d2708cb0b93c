/**
 * Drill (issue 15): a hostile gateway. It answers the handshake like TWS, then sends truncated frames, wrong
 * field counts, unknown message ids, bad numbers and a huge length. The broker must not crash the process: it
 * drops the connection with an error in its status, keeps retrying, and connects to a real gateway after.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import { systemClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { encodeFrame } from '../../../src-main/sim/protocol/framing';
import { startSimulator, type Simulator } from '../../../src-main/sim';
import { waitFor } from '../../support/wait';

const log = createLogger('hostile-gw');

/** Garbage a broken or malicious gateway could send after a proper handshake, one kind per connection. */
const POISON: Array<(s: Socket) => void> = [
  (s) => s.write(Buffer.from([0, 0, 0, 40, 49, 0, 50])), // a frame announced at 40 bytes, 3 sent, then silence
  (s) => s.write(encodeFrame(['4'])), // error message with no fields
  (s) => s.write(encodeFrame(['1', '6', '-1', '1', 'not-a-number', '100', '1'])), // tick price with a bad price
  (s) => s.write(encodeFrame(['99999', 'x', 'y'])), // unknown message id
  (s) => s.write(encodeFrame(['9', '1', 'NaN'])), // next valid id NaN
  (s) => s.write(encodeFrame(['12', ...Array.from({ length: 500 }, () => 'zz')])), // depth with far too many fields
  (s) => s.write(Buffer.from([0x7f, 0xff, 0xff, 0xff])), // a 2 GB frame length
  (s) => s.write(Buffer.from('garbage without framing at all\0\0\0')),
];

describe('drill: a hostile gateway', () => {
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  it('every kind of poison: no crash, the connection dropped or refused in words, retries, then a real gateway works', { timeout: 120_000 }, async () => {
    let connections = 0;
    const sockets = new Set<Socket>();
    const server: Server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
      const poison = POISON[connections++ % POISON.length];
      let handshook = false;
      s.on('data', () => {
        if (handshook) return;
        handshook = true;
        s.write(encodeFrame([176, '20261201 09:30:00 US/Eastern']));
        setTimeout(() => poison(s), 50);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    closers.push(() => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }));

    const broker: IbBroker = createBroker({
      connection: { demo: true, host: '127.0.0.1', port, clientId: 1, connectTimeoutSec: 2 }, demo: true, clock: systemClock, log,
      heartbeatMs: 1_000, heartbeatTimeoutMs: 3_000,
    });
    closers.push(() => broker.dispose());
    const errors: string[] = [];
    broker.onStatus((st) => { if (st.lastErrors.length) errors.push(st.lastErrors.at(-1)!.message); });
    broker.start();
    await waitFor(() => connections >= POISON.length + 1, { timeout: 90_000, interval: 100, message: 'the broker kept retrying through every poison' });
    expect(broker.status().state).not.toBe('connected');

    // A real gateway on the same port afterwards: the broker connects and serves.
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
    const sim: Simulator = await startSimulator({ port, seed: 3 });
    closers.push(() => sim.close());
    await waitFor(() => broker.status().state === 'connected', { timeout: 20_000, message: 'connected to the real gateway' });
    const r = await broker.resolve('AAPL');
    expect(r.ok).toBe(true);
  });
});
