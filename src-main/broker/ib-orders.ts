/**
 * Orders over @stoqey/ib: place/cancel/global cancel, open orders of every client, today's executions with their
 * commissions, positions, account P&L and order-entry quote lines (with shortable shares). Callbacks are turned
 * into domain shapes (ib-order-parse.ts) and fanned out to listeners.
 */
import { EventName, type Contract, type Execution as IbExecution, type IBApi, type Order, type OrderState } from '@stoqey/ib';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { CommissionReport, Execution } from '../../src-shared/domain/trades/execution';
import type { Disposable } from '../platform/disposable';
import { fromIbCommission, fromIbCompletedOrder, fromIbExecution, fromIbOpenOrder, toIbOrder } from './ib-order-parse';
import type { IbLink } from './ib-link';
import { attachListeners } from './ib-listeners';
import type { BrokerCompletedOrder, BrokerOpenOrder, BrokerOrderStatus, BrokerPosition, OrderListener, OrderPort, OrderSpec, TradingQuote } from './order-port';
import { toIbContract } from './parse';
import type { Scheduler } from './scheduler';

/** IB codes that concern one order (id = orderId). */
const ORDER_CODES = new Set([103, 104, 105, 110, 135, 161, 201, 202, 203, 399, 404, 434, 10147, 10148, 10149, 10006, 2109]);

interface Collect<T> {
  items: T[];
  done(r: Result<T[]>): void;
}

export class IbOrderService implements OrderPort {
  private readonly listeners = new Set<OrderListener>();
  private readonly quotes = new Map<string, TradingQuote>();
  private readonly quoteLines = new Map<number, string>();
  private readonly watched = new Map<string, Instrument>();
  private pnlAccount: string | undefined;
  private pnlReqId: number | undefined;
  private nextId = 0;
  private currentClientId = 0;
  private up = false;
  private openCollect: (Collect<BrokerOpenOrder> & { statuses: BrokerOrderStatus[] }) | undefined;
  private readonly execCollect = new Map<number, Collect<Execution> & { commissions: CommissionReport[] }>();
  private posCollect: Collect<BrokerPosition> | undefined;
  private completedCollect: Collect<BrokerCompletedOrder> | undefined;
  private readonly knownOrders = new Set<number>();

  constructor(private readonly link: IbLink, private readonly scheduler: Scheduler) {}

  // ---- connection -------------------------------------------------------------------------------------
  attach(api: IBApi, session: { clientId: number; nextOrderId: number }): () => void {
    this.currentClientId = session.clientId;
    this.nextId = Math.max(this.nextId, session.nextOrderId);
    this.up = true;
    const emit = <K extends keyof OrderListener>(k: K, ...args: Parameters<NonNullable<OrderListener[K]>>) => {
      for (const l of [...this.listeners]) (l[k] as ((...a: unknown[]) => void) | undefined)?.(...args);
    };
    const detach = attachListeners(api, [
      [EventName.nextValidId, ((id: number) => (this.nextId = Math.max(this.nextId, id))) as never],
      [EventName.openOrder, ((id: number, c: Contract, o: Order, st: OrderState) => {
        const open = fromIbOpenOrder(id, c, o, st);
        if (open.clientId === this.currentClientId) this.knownOrders.add(id);
        this.openCollect?.items.push(open);
        emit('openOrder', open);
      }) as never],
      [EventName.openOrderEnd, (() => this.finishOpen()) as never],
      [EventName.completedOrder, ((c: Contract, o: Order, st: OrderState) => this.completedCollect?.items.push(fromIbCompletedOrder(c, o, st))) as never],
      [EventName.completedOrdersEnd, (() => this.finishCompleted()) as never],
      [EventName.orderStatus, ((orderId: number, status: string, filled: number, remaining: number, avg: number, permId: number, parentId: number, last: number, clientId: number) => {
        const s: BrokerOrderStatus = { orderId, status, filled: Number(filled), remaining: Number(remaining), avgFillPrice: avg, permId, parentId, lastFillPrice: last, clientId };
        this.openCollect?.statuses.push(s);
        emit('orderStatus', s);
      }) as never],
      [EventName.execDetails, ((reqId: number, c: Contract, e: IbExecution) => {
        const x = fromIbExecution(c, e, this.link.now());
        if (!x) return;
        const job = this.execCollect.get(reqId);
        if (job) job.items.push(x);
        else emit('execution', x);
      }) as never],
      [EventName.execDetailsEnd, ((reqId: number) => this.finishExec(reqId)) as never],
      [EventName.commissionReport, ((r: { execId?: string }) => {
        const c = fromIbCommission(r);
        if (!c) return;
        for (const job of this.execCollect.values()) if (job.items.some((x) => x.execId === c.execId)) return void job.commissions.push(c);
        emit('commission', c);
      }) as never],
      [EventName.position, ((account: string, c: Contract, pos: number, avgCost: number) => {
        const p: BrokerPosition = { account, symbol: (c.symbol ?? '').toUpperCase(), conId: c.conId ?? 0, position: Number(pos), avgCost: Number(avgCost) };
        this.posCollect?.items.push(p);
        emit('position', p);
      }) as never],
      [EventName.positionEnd, (() => {
        const job = this.posCollect;
        this.posCollect = undefined;
        job?.done(ok(job.items));
      }) as never],
      [EventName.pnl, ((reqId: number, daily: number, unrealized: number, realized: number) => {
        if (reqId !== this.pnlReqId) return;
        const f = (v: number) => (Number.isFinite(v) && Math.abs(v) < 1e300 ? v : null);
        emit('pnl', { daily: f(daily), unrealized: f(unrealized), realized: f(realized) });
      }) as never],
      [EventName.tickPrice, ((reqId: number, field: number, value: number) => this.onTick(reqId, field, value)) as never],
      [EventName.tickSize, ((reqId: number, field: number, value: number) => this.onTick(reqId, field, value)) as never],
      [EventName.tickGeneric, ((reqId: number, field: number, value: number) => this.onTick(reqId, field, value)) as never],
    ]);
    this.resubscribe();
    return () => {
      detach();
      this.connectionLost();
    };
  }

