/** IB's order callbacks → the order book, the orders/order_events tables and the audit log. */
import type { OrderRow } from '../../src-shared/contract/features/trading';
import type { BrokerOpenOrder, BrokerOrderStatus } from '../broker/order-port';
import type { AuditAppend, TradingRepo } from '../storage';
import type { OrderBook } from './order-book';

export interface OrderFlowDeps {
  book: OrderBook;
  repo: TradingRepo;
  durably: <T>(fn: () => T) => T;
  audit: (e: Omit<AuditAppend, 'ts'>) => void;
  now: () => number;
  clientId: () => number;
  isKnownIntent: (id: string) => boolean;
  changed: () => void;
  /** The broker reports more filled than the order's quantity: never normal at IB, so the symbol halts. */
  overfilled: (row: OrderRow, filled: number) => void;
}

/** IB codes after which an order we sent is dead (rejected, tick size, duplicate or cancelled id). */
const REJECTS = new Set([201, 110, 103, 104]);

export class OrderFlow {
  /** Orders with a modify on the wire and no answer from IB yet. */
  readonly modifying = new Set<number>();

  constructor(private readonly d: OrderFlowDeps) {}

  openOrder(x: BrokerOpenOrder): void {
    const ours = x.clientId === this.d.clientId() && (x.orderRef === null || this.d.isKnownIntent(x.orderRef));
    const { row, changed } = this.d.book.applyOpen(x, ours, this.d.now());
    this.modifying.delete(x.orderId);
    if (changed) this.persist(row, `open ${row.status}`);
  }

  orderStatus(x: BrokerOrderStatus): void {
    const r = this.d.book.applyStatus(x, this.d.now());
    this.modifying.delete(x.orderId);
    if (!r || !r.changed) return;
    this.d.durably(() => {
      this.d.repo.orderEvent({ ts: this.d.now(), clientId: x.clientId, orderId: x.orderId, permId: x.permId || null, status: x.status, filled: x.filled, remaining: x.remaining, avgPrice: x.avgFillPrice || null });
      this.persist(r.row, `${x.status} ${x.filled}/${r.row.quantity}`);
    });
    if (x.filled > r.row.quantity) this.d.overfilled(r.row, x.filled);
  }

  orderError(orderId: number, code: number, message: string): void {
    const row = this.d.book.get(this.d.clientId(), orderId);
    this.modifying.delete(orderId);
    this.d.audit({ kind: 'order', intentId: row?.orderRef ?? null, symbol: row?.symbol ?? null, rule: `ib-${code}`, message: `#${orderId} IB ${code}: ${message}` });
    if (row && row.working && REJECTS.has(code)) this.persist(this.d.book.put({ ...row, status: 'Inactive', working: false, remaining: 0, updatedAt: this.d.now() }), `rejected by IB (${code})`);
  }

  persist(row: OrderRow, what: string): void {
    this.d.durably(() => {
      this.d.repo.upsertOrder(row);
      this.d.audit({ kind: 'order', intentId: row.orderRef, symbol: row.symbol, message: `#${row.orderId} ${what}`, data: { clientId: row.clientId, permId: row.permId, external: row.external } });
    });
    this.d.changed();
  }
}
