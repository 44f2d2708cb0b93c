/**
 * Paper order matching against the simulated market: MKT, LMT, STP, STP LMT; DAY/GTC; modify by
 * re-placing; cancel and global cancel; brackets (parentId, held until a transmit=1 member arrives,
 * children live once the parent fills, siblings OCA-linked); OCA groups; partial fills against
 * displayed size and prints. The engine owns order state; `SimOrderSink` turns changes into messages.
 */
import type { SimMarket, SimQuote, SimStock, SimTrade } from '../../market/types';
import type { IbCommissionReport, IbContract, IbExecution, IbOrder } from '../../protocol/types';
import type { SimAccounts } from '../accounts/account-book';
import { type SimOrderRecord, type SimOrderStatus, isBuy, isDone, isStop, isTrail, remaining } from './order-record';
import { capFills, deeperLevels, fillsFor, trailStop } from './fill-rules';
import { expiry, goodAfter, inSession } from './order-time';

export interface SimOrderSink {
  /** OPEN_ORDER + ORDER_STATUS to the owner (the order was released, modified, activated or finished). */
  orderChanged(rec: SimOrderRecord, withOpenOrder: boolean): void;
  /** ORDER_STATUS Cancelled, then ERR 202 when `notify202`. */
  orderCancelled(rec: SimOrderRecord, notify202: boolean): void;
  executed(rec: SimOrderRecord, exec: IbExecution, report: IbCommissionReport): void;
}

export interface SimFill {
  exec: IbExecution;
  report: IbCommissionReport;
  contract: IbContract;
}

/** Order faults armed by `SimFaults` (see src-main/sim/faults.ts). */
export interface SimOrderFaults {
  /** The next new order is rejected (201) with this reason. */
  rejectNext?: string;
  /** > 0: no order fills more than this many shares per look at the market. */
  maxFillShares: number;
  /** Called instead of handling the next bracket child (parentId set): the connection dies mid-bracket. */
  beforeNextChild?: () => void;
}

export class SimOrderEngine {
  readonly faults: SimOrderFaults = { maxFillShares: 0 };
  private readonly maxIdByClient = new Map<number, number>();
  private readonly byKey = new Map<string, SimOrderRecord>();
  readonly fills: SimFill[] = [];
  private nextPermId = 1_000_000_001;
  private execSeq = 1;
  private readonly watchers = new Map<number, () => void>();
  private readonly taken = new Map<number, Map<number, number>>();
  private sink: SimOrderSink | undefined;
  private readonly looks: { conId: number; trade?: SimTrade }[] = [];
  private looking = false;
  /** Matching pauses while IB connectivity is lost. */
  paused = () => false;

  constructor(private readonly market: SimMarket, private readonly accounts: SimAccounts) {}

  setSink(sink: SimOrderSink): void {
    this.sink = sink;
  }

  /** The next order id for a client: one past the highest it has used. */
  nextValidId(clientId: number): number {
    return (this.maxIdByClient.get(clientId) ?? 0) + 1;
  }

  get(clientId: number, orderId: number): SimOrderRecord | undefined {
    return this.byKey.get(`${clientId}:${orderId}`);
  }

  all(): SimOrderRecord[] {
    return [...this.byKey.values()];
  }

  /** Orders that reached a final state (filled, cancelled, expired), oldest first: reqCompletedOrders. */
  completed(): SimOrderRecord[] {
    return this.all().filter((r) => isDone(r) && r.completedAt !== undefined).sort((a, b) => (a.completedAt ?? 0) - (b.completedAt ?? 0));
  }

  /** Working orders visible to reqOpenOrders (released and not finished). */
  working(clientId?: number): SimOrderRecord[] {
    return this.all().filter((r) => !r.held && !isDone(r) && (clientId === undefined || r.order.clientId === clientId));
  }

  isUsedId(clientId: number, orderId: number): boolean {
    return orderId <= (this.maxIdByClient.get(clientId) ?? 0);
  }

  /** What-if orders consume their id without becoming orders. */
  markUsed(clientId: number, orderId: number): void {
    this.maxIdByClient.set(clientId, Math.max(orderId, this.maxIdByClient.get(clientId) ?? 0));
  }