  /** Settles whatever waits on the dead socket; subscriptions are re-requested on the next attach. */
  connectionLost(): void {
    this.up = false;
    this.quoteLines.clear();
    this.pnlReqId = undefined;
    this.finishOpen(err('NOT_CONNECTED', 'the connection to IB was lost'));
    for (const id of [...this.execCollect.keys()]) this.finishExec(id, err('NOT_CONNECTED', 'the connection to IB was lost'));
    const pos = this.posCollect;
    this.posCollect = undefined;
    pos?.done(err('NOT_CONNECTED', 'the connection to IB was lost'));
    this.finishCompleted(err('NOT_CONNECTED', 'the connection to IB was lost'));
  }

  /** True when IB's message about `orderId` was handled here. */
  handleError(id: number, code: number, message: string): boolean {
    if (!ORDER_CODES.has(code) && !this.knownOrders.has(id)) return false;
    for (const l of [...this.listeners]) l.orderError?.(id, code, message);
    return true;
  }

  // ---- OrderPort ---------------------------------------------------------------------------------------
  ready = (): boolean => this.up && this.link.isUp() && this.nextId > 0;
  clientId = (): number => this.currentClientId;
  nextOrderId = (): number => this.nextId++;
  seenOrderId(id: number): void {
    this.nextId = Math.max(this.nextId, id + 1);
  }

  placeOrder(spec: OrderSpec): void {
    const { contract, order } = toIbOrder(spec);
    this.knownOrders.add(spec.orderId);
    this.link.send((api) => api.placeOrder(spec.orderId, contract, order));
  }
  cancelOrder(orderId: number): void {
    this.link.send((api) => api.cancelOrder(orderId));
  }
  globalCancel(): void {
    this.link.send((api) => api.reqGlobalCancel());
  }

  allOpenOrders(timeoutMs = 5000): ReturnType<OrderPort['allOpenOrders']> {
    if (!this.ready()) return Promise.resolve(err('NOT_CONNECTED', 'not connected to IB'));
    if (this.openCollect) return Promise.resolve(err('LIMIT_REACHED', 'an open-orders request is already running'));
    return new Promise((resolve) => {
      const timer = this.scheduler.setTimeout(() => this.finishOpen(err('INTERNAL', 'IB did not finish the open orders in time')), timeoutMs);
      this.openCollect = {
        items: [], statuses: [],
        done: (r) => {
          this.scheduler.clearTimeout(timer);
          resolve(r.ok ? ok({ orders: r.value, statuses: job.statuses }) : r);
        },
      };
      const job = this.openCollect;
      this.link.send((api) => api.reqAllOpenOrders());
    });
  }

  executions(timeoutMs = 5000): ReturnType<OrderPort['executions']> {
    if (!this.ready()) return Promise.resolve(err('NOT_CONNECTED', 'not connected to IB'));
    const reqId = this.link.nextReqId();
    return new Promise((resolve) => {
      const timer = this.scheduler.setTimeout(() => this.finishExec(reqId, err('INTERNAL', 'IB did not finish the executions in time')), timeoutMs);
      const job = {
        items: [] as Execution[], commissions: [] as CommissionReport[],
        done: (r: Result<Execution[]>) => {
          this.scheduler.clearTimeout(timer);
          // Commissions can trail execDetailsEnd: later ones reach listeners through the live path.
          resolve(r.ok ? ok({ executions: r.value, commissions: job.commissions }) : r);
        },
      };
      this.execCollect.set(reqId, job);
      this.link.send((api) => api.reqExecutions(reqId, {} as never));
    });
  }

