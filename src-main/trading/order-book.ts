/** Every order the trading service knows, ours and external, keyed by clientId:orderId, with IB's updates applied. */
import type { OrderRole, OrderRow } from '../../src-shared/contract/features/trading';
import type { BrokerOpenOrder, BrokerOrderStatus, OrderSpec } from '../broker/order-port';
import { roleOfOurs } from './order-role';

const WORKING = new Set(['ApiPending', 'PendingSubmit', 'PreSubmitted', 'Submitted', 'PendingCancel']);
export const isWorkingStatus = (s: string): boolean => WORKING.has(s);

const key = (clientId: number, orderId: number) => `${clientId}:${orderId}`;

export class OrderBook {
  private readonly rows = new Map<string, OrderRow>();
  // Indexes so the order path does not scan every order ever loaded (the table keeps all days).
  private readonly workingKeys = new Set<string>();
  private readonly ours = new Map<string, Set<string>>();
  /** Every orderRef seen, external rows included. */
  private readonly refs = new Set<string>();

  get(clientId: number, orderId: number): OrderRow | undefined {
    return this.rows.get(key(clientId, orderId));
  }

  all(): OrderRow[] {
    return [...this.rows.values()];
  }

  working(): OrderRow[] {
    return [...this.workingKeys].map((k) => this.rows.get(k)!);
  }

  hasRef(orderRef: string): boolean {
    return (this.ours.get(orderRef)?.size ?? 0) > 0;
  }

  /** Any order, ours or external, carries this orderRef. */
  refSeen(orderRef: string): boolean {
    return this.refs.has(orderRef);
  }

  byRef(orderRef: string): OrderRow[] {
    return [...(this.ours.get(orderRef) ?? [])].map((k) => this.rows.get(k)!);
  }

  put(row: OrderRow): OrderRow {
    const k = key(row.clientId, row.orderId);
    const prev = this.rows.get(k);
    if (prev?.orderRef) this.ours.get(prev.orderRef)?.delete(k);
    this.rows.set(k, row);
    if (row.working) this.workingKeys.add(k);
    else this.workingKeys.delete(k);
    if (row.orderRef) this.refs.add(row.orderRef);
    if (row.orderRef && !row.external) {
      const refs = this.ours.get(row.orderRef) ?? new Set<string>();
      this.ours.set(row.orderRef, refs.add(k));
    }
    return row;
  }

  /** Forgets an order that never left (its pre-send record failed). */
  remove(clientId: number, orderId: number): void {
    const k = key(clientId, orderId);
    const row = this.rows.get(k);
    if (row?.orderRef) {
      this.ours.get(row.orderRef)?.delete(k);
      if (!this.hasRef(row.orderRef)) this.refs.delete(row.orderRef);
    }
    this.workingKeys.delete(k);
    this.rows.delete(k);
  }

  /** A row for an order we are about to send. */
  placed(spec: OrderSpec, clientId: number, role: OrderRole, now: number): OrderRow {
    return this.put({
      orderId: spec.orderId, clientId, permId: null, parentId: spec.parentId, orderRef: spec.orderRef, role, symbol: spec.instrument.symbol, side: spec.side,
      quantity: spec.quantity, type: spec.type, limitPrice: spec.limitPrice ?? null, stopPrice: spec.stopPrice ?? spec.trailAmount ?? null, tif: spec.tif,
      status: 'PendingSubmit', filled: 0, remaining: spec.quantity, avgFillPrice: null, external: false, working: true, updatedAt: now,
    });
  }

  /** openOrder: updates a known row, or adds one (external unless `ours`). Returns the row and whether its status changed. */
  applyOpen(o: BrokerOpenOrder, ours: boolean, now: number): { row: OrderRow; changed: boolean } {
    const prev = this.get(o.clientId, o.orderId);
    const status = o.status || prev?.status || 'Submitted';
    const row: OrderRow = {
      orderId: o.orderId, clientId: o.clientId, permId: o.permId || prev?.permId || null, parentId: o.parentId, orderRef: o.orderRef,
      role: prev?.role ?? (ours ? roleOfOurs(o) : 'external'), symbol: o.symbol, side: o.side,
      quantity: o.quantity, type: o.type, limitPrice: o.limitPrice, stopPrice: o.stopPrice, tif: o.tif, status, filled: prev?.filled ?? 0,
      remaining: Math.max(0, o.quantity - (prev?.filled ?? 0)), avgFillPrice: prev?.avgFillPrice ?? null, external: prev ? prev.external : !ours,
      working: isWorkingStatus(status), updatedAt: now,
    };
    // A modify confirmed by IB changes price or size without a new status: that is a change too.
    const changed = !prev || prev.status !== status || prev.limitPrice !== row.limitPrice || prev.stopPrice !== row.stopPrice || prev.quantity !== row.quantity;
    return { row: this.put(row), changed };
  }

  applyStatus(s: BrokerOrderStatus, now: number): { row: OrderRow; changed: boolean } | undefined {
    const prev = this.get(s.clientId, s.orderId);
    if (!prev) return undefined;
    const row: OrderRow = {
      ...prev, status: s.status, filled: s.filled, remaining: s.status === 'Cancelled' ? 0 : s.remaining, permId: s.permId || prev.permId,
      avgFillPrice: s.avgFillPrice > 0 ? s.avgFillPrice : prev.avgFillPrice, working: isWorkingStatus(s.status), updatedAt: now,
    };
    return { row: this.put(row), changed: prev.status !== row.status || prev.filled !== row.filled };
  }
}
