/**
 * Pure: our orders that were working when the app last saw them, matched to IB's completed orders
 * (reqCompletedOrders) to learn their final state. IB's completed orders carry neither order id nor clientId, so
 * the match is by permId when we saw one, else by orderRef (the intent id) plus the order's shape: the three
 * orders of a bracket share the orderRef and differ in side, type and price.
 */
import type { OrderRow } from '../../src-shared/contract/features/trading';
import type { BrokerCompletedOrder } from '../broker/order-port';

const near = (a: number | null, b: number | null) => (a === null || b === null ? a === b || a === null : Math.abs(a - b) < 1e-9);

/** IB reports the collared market order as the LMT it went out as, and a trailing order's stop under auxPrice. */
function sameShape(row: OrderRow, c: BrokerCompletedOrder): boolean {
  if (c.symbol !== row.symbol || c.side !== row.side || c.quantity !== row.quantity) return false;
  if (c.type !== row.type) return false;
  return near(row.limitPrice, c.limitPrice) && (row.type === 'TRAIL' || near(row.stopPrice, c.stopPrice));
}

/** One completed order per row at most; a completed order whose permId belongs to another row is not reused. */
export function matchCompleted(rows: readonly OrderRow[], completed: readonly BrokerCompletedOrder[]): Map<OrderRow, BrokerCompletedOrder> {
  const out = new Map<OrderRow, BrokerCompletedOrder>();
  const taken = new Set<BrokerCompletedOrder>();
  const claimed = new Set(rows.map((r) => r.permId).filter((p): p is number => !!p));
  const take = (row: OrderRow, c: BrokerCompletedOrder) => {
    out.set(row, c);
    taken.add(c);
  };
  for (const row of rows) {
    if (!row.permId) continue;
    const c = completed.find((x) => x.permId === row.permId && !taken.has(x));
    if (c) take(row, c);
  }
  for (const row of rows) {
    if (row.permId || !row.orderRef) continue;
    const c = completed.find((x) => !taken.has(x) && !claimed.has(x.permId) && x.orderRef === row.orderRef && sameShape(row, x));
    if (c) take(row, c);
  }
  return out;
}

/** The row in its final state as IB's completed order tells it. */
export function completedRow(row: OrderRow, c: BrokerCompletedOrder, now: number): OrderRow {
  const filled = Math.max(c.filled, row.filled);
  const status = c.status || (filled >= row.quantity ? 'Filled' : 'Cancelled');
  return { ...row, status, filled, remaining: status === 'Filled' ? 0 : Math.max(0, row.quantity - filled), permId: row.permId ?? (c.permId || null), working: false, updatedAt: now };
}