  completedOrders(timeoutMs = 5000): Promise<Result<BrokerCompletedOrder[]>> {
    if (!this.ready()) return Promise.resolve(err('NOT_CONNECTED', 'not connected to IB'));
    if (this.completedCollect) return Promise.resolve(err('LIMIT_REACHED', 'a completed-orders request is already running'));
    return new Promise((resolve) => {
      const timer = this.scheduler.setTimeout(() => this.finishCompleted(err('INTERNAL', 'IB did not finish the completed orders in time')), timeoutMs);
      this.completedCollect = { items: [], done: (r) => (this.scheduler.clearTimeout(timer), resolve(r)) };
      // apiOnly: orders placed through the API; TWS's own are not ours to reconcile.
      this.link.send((api) => api.reqCompletedOrders(true));
    });
  }

  private finishCompleted(r?: Result<BrokerCompletedOrder[]>): void {
    const job = this.completedCollect;
    this.completedCollect = undefined;
    job?.done(r ?? ok(job.items));
  }

  positions(timeoutMs = 5000): Promise<Result<BrokerPosition[]>> {
    if (!this.ready()) return Promise.resolve(err('NOT_CONNECTED', 'not connected to IB'));
    if (this.posCollect) return Promise.resolve(err('LIMIT_REACHED', 'a positions request is already running'));
    return new Promise((resolve) => {
      const timer = this.scheduler.setTimeout(() => {
        const job = this.posCollect;
        this.posCollect = undefined;
        job?.done(err('INTERNAL', 'IB did not finish the positions in time'));
      }, timeoutMs);
      this.posCollect = { items: [], done: (r) => (this.scheduler.clearTimeout(timer), resolve(r)) };
      this.link.send((api) => api.reqPositions());
    });
  }

  watchPnl(account: string): void {
    if (this.pnlAccount === account && this.pnlReqId !== undefined) return;
    this.pnlAccount = account;
    if (this.up) this.requestPnl();
  }

  watchQuote(instrument: Instrument): void {
    if (this.watched.has(instrument.symbol)) return;
    this.watched.set(instrument.symbol, instrument);
    if (this.up) this.requestQuote(instrument);
  }

  unwatchQuote(symbol: string): void {
    if (!this.watched.delete(symbol)) return;
    this.quotes.delete(symbol);
    for (const [id, sym] of this.quoteLines) {
      if (sym !== symbol) continue;
      this.quoteLines.delete(id);
      if (this.up) this.link.send((api) => api.cancelMktData(id));
    }
  }

  watchedQuotes(): string[] {
    return [...this.watched.keys()];
  }

  quote(symbol: string): TradingQuote | undefined {
    return this.quotes.get(symbol);
  }

  listen(listener: OrderListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  // ---- internals ---------------------------------------------------------------------------------------
  private resubscribe(): void {
    if (this.pnlAccount) this.requestPnl();
    for (const i of this.watched.values()) this.requestQuote(i);
  }

  private requestPnl(): void {
    const id = this.link.nextReqId();
    this.pnlReqId = id;
    const account = this.pnlAccount!;
    this.link.send((api) => api.reqPnL(id, account, ''));
  }

  private requestQuote(i: Instrument): void {
    const id = this.link.nextReqId();
    this.quoteLines.set(id, i.symbol);
    const c = toIbContract(i);
    this.link.send((api) => api.reqMktData(id, c, '236', false, false));
  }

  private onTick(reqId: number, field: number, value: number): void {
    const symbol = this.quoteLines.get(reqId);
    if (!symbol || !Number.isFinite(value)) return;
    const q: TradingQuote = { ...(this.quotes.get(symbol) ?? {}), ts: this.link.now() };
    if (field === 1 && value > 0) q.bid = value;
    else if (field === 2 && value > 0) q.ask = value;
    else if (field === 4 && value > 0) q.last = value;
    else if (field === 49) q.halted = value > 0;
    else if (field === 89) q.shortableShares = value;
    else return;
    this.quotes.set(symbol, q);
  }

  private finishOpen(r?: Result<BrokerOpenOrder[]>): void {
    const job = this.openCollect;
    this.openCollect = undefined;
    job?.done(r ?? ok(job.items));
  }

  private finishExec(reqId: number, r?: Result<Execution[]>): void {
    const job = this.execCollect.get(reqId);
    if (!job) return;
    this.execCollect.delete(reqId);
    job.done(r ?? ok(job.items));
  }
}
