import { z } from 'zod';
import { Symbol } from '../../domain/brand';
import { OrderIntent, OrderType, Side, Tif } from '../../domain/risk/intent';
import { HaltKind, TradingMode, TradingState } from '../../domain/trading/state-machine';

export const TradingStatus = z.object({
  state: TradingState,
  mode: TradingMode,
  /** The IB account orders go to; null until IB reports it. */
  account: z.string().nullable(),
  reason: z.string(),
  haltKind: HaltKind.nullable(),
  haltedUntil: z.number().int().nullable(),
  reconciled: z.boolean(),
  since: z.number().int(),
  /** The clientId Tapedeck places orders with (IB binds an order to it). */
  clientId: z.number().int().nullable(),
  /** Symbols halted by a reconciliation mismatch until acknowledged. */
  haltedSymbols: z.array(z.string()),
  ordersToday: z.number().int(),
  tradesToday: z.number().int(),
  /** IB's daily P&L (realized + unrealized); null until reported. */
  dailyPnl: z.number().nullable(),
  unrealizedPnl: z.number().nullable(),
  realizedPnl: z.number().nullable(),
  /** Bracket entries that filled but whose stop is no longer working (rejected, cancelled, lost): re-attach it. */
  unprotected: z.array(z.object({ intentId: z.string(), symbol: z.string(), side: Side, quantity: z.number(), stopPrice: z.number() })),
});
export type TradingStatus = z.infer<typeof TradingStatus>;

export const ArmRequest = z.object({ mode: TradingMode, typedAccount: z.string().max(32).optional() }).strict();
export type ArmRequest = z.infer<typeof ArmRequest>;

export const ORDER_ROLES = ['entry', 'stop', 'target', 'flatten', 'external'] as const;
export const OrderRole = z.enum(ORDER_ROLES);
export type OrderRole = z.infer<typeof OrderRole>;

export const OrderRow = z.object({
  orderId: z.number().int(),
  clientId: z.number().int(),
  permId: z.number().int().nullable(),
  parentId: z.number().int(),
  /** Tapedeck's intent id for our orders; whatever the placing client wrote (or null) for others. */
  orderRef: z.string().nullable(),
  role: OrderRole,
  symbol: z.string(),
  side: Side,
  quantity: z.number(),
  type: z.string(),
  limitPrice: z.number().nullable(),
  stopPrice: z.number().nullable(),
  tif: z.string(),
  /** IB's status: PendingSubmit, PreSubmitted, Submitted, Filled, Cancelled, Inactive… */
  status: z.string(),
  filled: z.number(),
  remaining: z.number(),
  avgFillPrice: z.number().nullable(),
  /** Placed outside Tapedeck (TWS, another client): shown read-only, counted in exposure. */
  external: z.boolean(),
  working: z.boolean(),
  updatedAt: z.number().int(),
});
export type OrderRow = z.infer<typeof OrderRow>;

export const PositionRow = z.object({
  account: z.string(),
  symbol: z.string(),
  conId: z.number().int(),
  /** Signed shares. */
  position: z.number(),
  avgCost: z.number(),
  marketPrice: z.number().nullable(),
  unrealizedPnl: z.number().nullable(),
});
export type PositionRow = z.infer<typeof PositionRow>;

export const AUDIT_KINDS = ['intent', 'decision', 'transition', 'order', 'fill', 'commission', 'reconciliation', 'action'] as const;
export const AuditKind = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof AuditKind>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  ts: z.number().int(),
  kind: AuditKind,
  intentId: z.string().nullable(),
  symbol: z.string().nullable(),
  rule: z.string().nullable(),
  message: z.string(),
  data: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .object({
    kinds: z.array(AuditKind).max(AUDIT_KINDS.length).optional(),
    intentId: z.string().max(64).optional(),
    symbol: z.string().max(12).optional(),
    since: z.number().int().optional(),
    until: z.number().int().optional(),
    /** Rows with seq below this (paging backwards). */
    beforeSeq: z.number().int().optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const PlaceResult = z.object({
  intentId: z.string(),
  orderIds: z.array(z.number().int()),
  /** True when the intent id was already known: nothing new was sent. */
  duplicate: z.boolean(),
});
export type PlaceResult = z.infer<typeof PlaceResult>;

export const ReattachRequest = z.object({ intentId: z.string().min(1).max(64) }).strict();
/** Gets a symbol ready to trade (contract + order-entry quote line) before its first order; sends nothing. */
export const PrepareRequest = z.object({ symbol: Symbol }).strict();
export const PrepareResult = z.object({ symbol: z.string(), quote: z.boolean() });
export const CancelRequest = z.object({ orderId: z.number().int().nonnegative() }).strict();
export const ModifyRequest = z
  .object({ orderId: z.number().int().nonnegative(), quantity: z.number().positive().optional(), limitPrice: z.number().positive().optional(), stopPrice: z.number().positive().optional() })
  .strict();
export type ModifyRequest = z.infer<typeof ModifyRequest>;

export const FlattenResult = z.object({ cancelled: z.number().int(), closing: z.array(z.object({ symbol: z.string(), quantity: z.number(), side: Side, orderId: z.number().int() })), skipped: z.array(z.string()) });
export type FlattenResult = z.infer<typeof FlattenResult>;

export { OrderIntent, OrderType, Side, Tif };
