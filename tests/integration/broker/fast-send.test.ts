/** The fast framing sends exactly the bytes @stoqey/ib's own Socket.send would, and real sessions work on it. */
import { EventName, IBApi, OrderAction, OrderType, SecType } from '@stoqey/ib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { installFastSend } from '../../../src-main/broker/fast-send';
import { startSimulator, type Simulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { waitFor } from '../../support/wait';

type Sock = { useV100Plus: boolean; client?: { write(b: Buffer | string): boolean }; send(t: unknown[]): void };
const socketOf = (api: IBApi) => (api as unknown as { controller: { socket: Sock } }).controller.socket;

/** Runs `send` on a fresh IBApi's socket with a capturing client: the bytes written and the `sent` events. */
function capture(tokens: unknown[], fast: boolean, v100 = true): { bytes: string[]; sent: unknown[][] } {
  const api = new IBApi({ host: '127.0.0.1', port: 1 });
  if (fast) expect(installFastSend(api)).toBe(true);
  const socket = socketOf(api);
  const bytes: string[] = [];
  const sent: unknown[][] = [];
  socket.useV100Plus = v100;
  socket.client = { write: (b) => (bytes.push(Buffer.from(b).toString('hex')), true) };
  (api as unknown as { on(e: string, f: (t: unknown[], text: string) => void): void }).on(EventName.sent, (t, text) => sent.push([...t, text]));
  socket.send(structuredCloneSafe(tokens));
  api.removeAllListeners();
  return { bytes, sent };
}

/** A deep copy that keeps Boolean objects (both paths mutate the array they are given). */
function structuredCloneSafe(v: unknown[]): unknown[] {
  return v.map((x) => (Array.isArray(x) ? structuredCloneSafe(x) : x));
}

const token = fc.oneof(
  fc.integer(), fc.double({ noNaN: true }), fc.string(), fc.string({ unit: 'grapheme' }), fc.boolean(), fc.constant(undefined), fc.constant(null), fc.constant(''),
  fc.constant(Number.MAX_VALUE), fc.constant(new Boolean(false)),
);
const tokens = fc.tuple(fc.integer({ min: 1, max: 120 }), fc.array(fc.oneof(token, fc.array(token, { maxLength: 4 })), { maxLength: 200 })).map(([id, rest]) => [id, ...rest]);

describe('installFastSend', () => {
  it('frames every message byte for byte as the library does, and emits the same sent event', () => {
    fc.assert(fc.property(tokens, (t) => {
      expect(capture(t, true)).toEqual(capture(t, false));
    }), { numRuns: 400 });
  });

  it('leaves the handshake, string-first messages and pre-V100 framing to the library', () => {
    for (const t of [['API\0', 0, 0, 0, 9, 'v100..187'], ['71', 2, 0, ''], [71, 2, 0]]) {
      expect(capture(t, true)).toEqual(capture(t, false));
      expect(capture(t, true, false)).toEqual(capture(t, false, false));
    }
  });

  it("turns Nagle's algorithm off once per connection, so a bracket's children are not held back", () => {
    const api = new IBApi({ host: '127.0.0.1', port: 1 });
    expect(installFastSend(api)).toBe(true);
    const socket = socketOf(api) as Sock & { client: { write(b: Buffer): boolean; setNoDelay(on: boolean): void } };
    const calls: boolean[] = [];
    socket.useV100Plus = true;
    socket.client = { write: () => true, setNoDelay: (on) => calls.push(on) };
    socket.send([3, 1, 2]);
    socket.send([3, 2, 2]);
    expect(calls).toEqual([true]);
    socket.client = { write: () => true, setNoDelay: (on) => calls.push(on) }; // a new connection
    socket.send([3, 3, 2]);
    expect(calls).toEqual([true, true]);
  });

  let sim: Simulator | undefined;
  let api: IBApi | undefined;
  afterEach(async () => {
    api?.disconnect();
    await sim?.close();
  });

  it('carries a real session: connect, market data and an order reach the simulator', async () => {
    const market = createSimMarket({ seed: 5, speed: 1, startTime: etToEpoch('2026-03-10', 11, 0) });
    sim = await startSimulator({ port: 0, market });
    const placed: { orderRef?: string; quantity: number }[] = [];
    sim.onPlaceOrder((p) => placed.push(p));
    api = new IBApi({ host: '127.0.0.1', port: sim.port });
    expect(installFastSend(api)).toBe(true);
    let nextId = 0;
    let ticks = 0;
    api.on(EventName.nextValidId, (id: number) => (nextId = id));
    api.on(EventName.tickPrice, () => ticks++);
    api.on(EventName.error, () => undefined);
    api.connect(11);
    await waitFor(() => nextId > 0, { timeout: 10_000, message: 'nextValidId' });
    const contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
    api.reqMktData(1, contract, '', false, false);
    await waitFor(() => ticks > 0, { timeout: 10_000, message: 'a tick' });
    api.placeOrder(nextId, contract, { action: OrderAction.BUY, totalQuantity: 7, orderType: OrderType.LMT, lmtPrice: 1, tif: 'DAY', orderRef: 'fast-1', transmit: true });
    await waitFor(() => placed.length > 0, { timeout: 10_000, message: 'placeOrder at the simulator' });
    expect(placed[0]).toMatchObject({ orderRef: 'fast-1', quantity: 7 });
  });
});
