import { describe, expect, it } from 'vitest';
import { checkIntent, RISK_RULES, type RiskRule } from '../../../../src-shared/domain/risk/check-intent';
import { collarPrice, onTickGrid, roundToTick } from '../../../../src-shared/domain/risk/prices';
import { RiskLimits } from '../../../../src-shared/domain/risk/limits';
import { context, intent, limits, NOW } from './risk-fixtures';

const ruleOf = (...args: Parameters<typeof checkIntent>): RiskRule | 'ok' => {
  const d = checkIntent(...args);
  return d.ok ? 'ok' : d.rule;
};

describe('checkIntent', () => {
  it('accepts a plain limit order within every limit', () => {
    expect(checkIntent(intent(), context(), limits())).toEqual({ ok: true });
  });

  it('names the rule in the message', () => {
    const d = checkIntent(intent({ quantity: 10_000 }), context(), limits());
    expect(d).toEqual({ ok: false, rule: 'quantity', message: expect.stringMatching(/^quantity: .*max shares 500/) });
  });

  it('state gate: only armed places; reducing only shrinks; a halted symbol refuses', () => {
    for (const state of ['reconciling', 'disarmed', 'halted'] as const) expect(ruleOf(intent(), context({ state }), limits())).toBe('state');
    const long = context({ state: 'reducing', positions: [{ symbol: 'AAPL', position: 200, price: 100 }] });
    expect(ruleOf(intent({ side: 'SELL', quantity: 200 }), long, limits())).toBe('ok');
    expect(ruleOf(intent({ side: 'SELL', quantity: 201 }), long, limits())).toBe('state');
    expect(ruleOf(intent({ side: 'BUY', quantity: 1 }), long, limits())).toBe('state');
    const withWorkingSell = { ...long, working: [{ symbol: 'AAPL', side: 'SELL' as const, remaining: 150, price: 101, exit: false }] };
    expect(ruleOf(intent({ side: 'SELL', quantity: 100 }), withWorkingSell, limits())).toBe('state');
    expect(ruleOf(intent(), context({ haltedSymbols: ['AAPL'] }), limits())).toBe('state');
  });

  it('idempotency: a known intent id is refused (the service returns the existing order)', () => {
    expect(ruleOf(intent(), context({ isKnownIntent: (id) => id === 'i-1' }), limits())).toBe('duplicate-intent');
  });

  it('order types, TIFs and their required prices', () => {
    expect(ruleOf(intent({ type: 'TRAIL', limitPrice: undefined }), context(), limits({ allowedTypes: ['LMT'] }))).toBe('order-type');
    expect(ruleOf(intent({ tif: 'GTC' }), context(), limits({ allowedTifs: ['DAY'] }))).toBe('order-type');
    expect(ruleOf(intent({ limitPrice: undefined }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ type: 'STP', limitPrice: undefined }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ type: 'TRAIL', limitPrice: undefined }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ type: 'TRAIL', limitPrice: undefined, trailAmount: 1, trailingPercent: 1 }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ type: 'TRAIL', limitPrice: undefined, side: 'SELL', trailingPercent: 1, quantity: 10 }), context({ positions: [{ symbol: 'AAPL', position: 10, price: 100 }] }), limits())).toBe('ok');
    expect(ruleOf(intent({ tif: 'GTD' }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ tif: 'GTD', goodTillDate: '20260402 15:59:00' }), context(), limits())).toBe('ok');
    // A good-till time already past (ET wall time) is refused in main, not only in the ticket.
    expect(ruleOf(intent({ tif: 'GTD', goodTillDate: '20260402 09:00:00' }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ tif: 'GTD', goodTillDate: '20260401 15:59:00' }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ type: 'MKT' }), context(), limits())).toBe('order-type');
    expect(ruleOf(intent({ type: 'MKT', limitPrice: undefined }), context(), limits())).toBe('ok');
  });

  it('outside regular hours only limit types with outsideRth; nothing while closed', () => {
    expect(ruleOf(intent(), context({ phase: 'premarket' }), limits())).toBe('outside-rth');
    expect(ruleOf(intent({ outsideRth: true }), context({ phase: 'premarket' }), limits())).toBe('ok');
    expect(ruleOf(intent({ type: 'MKT', limitPrice: undefined, outsideRth: true }), context({ phase: 'after' }), limits())).toBe('outside-rth');
    expect(ruleOf(intent({ outsideRth: true }), context({ phase: 'closed' }), limits())).toBe('outside-rth');
  });

  it('whole quantity within max shares', () => {
    expect(ruleOf(intent({ quantity: 10.5 }), context(), limits())).toBe('quantity');
    expect(ruleOf(intent({ quantity: 500, limitPrice: 10 }), context({ quote: { bid: 9.99, ask: 10.01, ts: NOW, halted: false } }), limits())).toBe('ok');
    expect(ruleOf(intent({ quantity: 501 }), context(), limits())).toBe('quantity');
  });

  it('tick grid: pennies from $1, $0.0001 below', () => {
    expect(ruleOf(intent({ limitPrice: 100.005 }), context(), limits())).toBe('tick-size');
    expect(ruleOf(intent({ bracket: { stopPrice: 99.5, targetPrice: 101.001 } }), context(), limits())).toBe('tick-size');
    const penny = context({ quote: { bid: 0.5, ask: 0.5002, ts: NOW, halted: false } });
    expect(ruleOf(intent({ limitPrice: 0.5001 }), penny, limits())).toBe('ok');
    expect(ruleOf(intent({ limitPrice: 0.50015 }), penny, limits())).toBe('tick-size');
    expect(onTickGrid(1.23, 0.01)).toBe(true);
    expect(onTickGrid(0.1 + 0.2, 0.01)).toBe(true); // float noise is not a tick error
    expect(roundToTick(1.234, 0.01, 'up')).toBe(1.24);
  });

  it('stops on the right side of the market, stop-limit limit on the right side of the stop', () => {
    expect(ruleOf(intent({ type: 'STP', limitPrice: undefined, stopPrice: 99.5 }), context(), limits())).toBe('price-side');
    expect(ruleOf(intent({ type: 'STP', limitPrice: undefined, stopPrice: 101 }), context(), limits())).toBe('ok');
    expect(ruleOf(intent({ type: 'STP LMT', stopPrice: 101, limitPrice: 100.9 }), context(), limits())).toBe('price-side');
    expect(ruleOf(intent({ type: 'STP LMT', stopPrice: 101, limitPrice: 101.1 }), context(), limits())).toBe('ok');
    const long = context({ positions: [{ symbol: 'AAPL', position: 100, price: 100 }] });
    expect(ruleOf(intent({ side: 'SELL', type: 'STP', limitPrice: undefined, stopPrice: 100 }), long, limits())).toBe('price-side');
    expect(ruleOf(intent({ side: 'SELL', type: 'STP', limitPrice: undefined, stopPrice: 99 }), long, limits())).toBe('ok');
  });

  it('bracket geometry: stop < entry < target for a buy, mirrored for a sell', () => {
    expect(ruleOf(intent({ bracket: { stopPrice: 99, targetPrice: 102 } }), context(), limits())).toBe('ok');
    expect(ruleOf(intent({ bracket: { stopPrice: 101, targetPrice: 102 } }), context(), limits())).toBe('bracket');
    expect(ruleOf(intent({ bracket: { stopPrice: 99, targetPrice: 99.5 } }), context(), limits())).toBe('bracket');
    expect(ruleOf(intent({ side: 'SELL', bracket: { stopPrice: 101, targetPrice: 98 } }), context(), limits())).toBe('ok');
    expect(ruleOf(intent({ side: 'SELL', bracket: { stopPrice: 99, targetPrice: 98 } }), context(), limits())).toBe('bracket');
    expect(ruleOf(intent({ type: 'MKT', limitPrice: undefined, bracket: { stopPrice: 99, targetPrice: 102 } }), context(), limits())).toBe('ok');
  });

  it('quotes: present, fresh, not crossed, not halted', () => {
    const q = context().quote!;
    expect(ruleOf(intent(), context({ quote: undefined }), limits())).toBe('quote');
    expect(ruleOf(intent(), context({ quote: { ...q, ts: NOW - 6_000 } }), limits())).toBe('quote');
    expect(ruleOf(intent(), context({ quote: { ...q, bid: 100.02 } }), limits())).toBe('quote');
    expect(ruleOf(intent(), context({ quote: { ...q, halted: true } }), limits())).toBe('quote');
  });

  it('price band against the NBBO mid; market orders are valued at their collar', () => {
    expect(ruleOf(intent({ limitPrice: 106 }), context(), limits())).toBe('price-band');
    expect(ruleOf(intent({ limitPrice: 94 }), context(), limits())).toBe('price-band');
    expect(ruleOf(intent({ limitPrice: 104.9 }), context(), limits())).toBe('ok');
    expect(collarPrice('BUY', 99.99, 100.01, 0.5, 0.01)).toBe(100.52);
    expect(collarPrice('SELL', 99.99, 100.01, 0.5, 0.01)).toBe(99.49);
  });

  it('notional per order', () => {
    expect(ruleOf(intent({ quantity: 251 }), context(), limits())).toBe('notional');
    expect(ruleOf(intent({ quantity: 250 }), context(), limits())).toBe('ok');
    // 249 at the market: valued at the collar 100.52 → $25,029
    expect(ruleOf(intent({ type: 'MKT', limitPrice: undefined, quantity: 249 }), context(), limits())).toBe('notional');
  });

  it('position per symbol counts working orders, ours and external', () => {
    const l = limits({ maxPositionShares: 300 });
    const ctx = context({ positions: [{ symbol: 'AAPL', position: 150, price: 100 }], working: [{ symbol: 'AAPL', side: 'BUY', remaining: 100, price: 99, exit: false }] });
    expect(ruleOf(intent({ quantity: 50 }), ctx, l)).toBe('ok');
    expect(ruleOf(intent({ quantity: 51 }), ctx, l)).toBe('position');
    const short = context({ positions: [{ symbol: 'AAPL', position: -250, price: 100 }] });
    expect(ruleOf(intent({ side: 'SELL', quantity: 51 }), short, l)).toBe('position');
  });

  it('gross exposure across symbols, skipped for reducing orders', () => {
    const l = limits({ maxGrossExposure: 30_000 });
    const ctx = context({ positions: [{ symbol: 'MSFT', position: 50, price: 400 }], working: [{ symbol: 'SPY', side: 'BUY', remaining: 10, price: 500, exit: false }] });
    expect(ruleOf(intent({ quantity: 50 }), ctx, l)).toBe('ok'); // 20k + 5k + 5k
    expect(ruleOf(intent({ quantity: 51 }), ctx, l)).toBe('gross-exposure');
    const big = context({ positions: [{ symbol: 'AAPL', position: 400, price: 100 }] });
    expect(ruleOf(intent({ side: 'SELL', quantity: 100 }), big, l)).toBe('ok');
  });

  it('short sales need shares to borrow', () => {
    const q = context().quote!;
    expect(ruleOf(intent({ side: 'SELL', quantity: 100 }), context({ quote: { ...q, shortableShares: 50 } }), limits())).toBe('shortable');
    expect(ruleOf(intent({ side: 'SELL', quantity: 100 }), context({ quote: { ...q, shortableShares: undefined } }), limits())).toBe('shortable');
    const long = context({ quote: { ...q, shortableShares: 0 }, positions: [{ symbol: 'AAPL', position: 100, price: 100 }] });
    expect(ruleOf(intent({ side: 'SELL', quantity: 100 }), long, limits())).toBe('ok');
    expect(ruleOf(intent({ side: 'SELL', quantity: 101 }), long, limits())).toBe('shortable');
  });

  it('open orders in total and per contract per side (a bracket is three, its exits on the other side)', () => {
    const w = (n: number, side: 'BUY' | 'SELL', symbol = 'AAPL') => Array.from({ length: n }, () => ({ symbol, side, remaining: 1, price: 50, exit: true }));
    expect(ruleOf(intent(), context({ working: w(30, 'BUY', 'SPY') }), limits())).toBe('open-orders');
    expect(ruleOf(intent(), context({ working: w(19, 'BUY') }), limits({ maxOpenOrders: 100 }))).toBe('ok');
    expect(ruleOf(intent(), context({ working: w(20, 'BUY') }), limits({ maxOpenOrders: 100 }))).toBe('orders-per-side');
    const br = intent({ bracket: { stopPrice: 99, targetPrice: 102 } });
    expect(ruleOf(br, context({ working: w(18, 'SELL') }), limits({ maxOpenOrders: 100 }))).toBe('ok');
    expect(ruleOf(br, context({ working: w(19, 'SELL') }), limits({ maxOpenOrders: 100 }))).toBe('orders-per-side');
    expect(() => RiskLimits.parse({ maxOrdersPerContractSide: 21 })).toThrow();
  });

  it('orders and trades per day; the trades cap still lets reducing orders through', () => {
    expect(ruleOf(intent(), context({ ordersToday: 200 }), limits())).toBe('orders-per-day');
    expect(ruleOf(intent(), context({ tradesToday: 30 }), limits())).toBe('trades-per-day');
    const long = context({ tradesToday: 30, positions: [{ symbol: 'AAPL', position: 100, price: 100 }] });
    expect(ruleOf(intent({ side: 'SELL' }), long, limits())).toBe('ok');
  });

  it('daily loss on realized + unrealized; unknown P&L refuses new risk', () => {
    expect(ruleOf(intent(), context({ dailyPnl: -500 }), limits())).toBe('daily-loss');
    expect(ruleOf(intent(), context({ dailyPnl: -499.99 }), limits())).toBe('ok');
    expect(ruleOf(intent(), context({ dailyPnl: undefined }), limits())).toBe('daily-loss');
  });

  it('submit rate over the last second, a bracket counting three', () => {
    const recent = Array.from({ length: 8 }, (_, k) => NOW - 100 * k);
    expect(ruleOf(intent(), context({ recentSubmits: recent }), limits())).toBe('ok');
    expect(ruleOf(intent({ bracket: { stopPrice: 99, targetPrice: 102 } }), context({ recentSubmits: recent }), limits())).toBe('submit-rate');
    expect(ruleOf(intent(), context({ recentSubmits: [...recent, NOW - 10, NOW - 20] }), limits())).toBe('submit-rate');
    expect(ruleOf(intent(), context({ recentSubmits: recent.map((t) => t - 1000) }), limits())).toBe('ok');
  });

  it('first failure wins in the documented order', () => {
    // breaks state, quantity, notional and daily loss at once: the state gate is reported
    expect(ruleOf(intent({ quantity: 10_000 }), context({ state: 'disarmed', dailyPnl: -10_000 }), limits())).toBe('state');
    expect(ruleOf(intent({ quantity: 10_000 }), context({ dailyPnl: -10_000 }), limits())).toBe('quantity');
    expect(RISK_RULES[0]).toBe('state');
    expect(new Set(RISK_RULES).size).toBe(RISK_RULES.length);
  });
});

describe('RiskLimitsPatch', () => {
  it('keeps absent keys absent (no defaults) and refuses unknown keys and out-of-range values', async () => {
    const { RiskLimitsPatch } = await import('../../../../src-shared/domain/risk/limits');
    expect(RiskLimitsPatch.parse({ maxShares: 10 })).toEqual({ maxShares: 10 });
    expect(RiskLimitsPatch.safeParse({ maxOrdersPerContractSide: 21 }).success).toBe(false);
    expect(RiskLimitsPatch.safeParse({ nope: 1 }).success).toBe(false);
    expect(RiskLimitsPatch.safeParse({ maxDailyLoss: -5 }).success).toBe(false);
  });
});
