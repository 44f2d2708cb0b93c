/** A paper order as the engine tracks it. */
import type { SimStock } from '../../market/types';
import type { IbContract, IbOrder } from '../../protocol/types';

export type SimOrderStatus = 'PreSubmitted' | 'Submitted' | 'Filled' | 'Cancelled' | 'Inactive';

export interface SimOrderRecord {
  order: IbOrder;
  contract: IbContract;
  stock: SimStock;
  status: SimOrderStatus;
  /** transmit=0 and not yet released by a transmit=1 member. */
  held: boolean;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
  /** Stop orders become market/limit orders once triggered. */
  triggered: boolean;
  /** Epoch ms (simulated) before which the order may not execute (goodAfterTime). */
  activeAfter: number;
  placedAt: number;
  /** Simulated epoch ms the order was filled, cancelled or expired (completed orders report it). */
  completedAt?: number;
  /** Why it completed, as IB's completedStatus says it. */
  completedStatus?: string;
  /** DAY orders expire at the session close, GTD at goodTillDate; GTC orders never. */
  expiresAt: number;
}

export const SUPPORTED_ORDER_TYPES = new Set(['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL']);

export const isDone = (r: SimOrderRecord) => r.status === 'Filled' || r.status === 'Cancelled' || r.status === 'Inactive';
export const isStop = (r: SimOrderRecord) => r.order.orderType === 'STP' || r.order.orderType === 'STP LMT' || r.order.orderType === 'TRAIL';
export const isTrail = (r: SimOrderRecord) => r.order.orderType === 'TRAIL';
export const remaining = (r: SimOrderRecord) => Math.max(0, r.order.totalQuantity - r.filled);
export const isBuy = (r: SimOrderRecord) => r.order.action === 'BUY';
