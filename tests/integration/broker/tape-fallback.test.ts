/**
 * Tapes past IB's tick-by-tick cap, against the simulator over real TCP: with room for 2 tick-by-tick streams,
 * the third tape is served by reqMktData + RT_VOLUME and still delivers every trade.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QuoteTick, TradeTick } from '../../../src-shared/domain/depth';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { IbBroker } from '../../../src-main/broker/ib-broker';
import type { TapeOwner, TapeSource } from '../../../src-main/broker/port';
import { waitFor } from '../../support/wait';
import { Harness } from './harness';

const h = new Harness();
afterEach(() => h.close());

function tapeOwner(): TapeOwner & { trades: TradeTick[]; quotes: QuoteTick[]; sources: Array<[TapeSource, string]>; errors: unknown[] } {
  const o = { trades: [] as TradeTick[], quotes: [] as QuoteTick[], sources: [] as Array<[TapeSource, string]>, errors: [] as unknown[] };
  return {
    ...o,
    onTrade: (t) => o.trades.push(t),
    onQuote: (q) => o.quotes.push(q),
    onSource: (s, r) => o.sources.push([s, r]),
    onError: (e) => o.errors.push(e),
  };
}

async function connectedBroker(limit: number): Promise<{ broker: IbBroker; resolve: (s: string) => Promise<Instrument> }> {
  const sim = await h.sim({ tickByTickLimit: limit });
  const { broker } = h.broker(sim.port);
  broker.start();
  await waitFor(() => broker.status().state === 'connected', { message: 'connected' });
  const resolve = async (symbol: string) => {
    const r = await broker.resolve(symbol);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { broker, resolve };
}

describe('tape past the tick-by-tick cap (simulator, tickByTickLimit 2)', () => {
  it('3 trade tapes: 2 via tick-by-tick, the 3rd via RT_VOLUME delivering TradeTicks', async () => {
    const { broker, resolve } = await connectedBroker(2);
    const names = await Promise.all(['AAPL', 'MSFT', 'NVDA'].map(resolve));
    const owners = names.map(() => tapeOwner());
    const subs = names.map((i, k) => broker.subscribeTape(i, 'AllLast', owners[k]));

    await waitFor(() => broker.diagnostics().tapeSources.rtVolume === 1, { message: 'one tape on RT_VOLUME' });
    expect(broker.diagnostics()).toMatchObject({ tickByTickLimit: 2, tapeSources: { tickByTick: 2, rtVolume: 1, lines: 1 } });
    expect(owners.map((o) => o.sources)).toEqual([[], [], [['rt-volume', "IB's tick-by-tick limit (2) reached"]]]);
    await waitFor(() => owners.every((o) => o.trades.length >= 1), { timeout: 10_000, message: 'trades on every tape' });
    const rtv = owners[2].trades[0];
    expect(rtv.price).toBeGreaterThan(0);
    expect(rtv.size).toBeGreaterThan(0);
    // RT_VOLUME time is epoch ms, on the same (simulated) clock as the tick-by-tick prints
    expect(Math.abs(rtv.tsEvent - owners[0].trades[0].tsEvent)).toBeLessThan(10_000);
    expect(owners.every((o) => o.errors.length === 0)).toBe(true);
    expect(broker.status().lastErrors.some((e) => e.ibCode === 10190)).toBe(false); // handled, not a trader notice
    for (const s of subs) s.dispose();
    expect(broker.diagnostics().tapeSources).toEqual({ tickByTick: 0, rtVolume: 0, lines: 0 });
  });

  it('trades and quotes of a name past the cap share one market-data line', async () => {
    const { broker, resolve } = await connectedBroker(2);
    const [aapl, msft] = await Promise.all(['AAPL', 'MSFT'].map(resolve));
    const o = { aLast: tapeOwner(), aQuote: tapeOwner(), mLast: tapeOwner(), mQuote: tapeOwner() };
    const subs = [
      broker.subscribeTape(aapl, 'AllLast', o.aLast),
      broker.subscribeTape(aapl, 'BidAsk', o.aQuote),
      broker.subscribeTape(msft, 'AllLast', o.mLast),
      broker.subscribeTape(msft, 'BidAsk', o.mQuote),
    ];
    await waitFor(() => broker.diagnostics().tapeSources.rtVolume === 2, { message: 'MSFT on RT_VOLUME' });
    expect(broker.diagnostics().tapeSources).toEqual({ tickByTick: 2, rtVolume: 2, lines: 1 });
    expect(subs[2].reqId).toBe(subs[3].reqId);
    await waitFor(() => o.mLast.trades.length > 0 && o.mQuote.quotes.length > 0 && o.aQuote.quotes.length > 0, { timeout: 10_000, message: 'MSFT trades and quotes' });
    const q = o.mQuote.quotes[0];
    expect(q.askPrice).toBeGreaterThan(q.bidPrice);
    expect(o.mLast.quotes).toEqual([]);
    expect(o.mQuote.trades).toEqual([]);
    for (const s of subs) s.dispose();
  });
});
