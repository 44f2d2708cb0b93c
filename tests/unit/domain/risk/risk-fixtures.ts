import type { RiskContext } from '../../../../src-shared/domain/risk/context';
import type { OrderIntent } from '../../../../src-shared/domain/risk/intent';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../../src-shared/domain/risk/limits';

export const NOW = Date.UTC(2026, 3, 2, 15, 0, 0);

export const intent = (o: Partial<OrderIntent> = {}): OrderIntent => ({
  intentId: 'i-1', symbol: 'AAPL', side: 'BUY', quantity: 100, type: 'LMT', limitPrice: 100, tif: 'DAY', ...o,
});

export const context = (o: Partial<RiskContext> = {}): RiskContext => ({
  now: NOW, state: 'armed', haltedSymbols: [], isKnownIntent: () => false, phase: 'regular', minTick: 0.01,
  quote: { bid: 99.99, ask: 100.01, last: 100, ts: NOW - 100, halted: false, shortableShares: 1_000_000 },
  positions: [], working: [], ordersToday: 0, tradesToday: 0, dailyPnl: 0, recentSubmits: [], ...o,
});

export const limits = (o: Partial<RiskLimits> = {}): RiskLimits => ({ ...DEFAULT_RISK_LIMITS, ...o });
