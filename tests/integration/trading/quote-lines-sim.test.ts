import { afterEach, describe, expect, it } from 'vitest';
import { RECENT_QUOTE_LINES } from '../../../src-main/trading/quote-lines';
import { waitFor } from '../../support/wait';
import { TradingRig } from './trading-rig';

let rig: TradingRig;
afterEach(async () => {
  await rig?.close();
});

const CLIENT = 7;

describe('order-entry quote lines (orders:prepare)', () => {
  it('a prepared symbol has its quote before the first order; only the recent few and the needed keep a line', async () => {
    rig = await new TradingRig().start();
    const t = rig.app.trading;
    const lines = () => rig.sim.sim.marketDataLines(CLIENT);
    const before = lines();

    // Focusing AAPL: contract and quote line, no order, no arming needed.
    const p = await t.prepare('AAPL');
    expect(p.ok && p.value.symbol).toBe('AAPL');
    await waitFor(() => rig.app.broker.orders.quote('AAPL')?.ask !== undefined, { message: 'AAPL quote after prepare' });
    expect(lines()).toBe(before + 1);
    expect(rig.taps).toHaveLength(0);
    expect(rig.app.storage.audit.list({ kinds: ['intent', 'decision'] })).toEqual([]);

    // The first order then goes out without waiting for a quote; it fills, so AAPL holds a position.
    await rig.armPaper();
    const ask = rig.app.broker.orders.quote('AAPL')!.ask!;
    const placed = await t.place({ intentId: 'ql-1', symbol: 'AAPL', side: 'BUY', quantity: 10, type: 'LMT', limitPrice: Math.round((ask + 0.05) * 100) / 100, tif: 'DAY', outsideRth: true });
    expect(placed.ok).toBe(true);
    await waitFor(() => t.listPositions().find((x) => x.symbol === 'AAPL')?.position === 10, { message: 'AAPL filled', timeout: 10_000 });

    // Browsing through the five other symbols: lines for the last few only, and AAPL keeps its line (a position).
    const browsed = ['SPY', 'MSFT', 'TSLA', 'META', 'AMC'];
    for (const s of browsed) {
      const r = await t.prepare(s);
      expect(r.ok ? 'ok' : r.error.message, s).toBe('ok');
    }
    await rig.barrier();
    const watched = rig.app.broker.orders.watchedQuotes().sort();
    expect(watched).toEqual([...browsed.slice(-RECENT_QUOTE_LINES), 'AAPL'].sort());
    await waitFor(() => lines() === before + RECENT_QUOTE_LINES + 1, { message: `lines at the simulator (${lines()})` });

    // A symbol IB does not know: a clear error, no line.
    const bad = await t.prepare('ZZZQX');
    expect(bad.ok).toBe(false);
    expect(rig.app.broker.orders.watchedQuotes()).not.toContain('ZZZQX');
  }, 40_000);
});
