/** fast-check generators for intents, risk contexts and limits (shared by the unit and the wire property tests). */
import fc from 'fast-check';
import type { RiskContext } from '../../../../src-shared/domain/risk/context';
import type { OrderIntent } from '../../../../src-shared/domain/risk/intent';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../../src-shared/domain/risk/limits';
import { TRADING_STATES } from '../../../../src-shared/domain/trading/state-machine';

/** The first arbitrary three times out of four: the accepting side must be reached often enough to mean something. */
const mostly = <T>(usual: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: usual, weight: 3 }, { arbitrary: any, weight: 1 });
const cents = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }).map((c) => c / 100);

/** Intents around a $100 stock: mostly sane, often a little off (tick, band, sides, sizes). */
export function intentArb(symbols: readonly string[] = ['AAPL'], mid = 100): fc.Arbitrary<OrderIntent> {
  return fc
    .record({
      intentId: fc.uuid(),
      symbol: fc.constantFrom(...symbols),
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      quantity: mostly(fc.integer({ min: 1, max: 200 }), fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0.5, max: 50, noNaN: true }))),
      type: fc.constantFrom('MKT' as const, 'LMT' as const, 'STP' as const, 'STP LMT' as const, 'TRAIL' as const),
      price: mostly(cents(mid * 0.97, mid * 1.03), fc.oneof(cents(mid * 0.9, mid * 1.1), fc.double({ min: mid * 0.8, max: mid * 1.2, noNaN: true }))),
      stopOffset: cents(-3, 3),
      tif: fc.constantFrom('DAY' as const, 'GTC' as const, 'IOC' as const),
      outsideRth: fc.boolean(),
      bracket: fc.option(fc.record({ stop: cents(0.5, 4), target: cents(0.5, 4) }), { nil: undefined }),
    })
    .map((r) => {
      const i: OrderIntent = { intentId: r.intentId, symbol: r.symbol, side: r.side, quantity: r.quantity, type: r.type, tif: r.tif, outsideRth: r.outsideRth };
      if (r.type === 'LMT' || r.type === 'STP LMT') i.limitPrice = r.price;
      if (r.type === 'STP' || r.type === 'STP LMT') i.stopPrice = Math.round((r.price + r.stopOffset) * 100) / 100;
      if (r.type === 'TRAIL') i.trailingPercent = 1;
      if (r.bracket) {
        const sign = r.side === 'BUY' ? 1 : -1;
        i.bracket = { stopPrice: Math.round((r.price - sign * r.bracket.stop) * 100) / 100, targetPrice: Math.round((r.price + sign * r.bracket.target) * 100) / 100 };
      }
      return i;
    });
}

export function limitsArb(): fc.Arbitrary<RiskLimits> {
  return fc.record({
    maxShares: fc.integer({ min: 1, max: 2000 }),
    maxNotional: fc.integer({ min: 100, max: 200_000 }),
    maxPositionShares: fc.integer({ min: 1, max: 3000 }),
    maxGrossExposure: fc.integer({ min: 1000, max: 500_000 }),
    priceBandPct: fc.double({ min: 0.5, max: 20, noNaN: true }),
    maxOpenOrders: fc.integer({ min: 1, max: 40 }),
    maxDailyLoss: fc.integer({ min: 10, max: 5000 }),
    maxSubmitsPerSec: fc.integer({ min: 1, max: 20 }),
  }).map((o) => ({ ...DEFAULT_RISK_LIMITS, ...o }));
}

export function contextArb(now: number): fc.Arbitrary<RiskContext> {
  return fc
    .record({
      state: mostly(fc.constant('armed' as const), fc.constantFrom(...TRADING_STATES)),
      phase: mostly(fc.constant('regular' as const), fc.constantFrom('premarket' as const, 'after' as const, 'closed' as const)),
      bid: cents(95, 105),
      spread: mostly(cents(0.01, 0.1), cents(-0.02, 0.2)),
      age: mostly(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 8000 })),
      halted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      shortable: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined, freq: 5 }),
      position: fc.integer({ min: -500, max: 500 }),
      dailyPnl: fc.option(fc.integer({ min: -3000, max: 3000 }), { nil: undefined, freq: 8 }),
      ordersToday: mostly(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 210 })),
      tradesToday: mostly(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 35 })),
      recent: mostly(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 15 })),
    })
    .map((r) => ({
      now, state: r.state, haltedSymbols: [], isKnownIntent: () => false, phase: r.phase, minTick: 0.01,
      quote: { bid: r.bid, ask: Math.round((r.bid + r.spread) * 100) / 100, ts: now - r.age, halted: r.halted, shortableShares: r.shortable },
      positions: r.position === 0 ? [] : [{ symbol: 'AAPL', position: r.position, price: r.bid }],
      working: [], ordersToday: r.ordersToday, tradesToday: r.tradesToday, dailyPnl: r.dailyPnl,
      recentSubmits: Array.from({ length: r.recent }, (_, k) => now - 50 * k),
    }));
}
