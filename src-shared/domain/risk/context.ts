import type { TradingState } from '../trading/state-machine';
import type { Side } from './intent';

/** Top of book as the risk check sees it. `ts` is when it was last updated (epoch ms). */
export interface RiskQuote {
  bid: number;
  ask: number;
  last?: number;
  ts: number;
  halted: boolean;
  /** IB's shortable shares (generic tick 236 → tick 89); undefined when IB has not said. */
  shortableShares?: number;
}

/** A working order, ours or placed elsewhere (TWS, another client): they all count. */
export interface RiskWorkingOrder {
  symbol: string;
  side: Side;
  /** Unfilled shares. */
  remaining: number;
  /** Limit or stop price, for exposure; undefined for market-like orders (the quote is used). */
  price?: number;
  /** Bracket exits (stop/target children) close a position: they do not add exposure. */
  exit: boolean;
}

export interface RiskPosition {
  symbol: string;
  /** Signed shares. */
  position: number;
  /** A price to value it at (last or mark). */
  price: number;
}

/**
 * Everything the check reads, gathered by the trading service at the moment of the decision. Pure data:
 * the same context and intent always give the same answer.
 */
export interface RiskContext {
  now: number;
  state: TradingState;
  /** Symbols halted until the trader acknowledges a reconciliation mismatch. */
  haltedSymbols: readonly string[];
  /** Intent ids already seen (accepted or placed before a restart). */
  isKnownIntent: (intentId: string) => boolean;
  phase: 'closed' | 'premarket' | 'regular' | 'after';
  /** The instrument's minimum tick (IB contract details); prices under $1 may use $0.0001 regardless. */
  minTick: number;
  quote?: RiskQuote;
  positions: readonly RiskPosition[];
  working: readonly RiskWorkingOrder[];
  ordersToday: number;
  tradesToday: number;
  /** IB's daily P&L (realized + unrealized); undefined until IB has reported it. */
  dailyPnl?: number;
  /** Epoch ms of the order messages sent recently (at least the last second's). */
  recentSubmits: readonly number[];
}
