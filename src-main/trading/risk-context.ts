/** Gathers the risk check's context from the service's live state (positions, book, quotes, counters). */
import type { PositionRow } from '../../src-shared/contract/features/trading';
import { marketPhase } from '../../src-shared/domain/market-time';
import type { RiskContext, RiskQuote } from '../../src-shared/domain/risk/context';
import type { TradingState } from '../../src-shared/domain/trading/state-machine';
import type { TradingQuote } from '../broker/order-port';
import type { OrderBook } from './order-book';

export interface ContextSources {
  now: number;
  state: TradingState;
  haltedSymbols: readonly string[];
  isKnownIntent: (id: string) => boolean;
  minTick: number;
  quote: TradingQuote | undefined;
  quoteOf: (symbol: string) => TradingQuote | undefined;
  positions: readonly PositionRow[];
  book: OrderBook;
  ordersToday: number;
  tradesToday: number;
  dailyPnl: number | null;
  recentSubmits: readonly number[];
}

export function toRiskQuote(q: TradingQuote | undefined): RiskQuote | undefined {
  if (!q || q.bid === undefined || q.ask === undefined) return undefined;
  return { bid: q.bid, ask: q.ask, last: q.last, ts: q.ts, halted: q.halted ?? false, shortableShares: q.shortableShares };
}

export function buildRiskContext(s: ContextSources): RiskContext {
  const priceOf = (symbol: string, fallback: number) => {
    const q = s.quoteOf(symbol);
    return q?.last ?? (q?.bid !== undefined && q.ask !== undefined ? (q.bid + q.ask) / 2 : fallback);
  };
  return {
    now: s.now, state: s.state, haltedSymbols: s.haltedSymbols, isKnownIntent: s.isKnownIntent, phase: marketPhase(s.now), minTick: s.minTick,
    quote: toRiskQuote(s.quote),
    positions: s.positions.filter((p) => p.position !== 0).map((p) => ({ symbol: p.symbol, position: p.position, price: priceOf(p.symbol, p.avgCost) })),
    working: s.book.working().map((r) => ({ symbol: r.symbol, side: r.side, remaining: r.remaining, price: r.limitPrice ?? r.stopPrice ?? undefined, exit: r.role === 'stop' || r.role === 'target' })),
    ordersToday: s.ordersToday, tradesToday: s.tradesToday, dailyPnl: s.dailyPnl ?? undefined, recentSubmits: s.recentSubmits,
  };
}