  /** A new order (validated by the caller). Held orders wait for a transmit=1 member of their bracket. */
  add(order: IbOrder, contract: IbContract, stock: SimStock, held: boolean): SimOrderRecord {
    this.maxIdByClient.set(order.clientId, Math.max(order.orderId, this.maxIdByClient.get(order.clientId) ?? 0));
    order.permId = this.nextPermId++;
    const rec: SimOrderRecord = {
      order, contract, stock, status: 'PreSubmitted', held, filled: 0, avgFillPrice: 0, lastFillPrice: 0, triggered: false,
      activeAfter: goodAfter(order.goodAfterTime), placedAt: this.market.now(), expiresAt: expiry(order, this.market.now()),
    };
    if (isTrail(rec) && order.trailStopPrice === undefined) this.trail(rec, this.market.quote(rec.stock.conId));
    this.byKey.set(`${order.clientId}:${order.orderId}`, rec);
    if (!held) this.release(rec);
    return rec;
  }

  /** Re-placing a working order with the same id modifies it (and releases a held bracket on transmit=1). */
  modify(rec: SimOrderRecord, next: IbOrder, held: boolean): void {
    const keep = { orderId: rec.order.orderId, clientId: rec.order.clientId, permId: rec.order.permId, parentId: rec.order.parentId };
    rec.order = { ...next, ...keep, totalQuantity: Math.max(next.totalQuantity, rec.filled) };
    rec.activeAfter = goodAfter(next.goodAfterTime);
    rec.expiresAt = expiry(rec.order, rec.placedAt);
    if (rec.held && !held) {
      this.release(rec);
      return;
    }
    if (rec.held) return;
    rec.status = this.initialStatus(rec);
    this.sink?.orderChanged(rec, true);
    this.match(rec.stock.conId);
  }

  cancel(rec: SimOrderRecord, notify202 = true, why = 'Cancelled by Trader'): void {
    if (isDone(rec)) return;
    rec.status = 'Cancelled';
    rec.completedAt = this.market.now();
    rec.completedStatus = why;
    this.sink?.orderCancelled(rec, notify202);
    for (const child of this.children(rec)) this.cancel(child, notify202);
    this.unwatchIfIdle(rec.stock.conId);
  }

  cancelAll(): void {
    for (const rec of this.all()) if (!isDone(rec) && rec.order.parentId === 0) this.cancel(rec);
    for (const rec of this.all()) if (!isDone(rec)) this.cancel(rec);
  }

  /**
   * Try to execute the working orders of one instrument against the current quote (and a print).
   * Never re-entrant: reading the book advances the market, which emits quotes and prints whose watchers
   * call back in here mid-look. Such calls queue and run after the current look, in order; a nested look
   * computing fills from the same `remaining` as the outer one overfilled orders (seen as 262/100).
   */
  match(conId: number, trade?: SimTrade): void {
    this.looks.push({ conId, trade });
    if (this.looking) return;
    this.looking = true;
    try {
      for (let look = this.looks.shift(); look; look = this.looks.shift()) this.lookOnce(look.conId, look.trade);
    } finally {
      this.looking = false;
      this.looks.length = 0;
    }
  }

