/**
 * Futures by root against the simulator over real TCP: the front month from contract details (nearest
 * expiry not yet past, by the gateway's date), its terms, a restart-style lookup by local symbol, and the
 * streams a chart, ladder and recording need.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSimMarket } from '../../../src-main/sim/market';
import { etTime } from '../../../src-main/sim/market/et-time';
import { waitFor } from '../../support/wait';
import { depthOwner, Harness } from './harness';

const h = new Harness();
afterEach(() => h.close());

const DAY_MS = 86_400_000;
/** 10:00 ET on a civil date. */
const at = (y: number, m: number, d: number) => etTime(Date.UTC(y, m - 1, d) / DAY_MS, 10 * 60);

async function brokerAt(startTime: number) {
  const market = createSimMarket({ seed: 7, speed: 1, startTime, warmUp: false });
  const sim = await h.sim({ market });
  h.onClose(() => market.dispose());
  const { broker } = h.broker(sim.port, 1, { clock: { now: () => market.now() } });
  broker.start();
  await waitFor(() => broker.status().state === 'connected', { message: 'connected' });
  return { broker, market };
}

describe('futures front month ↔ simulator', () => {
  it('resolves ES, NQ, GC and 6E to their front months with expiry, multiplier, tick and class', async () => {
    const { broker } = await brokerAt(at(2026, 11, 2));
    const es = await broker.frontMonth('ES');
    expect(es).toMatchObject({
      ok: true,
      value: { symbol: 'ESZ6', localSymbol: 'ESZ6', secType: 'FUT', exchange: 'CME', expiry: '20261218', multiplier: 50, minTick: 0.25, tradingClass: 'ES' },
    });
    expect(await broker.frontMonth('nq')).toMatchObject({ ok: true, value: { symbol: 'NQZ6', multiplier: 20, minTick: 0.25, expiry: '20261218' } });
    // Gold's next active month after October is December; trading ends on its third-last business day.
    expect(await broker.frontMonth('GC')).toMatchObject({ ok: true, value: { symbol: 'GCZ6', exchange: 'COMEX', multiplier: 100, minTick: 0.1, expiry: '20261229' } });
    // 6E is IB's EUR on CME; it stops two business days before the third Wednesday (16 Dec 2026).
    expect(await broker.frontMonth('6E')).toMatchObject({ ok: true, value: { symbol: '6EZ6', multiplier: 125_000, minTick: 0.00005, expiry: '20261214', tradingClass: '6E' } });
    expect(await broker.frontMonth('ZZZ')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps a contract on its last trade day and rolls the day after', async () => {
    expect(await (await brokerAt(at(2026, 12, 18))).broker.frontMonth('ES')).toMatchObject({ ok: true, value: { symbol: 'ESZ6' } });
    await h.close();
    expect(await (await brokerAt(at(2026, 12, 21))).broker.frontMonth('ES')).toMatchObject({ ok: true, value: { symbol: 'ESH7', expiry: '20270319' } });
  });

  it('finds a future by its local symbol without its root, and streams depth, quotes and bars for it', async () => {
    const { broker } = await brokerAt(at(2026, 11, 2));
    const r = await broker.resolve('ESZ6');
    expect(r).toMatchObject({ ok: true, value: { symbol: 'ESZ6', secType: 'FUT', multiplier: 50 } });
    if (!r.ok) return;
    // A bare "ES" is still the stock route (a stock of that ticker), never silently the future.
    expect(await broker.resolve('ES')).not.toMatchObject({ ok: true, value: { secType: 'FUT' } });

    const owner = depthOwner();
    const sub = broker.subscribeDepth(r.value, { rows: 10, smart: false }, owner);
    await waitFor(() => owner.rec.count > 20, { message: 'future depth flows' });
    expect(owner.rec.errors).toEqual([]);
    sub.dispose();

    const bars = await broker.historicalBars({ instrument: r.value, duration: '1 D', barSize: '1 min', whatToShow: 'TRADES', useRTH: false });
    expect(bars.ok).toBe(true);
    if (!bars.ok) return;
    expect(bars.value.length).toBeGreaterThan(10);
    // Prices sit on the 0.25 grid.
    for (const b of bars.value.slice(0, 50)) expect(Math.abs(b.close * 4 - Math.round(b.close * 4))).toBeLessThan(1e-9);
  });
});
