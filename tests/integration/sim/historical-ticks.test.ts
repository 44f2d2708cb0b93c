/**
 * reqHistoricalTicks on the wire (raw TCP, decoded by @stoqey/ib's own decoder): TRADES → 98, BID_ASK → 97,
 * MIDPOINT → 96 with exactly the fields the decoder reads, at least 1,000 ticks with the last second
 * completed, and IB's validation errors for what the simulator does not serve.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import { etDate, etToEpoch, previousSessions } from '../../../src-shared/domain/market-time';
import { RawIbClient } from './support/raw-client';

const simDay = previousSessions(etDate(Date.now()), 1)[0];
const day = previousSessions(simDay, 1)[0];
let sim: Simulator | undefined;
let raw: RawIbClient | undefined;
afterEach(async () => {
  raw?.close();
  await sim?.close();
  sim?.market.dispose();
});

async function connect(): Promise<RawIbClient> {
  sim = await startSimulator({ port: 0, market: createSimMarket({ seed: 11, speed: 1, startTime: etToEpoch(simDay, 10, 0) }) });
  raw = await RawIbClient.connect(sim.port);
  await raw.handshake('v100..193');
  raw.startApi(1);
  await raw.waitForMessage((m) => m.fields[0] === '9', 'nextValidId');
  return raw;
}

const AAPL = [0, 'AAPL', 'STK', '', 0, '', '', 'SMART', '', 'USD', '', '', 0];
const request = (reqId: number, start: string, n: number, what: string, end = '') => [96, reqId, ...AAPL, start, end, n, what, 0, 0, ''];
const open = `${day.replaceAll('-', '')} 09:30:00 US/Eastern`;

describe('simulator reqHistoricalTicks', () => {
  it('answers each whatToShow with the message and field count @stoqey/ib decodes', async () => {
    const c = await connect();
    const shapes: Array<[string, number, string, number]> = [['TRADES', 1, '98', 6], ['BID_ASK', 2, '97', 6], ['MIDPOINT', 3, '96', 4]];
    for (const [what, reqId, msg, perTick] of shapes) {
      c.sendFields(request(reqId, open, 1000, what));
      const m = await c.waitForMessage((x) => x.fields[0] === msg && x.fields[1] === String(reqId), `${what} ticks`);
      const n = Number(m.fields[2]);
      expect(n, what).toBeGreaterThanOrEqual(1000);
      expect(m.fields.length, what).toBe(3 + perTick * n + 1);
      const event = m.events[0];
      expect(event.args[0]).toBe(reqId);
      const ticks = event.args[1] as Array<{ time: number }>;
      expect(ticks).toHaveLength(n);
      expect(event.args[2]).toBe(true);
      // The answer completes its last second and nothing past it: tick 1,000's second, and only that.
      const lastSecond = ticks[999].time;
      expect(ticks.slice(999).every((t) => t.time === lastSecond)).toBe(true);
      expect(ticks[0].time).toBeGreaterThanOrEqual(etToEpoch(day, 9, 30) / 1000);
    }
    const trade = (c.byId(98)[0].events[0].args[1] as Array<{ price: number; size: number; exchange: string }>)[0];
    expect(trade.price).toBeGreaterThan(0);
    expect(trade.size).toBeGreaterThan(0);
    expect(trade.exchange).not.toBe('');
    const quote = (c.byId(97)[0].events[0].args[1] as Array<{ priceBid: number; priceAsk: number }>)[0];
    expect(quote.priceAsk).toBeGreaterThan(quote.priceBid);
  });

  it('refuses more than 1,000 ticks, an end-only request and an unknown whatToShow with error 321', async () => {
    const c = await connect();
    c.sendFields(request(11, open, 1001, 'TRADES'));
    c.sendFields(request(12, '', 100, 'TRADES', open));
    c.sendFields(request(13, open, 100, 'BID'));
    for (const id of [11, 12, 13]) await c.waitForMessage((m) => m.fields[0] === '4' && m.fields[2] === String(id), `error for ${id}`);
    expect(c.errors().filter((e) => e.id >= 11).map((e) => [e.id, e.code])).toEqual([[11, 321], [12, 321], [13, 321]]);
  });
});
