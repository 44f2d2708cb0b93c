import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { RawIbClient } from './support/raw-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
let raw: RawIbClient | undefined;
afterEach(async () => {
  raw?.close();
  await t?.close();
});

async function connect(): Promise<RawIbClient> {
  t = await startTestSim();
  raw = await RawIbClient.connect(t.port);
  await raw.handshake('v100..193');
  raw.startApi(1);
  await raw.waitForMessage((m) => m.fields[0] === '9', 'nextValidId');
  return raw;
}

describe('client limits and bad input', () => {
  it('more than 50 messages a second → error 100 for the excess', async () => {
    const c = await connect();
    for (let i = 0; i < 60; i++) c.sendFields([49, 1]);
    await c.waitForMessage((m) => m.fields[0] === '4' && m.fields[3] === '100', 'error 100');
    await waitFor(() => c.byId(49).length === 50, { message: '50 answered' });
    const e = c.errors().find((x) => x.code === 100)!;
    expect(e.id).toBe(-1);
    expect(e.text).toMatch(/^Max rate of messages per second has been exceeded:max=50 rec=51/);
    expect(c.errors().filter((x) => x.code === 100)).toHaveLength(10);
  });

  it('malformed and unknown messages get 320/505 and the session carries on', async () => {
    const c = await connect();
    c.sendFields([1]); // REQ_MKT_DATA with nothing after the id
    c.sendFields([9, 8, 'abc']); // REQ_CONTRACT_DATA with a non-numeric reqId
    c.sendFields([999, 1, 2]);
    c.sendFields(['x']);
    c.sendFields([]);
    c.sendFields([49, 1]);
    await c.waitForMessage((m) => m.fields[0] === '49', 'still answering');
    const codes = c.errors().filter((e) => e.id !== -1 || e.code < 2100).map((e) => e.code);
    expect(codes).toEqual([320, 320, 505, 505, 505]);
    expect(c.fieldErrors).toEqual([]);
  });

  it('an oversized frame closes only that connection', async () => {
    const c = await connect();
    const len = Buffer.alloc(4);
    len.writeUInt32BE(0x1000000);
    c.socket.write(len);
    await waitFor(() => c.closed, { message: 'closed' });
    const other = await RawIbClient.connect(t.port);
    expect(await other.handshake('v100..193')).toBe(193);
    other.close();
  });
});