  private lookOnce(conId: number, trade?: SimTrade): void {
    if (this.paused()) return;
    const q = this.market.quote(conId);
    const now = this.market.now();
    const used = this.takenAt(conId);
    for (const rec of this.all()) {
      if (rec.stock.conId !== conId || rec.held || isDone(rec)) continue;
      if (now >= rec.expiresAt) {
        this.cancel(rec, false, 'Cancelled by System');
        continue;
      }
      if (now < rec.activeAfter) continue;
      if (rec.order.parentId && !this.parentFilled(rec)) continue;
      // Without outsideRth an order only works 09:30-16:00 ET (with it, 04:00-20:00): it waits PreSubmitted.
      if (!inSession(now, rec.order.outsideRth)) continue;
      if (rec.status === 'PreSubmitted' && !isStop(rec)) {
        rec.status = 'Submitted';
        this.sink?.orderChanged(rec, false);
      }
      if (isTrail(rec) && !rec.triggered && this.trail(rec, q, trade)) this.sink?.orderChanged(rec, true);
      if (isStop(rec) && !rec.triggered) {
        const aux = (isTrail(rec) ? rec.order.trailStopPrice : rec.order.auxPrice) ?? NaN;
        const px = trade?.price;
        const hit = isBuy(rec) ? (px !== undefined && px >= aux) || (q.ask > 0 && q.ask >= aux) : (px !== undefined && px <= aux) || (q.bid > 0 && q.bid <= aux);
        if (!hit) continue;
        rec.triggered = true;
        rec.status = 'Submitted';
        this.sink?.orderChanged(rec, false);
      }
      const deeper = (touch: number, shown: number) => deeperLevels(this.levels(conId, isBuy(rec)), isBuy(rec), touch, shown);
      for (const fill of capFills(fillsFor(rec, q, used, deeper, trade), this.faults.maxFillShares)) this.execute(rec, fill.shares, fill.price);
      // Immediate-or-cancel: whatever did not fill on the first look is cancelled.
      if (rec.order.tif === 'IOC' && !isDone(rec)) this.cancel(rec, false);
    }
  }

  /** Moves a trailing stop; true when it moved after the order was first priced. */
  private trail(rec: SimOrderRecord, q: { bid: number; ask: number; last: number }, trade?: SimTrade): boolean {
    const next = trailStop(rec, q, trade);
    if (next === undefined) return false;
    const moved = rec.order.trailStopPrice !== undefined;
    rec.order.trailStopPrice = next;
    return moved;
  }

  private levels(conId: number, buy: boolean) {
    const book = this.market.book(conId, 10, true);
    return buy ? book.asks : book.bids;
  }

  /** Displayed size the simulator's own orders took per price since the last quote of the instrument. */
  private takenAt(conId: number): Map<number, number> {
    let m = this.taken.get(conId);
    if (!m) this.taken.set(conId, (m = new Map()));
    return m;
  }

  /** A Gateway restart loses orders that were never transmitted (they lived only in the Gateway); the rest persist at IB. */
  dropHeld(): SimOrderRecord[] {
    const lost = this.all().filter((r) => r.held);
    for (const r of lost) this.byKey.delete(`${r.order.clientId}:${r.order.orderId}`);
    return lost;
  }

  private execute(rec: SimOrderRecord, wanted: number, price: number): void {
    // An execution never exceeds what is left (IB never fills past totalQuantity); a stale slice is dropped.
    const shares = Math.min(wanted, remaining(rec));
    if (!(shares > 0) || isDone(rec)) return;
    const buy = isBuy(rec);
    const commission = Math.max(1, Math.min(0.005 * shares, 0.01 * shares * price));
    const realized = this.accounts.applyFill(rec.order.account, rec.stock, buy, shares, price, commission);
    rec.avgFillPrice = (rec.avgFillPrice * rec.filled + price * shares) / (rec.filled + shares);
    rec.filled += shares;
    rec.lastFillPrice = price;
    const exec: IbExecution = {
      execId: `0000e0d5.${(this.execSeq++).toString(16).padStart(8, '0')}.01.01`, orderId: rec.order.orderId, clientId: rec.order.clientId,
      permId: rec.order.permId, time: this.market.now(), account: rec.order.account, exchange: rec.stock.primaryExchange === 'NASDAQ' ? 'ISLAND' : rec.stock.primaryExchange,
      side: buy ? 'BOT' : 'SLD', shares, price, cumQty: rec.filled, avgPrice: round(rec.avgFillPrice), orderRef: rec.order.orderRef,
      modelCode: rec.order.modelCode, lastLiquidity: rec.order.orderType === 'LMT' ? 1 : 2,
    };
    const report: IbCommissionReport = { execId: exec.execId, commission: round(commission), currency: 'USD', realizedPnl: realized === undefined ? undefined : round(realized) };
    this.fills.push({ exec, report, contract: { ...rec.contract, exchange: exec.exchange } });
    if (remaining(rec) <= 0) {
      rec.status = 'Filled';
      rec.completedAt = this.market.now();
      rec.completedStatus = `Filled Size: ${rec.filled}`;
    } else rec.status = 'Submitted';
    this.sink?.executed(rec, exec, report);
    this.afterFill(rec, shares);
  }

