import { afterEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { waitFor } from '../../support/wait';
import { IbTestClient } from './support/ib-client';
import { RawIbClient } from './support/raw-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
const clients: Array<{ close?: () => void; disconnect?: () => void }> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) (c.disconnect ?? c.close)?.call(c);
  await t?.close();
});

describe('handshake and bootstrap', () => {
  it('negotiates v193 with @stoqey/ib and bootstraps 15 → 9 → 2104/2106/2158', async () => {
    t = await startTestSim();
    const c = await IbTestClient.connect(t.port, 11);
    clients.push(c);
    const server = c.of(EventName.server)[0];
    expect(server[0]).toBe(193);
    expect(String(server[1])).toMatch(/^\d{8} \d{2}:\d{2}:\d{2} US\/Eastern$/);
    await c.waitFor(() => c.infos().length >= 3, 'farm infos');
    const order = c.events.map((e) => (e.name === 'info' ? `info:${e.args[1]}` : e.name)).filter((n) => ['managedAccounts', 'nextValidId', 'info:2104', 'info:2106', 'info:2158'].includes(n));
    expect(order).toEqual(['managedAccounts', 'nextValidId', 'info:2104', 'info:2106', 'info:2158']);
    expect(c.of(EventName.managedAccounts)[0][0]).toBe('DU1234567');
    expect(c.nextValidId).toBe(1);
    expect(t.sim.clientCount()).toBe(1);
    expect(c.decodeErrors()).toEqual([]);
  });

  it.each([
    ['v157..178', 178],
    ['v100..187', 187],
    ['v100..193', 193],
    ['v100..250', 193],
    ['v193', 193],
    ['v100..150 +PACEAPI', 150],
  ])('raw client offering %s negotiates %i and decodes bootstrap with exact field counts', async (offer, expected) => {
    t = await startTestSim({ accounts: ['DU111', 'DU222'] });
    const raw = await RawIbClient.connect(t.port);
    clients.push(raw);
    expect(await raw.handshake(offer)).toBe(expected);
    expect(raw.connectionTime).toMatch(/^\d{8} \d{2}:\d{2}:\d{2} US\/Eastern$/);
    raw.startApi(5);
    await raw.waitForMessage((m) => m.fields[0] === '4' && m.fields[3] === '2158', 'bootstrap');
    const ids = raw.messages.map((m) => m.fields[0]);
    expect(ids.slice(0, 5)).toEqual(['15', '9', '4', '4', '4']);
    expect(raw.byId(15)[0].fields).toEqual(['15', '1', 'DU111,DU222']);
    expect(raw.byId(9)[0].fields).toEqual(['9', '1', '1']);
    const err = raw.byId(4)[0].fields;
    expect(err.length).toBe(expected >= 166 ? 6 : 5);
    expect(raw.fieldErrors).toEqual([]);
  });

  it.each(['v200..210', 'v50..90', 'garbage'])('closes the socket when the offer %s cannot be served', async (offer) => {
    t = await startTestSim();
    const raw = await RawIbClient.connect(t.port);
    clients.push(raw);
    expect(await raw.handshake(offer)).toBe(0);
    await waitFor(() => raw.closed, { message: 'socket closed' });
  });

  it('closes a connection that does not start with API\\0', async () => {
    t = await startTestSim();
    const raw = await RawIbClient.connect(t.port);
    clients.push(raw);
    raw.socket.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    await waitFor(() => raw.closed, { message: 'socket closed' });
    expect(t.sim.clientCount()).toBe(0);
  });

  it('refuses a clientId already connected with 326 (id -1), no 15/9, and closes the socket', async () => {
    t = await startTestSim();
    const first = await IbTestClient.connect(t.port, 42);
    clients.push(first);
    const raw = await RawIbClient.connect(t.port);
    clients.push(raw);
    await raw.handshake('v100..193');
    raw.startApi(42);
    await waitFor(() => raw.closed, { message: 'socket closed after 326' });
    expect(raw.messages.map((m) => m.fields[0])).toEqual(['4']);
    expect(raw.errors()[0]).toMatchObject({ id: -1, code: 326 });
    expect(t.sim.clientCount()).toBe(1);

    // @stoqey/ib sees info(326) then disconnected.
    const dup = new IbTestClient(t.port, 42);
    clients.push(dup);
    dup.ib.connect();
    await dup.waitFor(() => dup.of(EventName.disconnected).length > 0, 'disconnected');
    expect(dup.infos().map((i) => i.code)).toContain(326);
    expect(dup.of(EventName.nextValidId)).toEqual([]);
  });

  it('frees the clientId when the client disconnects', async () => {
    t = await startTestSim();
    const a = await IbTestClient.connect(t.port, 9);
    a.disconnect();
    await waitFor(() => t.sim.clientCount() === 0, { message: 'client gone' });
    const b = await IbTestClient.connect(t.port, 9);
    clients.push(b);
    expect(b.nextValidId).toBe(1);
  });

  it('answers REQ_IDS, REQ_MANAGED_ACCTS and REQ_CURRENT_TIME (simulated clock)', async () => {
    t = await startTestSim();
    const c = await IbTestClient.connect(t.port);
    clients.push(c);
    c.ib.reqCurrentTime();
    c.ib.reqManagedAccts();
    c.ib.reqIds(1);
    c.ib.setServerLogLevel(5);
    await c.waitFor(() => c.of(EventName.currentTime).length && c.of(EventName.managedAccounts).length >= 2 && c.of(EventName.nextValidId).length >= 2, 'replies');
    const time = Number(c.of(EventName.currentTime)[0][0]);
    expect(Math.abs(time - Math.floor(t.market.now() / 1000))).toBeLessThanOrEqual(2);
    expect(c.errors()).toEqual([]);
  });
});
