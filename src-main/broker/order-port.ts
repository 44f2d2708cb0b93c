/**
 * What the trading service may ask of the broker for orders, in domain terms. `ib-orders.ts` implements it over
 * @stoqey/ib; IB shapes (Order, Contract, OrderState) never leave src-main/broker.
 */
import type { Result } from '../../src-shared/contract/result';
import type { OrderType, Side, Tif } from '../../src-shared/domain/risk/intent';
import type { CommissionReport, Execution } from '../../src-shared/domain/trades/execution';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { Disposable } from '../platform/disposable';

export interface OrderSpec {
  orderId: number;
  instrument: Instrument;
  side: Side;
  quantity: number;
  type: OrderType;
  limitPrice?: number;
  stopPrice?: number;
  trailingPercent?: number;
  trailAmount?: number;
  tif: Tif;
  goodTillDate?: string;
  outsideRth: boolean;
  /** Tapedeck's intent id. */
  orderRef: string;
  parentId: number;
  ocaGroup?: string;
  /** IB holds transmit=false orders until a later member of the bracket transmits. */
  transmit: boolean;
  account: string;
}

export interface BrokerOpenOrder {
  orderId: number;
  clientId: number;
  permId: number;
  parentId: number;
  orderRef: string | null;
  symbol: string;
  conId: number;
  side: Side;
  quantity: number;
  type: string;
  limitPrice: number | null;
  stopPrice: number | null;
  tif: string;
  account: string;
  status: string;
}

export interface BrokerOrderStatus {
  orderId: number;
  clientId: number;
  permId: number;
  parentId: number;
  status: string;
  filled: number;
  remaining: number;
  avgFillPrice: number;
  lastFillPrice: number;
}

/**
 * One of IB's completed orders (reqCompletedOrders): filled, cancelled or rejected, today. IB sends neither the
 * order id nor the clientId here, so it is matched to our orders by orderRef (and permId when we saw one).
 */
export interface BrokerCompletedOrder {
  permId: number;
  orderRef: string | null;
  symbol: string;
  side: Side;
  quantity: number;
  type: string;
  limitPrice: number | null;
  stopPrice: number | null;
  /** IB's final status: Filled, Cancelled, Inactive (rejected)… */
  status: string;
  filled: number;
  /** e.g. "Filled Size: 100", "Cancelled by Trader". */
  completedStatus: string;
  completedTime: string;
}

export interface BrokerPosition {
  account: string;
  symbol: string;
  conId: number;
  position: number;
  avgCost: number;
}

export interface BrokerPnl {
  daily: number | null;
  unrealized: number | null;
  realized: number | null;
}

/** Top of book plus what only order entry needs: halted and shares to borrow. */
export interface TradingQuote {
  bid?: number;
  ask?: number;
  last?: number;
  halted?: boolean;
  shortableShares?: number;
  /** Local receive time of the last update (epoch ms). */
  ts: number;
}

export interface OrderListener {
  openOrder?(o: BrokerOpenOrder): void;
  orderStatus?(s: BrokerOrderStatus): void;
  execution?(e: Execution): void;
  commission?(c: CommissionReport): void;
  position?(p: BrokerPosition): void;
  pnl?(p: BrokerPnl): void;
  /** IB refused or cancelled an order (201, 202, 110, 103…): code and IB's text. */
  orderError?(orderId: number, code: number, message: string): void;
}

export interface OrderPort {
  /** The socket is up and IB gave us an order id. */
  ready(): boolean;
  clientId(): number;
  /** Allocates the next order id (above everything IB or reconciliation has shown). */
  nextOrderId(): number;
  /** Raises the floor for order ids (reconciliation saw a higher one). */
  seenOrderId(id: number): void;
  placeOrder(spec: OrderSpec): void;
  cancelOrder(orderId: number): void;
  globalCancel(): void;
  /** reqAllOpenOrders: every client's working orders, until openOrderEnd. */
  allOpenOrders(timeoutMs?: number): Promise<Result<{ orders: BrokerOpenOrder[]; statuses: BrokerOrderStatus[] }>>;
  /** reqExecutions for today, with the commission reports that come with them. */
  executions(timeoutMs?: number): Promise<Result<{ executions: Execution[]; commissions: CommissionReport[] }>>;
  /** reqCompletedOrders(apiOnly): today's orders that reached a final state, until completedOrdersEnd. */
  completedOrders(timeoutMs?: number): Promise<Result<BrokerCompletedOrder[]>>;
  /** reqPositions, until positionEnd; updates keep streaming to listeners. */
  positions(timeoutMs?: number): Promise<Result<BrokerPosition[]>>;
  /** reqPnL for the account; re-requested after every reconnect. */
  watchPnl(account: string): void;
  /** A quote line with generic tick 236 (shortable); re-requested after every reconnect. */
  watchQuote(instrument: Instrument): void;
  /** Cancels the symbol's quote line (IB counts market-data lines); its last quote is forgotten. */
  unwatchQuote(symbol: string): void;
  /** Symbols with a quote line. */
  watchedQuotes(): string[];
  quote(symbol: string): TradingQuote | undefined;
  listen(listener: OrderListener): Disposable;
}