  private afterFill(rec: SimOrderRecord, shares: number): void {
    const siblings = rec.order.parentId ? this.children(this.parentOf(rec)).filter((c) => c !== rec) : [];
    for (const sib of siblings) this.cancel(sib, false);
    if (rec.order.ocaGroup) {
      for (const other of this.all()) {
        if (other === rec || isDone(other) || other.held || other.order.ocaGroup !== rec.order.ocaGroup || other.order.account !== rec.order.account) continue;
        if (rec.order.ocaType === 2 || rec.order.ocaType === 3) {
          other.order.totalQuantity = Math.max(other.filled, other.order.totalQuantity - shares);
          if (remaining(other) <= 0) this.cancel(other, false);
          else this.sink?.orderChanged(other, true);
        } else this.cancel(other, false);
      }
    }
    if (rec.status === 'Filled') {
      for (const child of this.children(rec)) {
        if (child.held || isDone(child)) continue;
        child.status = this.initialStatus(child);
        this.sink?.orderChanged(child, true);
      }
      this.unwatchIfIdle(rec.stock.conId);
      queueMicrotask(() => this.match(rec.stock.conId));
    }
  }

  /** Releases an order: with it, every held member of its bracket goes live (parent first). */
  private release(rec: SimOrderRecord): void {
    const parent = rec.order.parentId ? this.parentOf(rec) : undefined;
    const root = parent && !isDone(parent) ? parent : rec;
    const group = [root, ...this.children(root)].filter((r) => r === rec || r.held);
    for (const r of group) {
      r.held = false;
      r.status = this.initialStatus(r);
      this.sink?.orderChanged(r, true);
    }
    const conIds = new Set(group.map((r) => r.stock.conId));
    for (const conId of conIds) this.watch(conId);
    queueMicrotask(() => {
      for (const conId of conIds) this.match(conId);
    });
  }

  private initialStatus(rec: SimOrderRecord): SimOrderStatus {
    if (rec.order.parentId && !this.parentFilled(rec)) return 'PreSubmitted';
    if (this.market.now() < rec.activeAfter) return 'PreSubmitted';
    if (!inSession(this.market.now(), rec.order.outsideRth)) return 'PreSubmitted';
    if (isStop(rec) && !rec.triggered) return 'PreSubmitted';
    return 'Submitted';
  }

  private parentOf(rec: SimOrderRecord): SimOrderRecord | undefined {
    return this.get(rec.order.clientId, rec.order.parentId);
  }

  private parentFilled(rec: SimOrderRecord): boolean {
    const p = this.parentOf(rec);
    return !p || p.status === 'Filled';
  }

  private children(rec: SimOrderRecord | undefined): SimOrderRecord[] {
    if (!rec) return [];
    return this.all()
      .filter((c) => c.order.clientId === rec.order.clientId && c.order.parentId === rec.order.orderId)
      .sort((a, b) => a.order.orderId - b.order.orderId);
  }

  private watch(conId: number): void {
    if (this.watchers.has(conId)) return;
    const offQ = this.market.onQuote(conId, (_q: SimQuote) => {
      // A new quote shows fresh displayed size: what our orders took from the old one no longer counts.
      this.taken.delete(conId);
      this.match(conId);
    });
    const offT = this.market.onTrade(conId, (t: SimTrade) => this.match(conId, t));
    this.watchers.set(conId, () => {
      offQ();
      offT();
    });
  }

  private unwatchIfIdle(conId: number): void {
    if (this.all().some((r) => r.stock.conId === conId && !isDone(r) && !r.held)) return;
    this.watchers.get(conId)?.();
    this.watchers.delete(conId);
  }

  dispose(): void {
    for (const off of this.watchers.values()) off();
    this.watchers.clear();
  }
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

