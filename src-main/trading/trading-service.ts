/**
 * Order entry in the main process. Every intent goes through `checkIntent`; nothing is sent unless the state
 * machine says armed (or reducing, for shrinking orders) and every limit holds. Cancels and flatten-all always
 * work. Every intent, decision, transition, order event and fill is written to the audit log.
 */
import type { BrokerStatus } from '../../src-shared/contract/features/broker';
import type { FlattenResult, ModifyRequest, OrderRow, PlaceResult, PositionRow, TradingStatus } from '../../src-shared/contract/features/trading';
import { err, ok, type ErrorCode, type Result } from '../../src-shared/contract/result';
import type { Instrument } from '../../src-shared/domain/instrument';
import { etDate, etToEpoch, nextTradingDay } from '../../src-shared/domain/market-time';
import { checkIntent } from '../../src-shared/domain/risk/check-intent';
import type { OrderIntent } from '../../src-shared/domain/risk/intent';
import { RiskLimits } from '../../src-shared/domain/risk/limits';
import type { CommissionReport, Execution, ExecutionSource } from '../../src-shared/domain/trades/execution';
import { initialTradingModel, transition, type TradingEvent, type TradingMode, type TradingModel } from '../../src-shared/domain/trading/state-machine';
import type { OrderPort } from '../broker/order-port';
import type { Scheduler, TimerHandle } from '../broker/scheduler';
import type { Clock } from '../platform/clock';
import type { Disposable } from '../platform/disposable';
import type { Logger } from '../platform/log';
import type { AuditAppend, AuditRepo, TradingRepo } from '../storage';
import { buildOrders } from './build-orders';
import { OrderBook } from './order-book';
import { reconcile } from './reconcile';
import { checkLedger } from './ledger-check';
import { buildRiskContext } from './risk-context';
import { flattenAll } from './flatten';
import { modifySpec } from './modify-order';
import { OrderFlow } from './order-flow';
import { AccountState } from './account-state';
import { reattachIntent, unprotectedEntries } from './unprotected';
import { marketPhase } from '../../src-shared/domain/market-time';
import { confirmSent, logRefusal, recordAccepted, type DecisionLogDeps } from './decision-log';
import { isReattachedStopRef } from './order-role';
import { QuoteLines } from './quote-lines';

export interface TradingBroker {
  status(): BrokerStatus;
  onStatus(listener: (s: BrokerStatus) => void): Disposable;
  resolve(symbol: string): Promise<Result<Instrument>>;
}

export interface TradingOptions {
  broker: TradingBroker;
  orders: OrderPort;
  repo: TradingRepo;
  audit: AuditRepo;
  /** Runs writes in one durable (synchronous=FULL) transaction. */
  durably: <T>(fn: () => T) => T;
  /** The pre-send record of accepted intents (Storage.journal): one append before an order's bytes leave. */
  journal: { append(intent: OrderIntent, ts: number): void };
  clock: Clock;
  scheduler: Scheduler;
  /** Limits when the trader has set none (`trading:setLimits` stores theirs). */
  limits: () => RiskLimits;
  /** The connection's check that the account's mode is the one the trader chose (item 2 of issue 12). */
  accountModeOk: () => { ok: true } | { ok: false; reason: string };
  onExecution?: (e: Execution, source: ExecutionSource) => void;
  onCommission?: (c: CommissionReport) => void;
  emitStatus?: (s: TradingStatus) => void;
  emitOrders?: (rows: OrderRow[]) => void;
  emitPositions?: (rows: PositionRow[]) => void;
  log: Logger;
  /** Wait this long for a first quote of a new symbol. */
  quoteWaitMs?: number;
  /** Go to reducing this many minutes before the 16:00 ET close (0 = off). */
  reduceBeforeCloseMin?: number;
}

const LIVE = new Set(['connected', 'degraded']);
const linkLost = (s: BrokerStatus) => s.state === 'degraded' && /1100/.test(s.reason ?? '');

export class TradingService {
  readonly book = new OrderBook();
  private model: TradingModel;
  private clientIdOfRecord: number | null;
  private readonly account: AccountState;
  private readonly knownIntents = new Set<string>();
  private readonly instruments = new Map<string, Instrument>();
  private readonly flow: OrderFlow;
  private readonly lines: QuoteLines;
  private readonly decisions: DecisionLogDeps;
  private readonly ttl = new Map<string, TimerHandle>();
  private recentSubmits: number[] = [];
  private ordersToday = 0;
  private day = '';
  private wasLive = false;
  private reconciling: Promise<void> | undefined;
  private tickTimer: TimerHandle | undefined;
  private reconcileTimer: TimerHandle | undefined;
  private reconcileAttempts = 0;
  private readonly subs: Disposable[] = [];
  private userLimits: RiskLimits | undefined;
  private haltedSymbols = new Set<string>();
  private disposed = false;

  constructor(private readonly o: TradingOptions) {
    const saved = o.repo.loadState();
    this.model = saved?.model ?? initialTradingModel(o.clock.now());
    this.clientIdOfRecord = saved?.clientId ?? null;
    for (const row of o.repo.orders()) this.book.put(row);
    const stored = o.repo.loadLimits();
    const parsed = stored === undefined ? undefined : RiskLimits.safeParse(stored);
    if (parsed && !parsed.success) o.log.warn('stored risk limits are invalid: using the defaults', { issue: parsed.error.issues[0]?.message });
    this.userLimits = parsed?.success ? parsed.data : undefined;
    this.haltedSymbols = new Set(o.repo.loadLedger()?.haltedSymbols ?? []);
    this.account = new AccountState({
      audit: (e) => this.audit(e), quote: (sym) => o.orders.quote(sym),
      watch: (sym) => void o.broker.resolve(sym).then((r) => r.ok && o.orders.watchQuote(r.value)),
      // A re-attached stop (`<intent>~stopN`) is an exit, not a trade.
      isEntryFill: (e) => !isReattachedStopRef(e.orderRef) && this.book.byRef(e.orderRef ?? '').some((r) => r.role === 'entry' && r.orderId === e.orderId),
      onExecution: o.onExecution, onCommission: o.onCommission,
    });
    this.decisions = { repo: o.repo, journal: o.journal, durably: o.durably, audit: (e) => this.audit(e) };
    for (const id of o.repo.acceptedIntentIds()) this.knownIntents.add(id);
    this.lines = new QuoteLines({
      orders: o.orders,
      needed: (sym) => this.haltedSymbols.has(sym) || this.book.working().some((r) => r.symbol === sym) || this.listPositions().some((p) => p.symbol === sym && p.position !== 0),
    });
    this.flow = new OrderFlow({
      book: this.book, repo: o.repo, durably: o.durably, audit: (e) => this.audit(e), now: () => o.clock.now(), clientId: () => o.orders.clientId(),
      isKnownIntent: (id) => this.isKnownIntent(id), changed: () => this.emitOrders(), overfilled: (row, filled) => this.haltOverfill(row, filled),
    });
  }

  start(): void {
    this.apply({ type: 'start' });
    this.rollDay();
    this.subs.push(this.o.orders.listen({
      openOrder: (x) => this.flow.openOrder(x),
      orderStatus: (x) => this.flow.orderStatus(x),
      execution: (x) => {
        if (this.account.execution(x, 'live')) this.checkTradesCap();
      },
      commission: (x) => this.account.commission(x),
      position: (x) => (this.account.position(x), this.emitPositions()),
      pnl: (x) => this.onPnl(x),
      orderError: (id, code, message) => this.flow.orderError(id, code, message),
    }));
    this.subs.push(this.o.broker.onStatus((s) => this.onBroker(s)));
    this.onBroker(this.o.broker.status());
    this.scheduleTick();
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.subs.splice(0)) s.dispose();
    this.o.scheduler.clearTimeout(this.tickTimer);
    this.o.scheduler.clearTimeout(this.reconcileTimer);
    for (const t of this.ttl.values()) this.o.scheduler.clearTimeout(t);
    this.ttl.clear();
  }

  // ---- reads --------------------------------------------------------------------------------------------
  status(): TradingStatus {
    const m = this.model;
    return {
      state: m.state, mode: m.mode, account: m.account, reason: m.reason, haltKind: m.haltKind, haltedUntil: m.haltedUntil, reconciled: m.reconciled, since: m.since,
      clientId: this.o.orders.ready() ? this.o.orders.clientId() : this.clientIdOfRecord, haltedSymbols: [...this.haltedSymbols].sort(), ordersToday: this.ordersToday,
      tradesToday: this.account.tradesToday, dailyPnl: this.account.pnl.daily, unrealizedPnl: this.account.pnl.unrealized, realizedPnl: this.account.pnl.realized,
      unprotected: unprotectedEntries(this.book.all(), this.listPositions()),
    };
  }
  listOrders(): OrderRow[] {
    return this.book.all().sort((a, b) => b.updatedAt - a.updatedAt);
  }
  listPositions(): PositionRow[] {
    return this.account.list();
  }

  limits(): RiskLimits {
    return this.userLimits ?? this.o.limits();
  }

  /** Limits change only while disarmed: never loosen them mid-session or to escape a halt. */
  setLimits(patch: Partial<RiskLimits>): Result<RiskLimits> {
    if (this.model.state !== 'disarmed') return err('RISK_REJECTED', `limits: editable only while disarmed (now ${this.model.state})`);
    const next = RiskLimits.safeParse({ ...this.limits(), ...patch });
    if (!next.success) return err('INVALID_INPUT', `limits: ${next.error.issues[0]?.path.join('.')}: ${next.error.issues[0]?.message}`);
    this.o.durably(() => {
      this.o.repo.saveLimits(next.data, this.o.clock.now());
      this.audit({ kind: 'action', rule: 'limits', message: 'risk limits changed', data: { before: this.limits(), after: next.data } });
    });
    this.userLimits = next.data;
    return ok(next.data);
  }

  // ---- arm / disarm ---------------------------------------------------------------------------------------
  arm(mode: TradingMode, typedAccount?: string): Result<TradingStatus> {
    const b = this.o.broker.status();
    const symbols = this.listPositions().filter((p) => p.position !== 0).map((p) => p.symbol);
    const fresh = b.state === 'connected' && symbols.every((s) => this.quoteFresh(s));
    const refused = this.apply({ type: 'arm', mode, typedAccount, gate: { connected: LIVE.has(b.state) && this.o.orders.ready(), quotesFresh: fresh, accountModeOk: this.o.accountModeOk() } });
    if (refused) {
      this.audit({ kind: 'action', rule: 'arm', message: `arm ${mode} refused: ${refused}` });
      return err('RISK_REJECTED', `arm: ${refused}`);
    }
    return ok(this.status());
  }

  disarm(reason = 'disarmed by the trader'): Result<TradingStatus> {
    const refused = this.apply({ type: 'disarm', reason });
    if (refused) return err('RISK_REJECTED', `disarm: ${refused}`);
    return ok(this.status());
  }

  /** Places a new protective stop for a bracket entry whose stop is gone, through the full risk check. */
  async reattachStop(intentId: string): Promise<Result<PlaceResult>> {
    const u = unprotectedEntries(this.book.all(), this.listPositions()).find((x) => x.intentId === intentId);
    if (!u) return err('NOT_FOUND', `intent ${intentId} has no unprotected fill`);
    const n = this.book.all().filter((r) => r.orderRef?.startsWith(`${intentId}~stop`)).length + 1;
    const minTick = this.instruments.get(u.symbol)?.minTick ?? 0.01;
    const stop = reattachIntent(u, `${intentId}~stop${n}`, marketPhase(this.o.clock.now()), this.limits().marketCollarPct, minTick);
    this.audit({ kind: 'action', intentId, symbol: u.symbol, message: `re-attach stop ${u.side} ${u.quantity} @ ${u.stopPrice}${stop.type === 'STP LMT' ? ` (stop-limit ${stop.limitPrice}, outside regular hours)` : ''}` });
    return this.place(stop);
  }

  /** By hand: from armed to reducing (only orders that shrink a position). */
  reduce(reason = 'reducing by hand'): Result<TradingStatus> {
    const refused = this.apply({ type: 'reduce', reason });
    return refused ? err('RISK_REJECTED', `reduce: ${refused}`) : ok(this.status());
  }

  /** The trader acknowledges reconciliation findings: halted symbols (and a reconciliation halt) lift. */
  acknowledge(): Result<TradingStatus> {
    const symbols = [...this.haltedSymbols];
    if (symbols.length > 0) {
      this.haltedSymbols.clear();
      this.o.durably(() => {
        this.saveHalts();
        this.audit({ kind: 'action', message: `acknowledged position mismatch on ${symbols.join(', ')}` });
      });
    }
    const refused = this.apply({ type: 'acknowledge' });
    if (refused && symbols.length === 0) return err('INVALID_INPUT', refused);
    this.emitStatus();
    return ok(this.status());
  }

  /** The halted symbols into the stored ledger (none before the first reconciliation, which writes them itself). */
  private saveHalts(): void {
    const ledger = this.o.repo.loadLedger();
    if (ledger) this.o.repo.saveLedger({ ...ledger, haltedSymbols: [...this.haltedSymbols] }, this.o.clock.now());
  }

  /** An order filled past its quantity: the position is not what the trader asked for, so the symbol halts until acknowledged. */
  private haltOverfill(row: OrderRow, filled: number): void {
    if (this.haltedSymbols.has(row.symbol)) return;
    this.haltedSymbols.add(row.symbol);
    this.o.durably(() => {
      this.saveHalts();
      this.audit({
        kind: 'reconciliation', intentId: row.orderRef, symbol: row.symbol, rule: 'overfill', data: { orderId: row.orderId, quantity: row.quantity, filled },
        message: `${row.symbol}: #${row.orderId} reported ${filled} filled of ${row.quantity} ordered; halted until acknowledged (check the position)`,
      });
    });
    this.emitStatus();
  }

  // ---- orders -------------------------------------------------------------------------------------------
  /**
   * Gets a symbol ready to trade before the first order: its contract and its order-entry quote line. Sends no
   * order and needs no arming; the renderer calls it when the ladder or the ticket shows a symbol.
   */
  async prepare(symbol: string): Promise<Result<{ symbol: string; quote: boolean }>> {
    const inst = await this.o.broker.resolve(symbol);
    if (!inst.ok) return inst;
    this.lines.use(inst.value);
    return ok({ symbol: inst.value.symbol, quote: this.o.orders.quote(inst.value.symbol) !== undefined });
  }

  async place(intent: OrderIntent): Promise<Result<PlaceResult>> {
    const now = this.o.clock.now();
    this.rollDay();
    const inst = await this.o.broker.resolve(intent.symbol);
    if (!inst.ok) return this.refuse(intent, now, 'instrument', inst.error.message, inst.error.code);
    this.lines.use(inst.value);
    if (!this.o.orders.quote(intent.symbol)) await this.waitForQuote(intent.symbol);
    return this.decide(intent, inst.value);
  }

  /** The synchronous part: decision, then bytes to the wire. Split out so a benchmark can time it. */
  decide(intent: OrderIntent, instrument: Instrument): Result<PlaceResult> {
    const now = this.o.clock.now();
    this.instruments.set(instrument.symbol, instrument);
    const limits = this.limits();
    const quote = this.o.orders.quote(intent.symbol);
    const ctx = buildRiskContext({
      now, state: this.model.state, haltedSymbols: [...this.haltedSymbols],
      // An external order with this ref is ours from a crash before the intent row reached the disk: a duplicate.
      isKnownIntent: (id) => this.isKnownIntent(id) || this.book.refSeen(id), minTick: instrument.minTick, quote,
      quoteOf: (s) => this.o.orders.quote(s), positions: this.listPositions(), book: this.book, ordersToday: this.ordersToday,
      tradesToday: this.account.tradesToday, dailyPnl: this.account.pnl.daily, recentSubmits: this.recentSubmits,
    });
    const decision = checkIntent(intent, ctx, limits);
    const account = this.model.account;
    if (decision.ok && (!this.o.orders.ready() || !account)) return this.refuse(intent, now, 'state', 'state: not connected to IB', 'NOT_CONNECTED');
    if (!decision.ok) {
      if (decision.rule === 'duplicate-intent') return this.duplicate(intent, now, decision.message);
      return this.refuse(intent, now, decision.rule, decision.message, 'RISK_REJECTED');
    }
    const built = buildOrders({ intent, instrument, account: account!, nextId: () => this.o.orders.nextOrderId(), quote: { bid: ctx.quote!.bid, ask: ctx.quote!.ask }, collarPct: limits.marketCollarPct });
    const clientId = this.o.orders.clientId();
    this.knownIntents.add(intent.intentId);
    this.ordersToday++;
    // Before the wire: the intent and its decision, surviving an app crash; no fsync on the order path (an fsync
    // here cost 2.8 ms p50 / 17 ms p99). The fsync follows right after the send (docs/trading.md).
    try {
      recordAccepted(this.decisions, intent, now);
    } catch (e) {
      return this.unrecorded(intent, e);
    }
    try {
      for (const b of built) {
        this.o.orders.placeOrder(b.spec);
        this.recentSubmits.push(now);
      }
    } finally {
      // The book learns of them after the bytes left (IB's answers arrive on a later turn), off the wire path;
      // also when a send threw, since part of a bracket may be out: reconciliation settles what IB has.
      for (const b of built) this.book.placed(b.spec, clientId, b.role, now);
    }
    try {
      confirmSent(this.decisions, intent, now, built, this.book, clientId);
    } catch (e) {
      // The order is out and its intent recorded: report it placed, never as failed (a retry would be a duplicate).
      this.o.log.error('could not write the sent entries durably', { intentId: intent.intentId, error: String(e) });
    }
    this.recentSubmits = this.recentSubmits.filter((t) => t > now - 2000);
    if (intent.ttlSec) this.armTtl(intent.intentId, intent.ttlSec);
    this.emitOrders();
    this.emitStatus();
    return ok({ intentId: intent.intentId, orderIds: built.map((b) => b.spec.orderId), duplicate: false });
  }

  cancel(orderId: number): Result<OrderRow> {
    const row = this.book.get(this.o.orders.clientId(), orderId) ?? this.book.all().find((r) => r.orderId === orderId && !r.external) ?? this.book.all().find((r) => r.orderId === orderId);
    if (!row) return err('NOT_FOUND', `order ${orderId} is not known`);
    if (row.external) return err('INVALID_INPUT', `order ${orderId} was placed outside Tapedeck: read-only`);
    if (!row.working) return err('INVALID_INPUT', `order ${orderId} is ${row.status}: nothing to cancel`);
    if (!this.o.orders.ready()) return err('NOT_CONNECTED', 'not connected to IB: cannot cancel');
    this.o.orders.cancelOrder(orderId);
    this.audit({ kind: 'action', intentId: row.orderRef, symbol: row.symbol, message: `cancel #${orderId}` });
    return ok(row);
  }

  cancelAll(): Result<{ working: number }> {
    if (!this.o.orders.ready()) return err('NOT_CONNECTED', 'not connected to IB: cannot cancel');
    const working = this.book.working().length;
    this.o.orders.globalCancel();
    this.audit({ kind: 'action', message: `cancel all (reqGlobalCancel), ${working} working` });
    return ok({ working });
  }

  async flattenAll(): Promise<Result<FlattenResult>> {
    this.audit({ kind: 'action', message: `flatten all (from ${this.model.state})` });
    const r = await flattenAll({
      orders: this.o.orders, broker: this.o.broker, book: this.book, positions: () => this.listPositions(), limits: this.limits(), account: this.model.account,
      now: () => this.o.clock.now(), waitForQuote: (s) => this.waitForQuote(s), wait: (ms) => this.sleep(ms),
      placed: (spec, ref) => {
        const row = this.book.placed(spec, this.o.orders.clientId(), 'flatten', this.o.clock.now());
        this.o.durably(() => {
          this.o.repo.upsertOrder(row);
          this.audit({ kind: 'order', intentId: ref, symbol: spec.instrument.symbol, message: `sent flatten #${spec.orderId} ${spec.side} ${spec.quantity} LMT ${spec.limitPrice}` });
        });
      },
    });
    if (!r.ok) return r;
    this.apply({ type: 'halt', kind: 'flatten', reason: 'flatten-all: disarm by hand to trade again' });
    this.emitOrders();
    return r;
  }

  modify(req: ModifyRequest): Result<OrderRow> {
    const row = this.book.get(this.o.orders.clientId(), req.orderId);
    const spec = modifySpec(req, {
      row, instrument: row && this.instruments.get(row.symbol), state: this.model.state, linkLost: linkLost(this.o.broker.status()),
      inFlight: this.flow.modifying.has(req.orderId), quote: row && this.o.orders.quote(row.symbol), limits: this.limits(), account: this.model.account ?? '',
      // Re-attached stops carry `<intentId>~stopN`: the flag comes from the original intent.
      outsideRth: row?.orderRef ? (this.o.repo.intentOf(row.orderRef.split('~')[0])?.outsideRth ?? false) : false,
    });
    if (!spec.ok) return spec;
    this.flow.modifying.add(req.orderId);
    this.o.orders.placeOrder(spec.value);
    this.audit({ kind: 'action', intentId: row!.orderRef, symbol: row!.symbol, message: `modify #${req.orderId}: qty ${spec.value.quantity} limit ${spec.value.limitPrice ?? '-'} stop ${spec.value.stopPrice ?? '-'}` });
    return ok(row!);
  }

  // ---- internals ----------------------------------------------------------------------------------------
  private isKnownIntent(id: string): boolean {
    // knownIntents holds every accepted id of the intents table (loaded at start, added on accept): no SQLite
    // read on the order path.
    return this.knownIntents.has(id) || this.account.fillRefs.has(id) || this.book.hasRef(id);
  }

  private refuse(intent: OrderIntent, now: number, rule: string, message: string, code: ErrorCode): Result<PlaceResult> {
    logRefusal(this.decisions, intent, now, rule, message);
    return err(code, message);
  }

  /** The pre-send record failed (disk full, I/O error): nothing was sent, and the book forgets the orders. */
  private unrecorded(intent: OrderIntent, e: unknown): Result<PlaceResult> {
    this.knownIntents.delete(intent.intentId);
    this.ordersToday--;
    this.o.log.error('could not record an accepted intent: not sent', { intentId: intent.intentId, error: String(e) });
    return err('INTERNAL', `storage: the intent could not be recorded, so it was not sent (${e instanceof Error ? e.message : String(e)})`);
  }

  private duplicate(intent: OrderIntent, now: number, message: string): Result<PlaceResult> {
    this.audit({ ts: now, kind: 'decision', intentId: intent.intentId, symbol: intent.symbol, rule: 'duplicate-intent', message });
    return ok({ intentId: intent.intentId, orderIds: this.book.byRef(intent.intentId).map((r) => r.orderId), duplicate: true });
  }

  private apply(e: TradingEvent): string | undefined {
    const now = this.o.clock.now();
    const t = transition(this.model, e, now);
    if (t.refused) return t.refused;
    const prev = this.model;
    this.model = t.model;
    if (JSON.stringify(prev) !== JSON.stringify(t.model)) {
      this.o.durably(() => {
        this.o.repo.saveState(t.model, this.clientIdOfRecord, now);
        if (prev.state !== t.model.state || prev.reason !== t.model.reason) this.audit({ kind: 'transition', message: `${prev.state} → ${t.model.state}: ${t.model.reason}`, data: { event: e.type } });
      });
      this.emitStatus();
    }
    return undefined;
  }

  audit(e: Omit<AuditAppend, 'ts'> & { ts?: number }): void {
    this.o.audit.append({ ts: this.o.clock.now(), ...e });
  }

  private onBroker(s: BrokerStatus): void {
    const live = LIVE.has(s.state) && !linkLost(s);
    if (linkLost(s) && this.wasLive) this.apply({ type: 'linkLost' });
    else if (!LIVE.has(s.state) && this.wasLive) this.apply({ type: 'disconnected', reason: s.reason ?? s.state });
    if (live && !this.wasLive) {
      this.reconcileAttempts = 0;
      this.o.scheduler.clearTimeout(this.reconcileTimer);
      this.apply({ type: 'connected', account: s.accounts[0] ?? null });
      if (s.accounts[0]) this.o.orders.watchPnl(s.accounts[0]);
      void this.runReconcile();
    }
    this.wasLive = live;
  }

  private async runReconcile(): Promise<void> {
    if (this.reconciling) await this.reconciling;
    this.reconciling = (async () => {
      const r = await reconcile(this.o.orders, this.book, (ref) => this.isKnownIntent(ref), () => this.o.clock.now());
      // The app closed while IB was answering: its storage may be closed already, and nothing here matters now.
      if (this.disposed) return;
      if (!r.ok) {
        // Usually transient (an answer IB dropped or sent late): ask again while connected, never arm meanwhile.
        const retryMs = this.retryReconcileLater();
        const reason = retryMs === null ? r.error.message : `${r.error.message}; retrying in ${retryMs / 1000} s`;
        this.audit({ kind: 'reconciliation', message: `failed: ${reason}` });
        this.apply({ type: 'reconciled', ok: false, reason });
        return;
      }
      this.reconcileAttempts = 0;
      const v = r.value;
      const me = this.o.orders.clientId();
      this.account.reset(v.positions);
      for (const e of v.executions) this.account.execution(e, 'reconciliation');
      for (const c of v.commissions) this.account.commission(c);
      checkLedger(this.o.repo, (e) => this.audit(e), this.haltedSymbols, v.executions, v.positions, this.o.clock.now());
      this.o.durably(() => {
        for (const row of this.book.all()) this.o.repo.upsertOrder(row);
        for (const f of v.findings) this.audit({ kind: 'reconciliation', message: f.message, symbol: f.symbol, intentId: f.intentId ?? null, data: f.data });
        this.audit({ kind: 'reconciliation', message: `reconciled: ${this.book.working().length} working orders, ${v.executions.length} executions, ${v.positions.length} positions`, data: { clientId: me } });
      });
      if (this.clientIdOfRecord !== null && this.clientIdOfRecord !== me && v.foreignOurs > 0) {
        this.apply({ type: 'clientIdChanged', from: this.clientIdOfRecord, to: me });
        this.apply({ type: 'reconciled', ok: false, reason: `${v.foreignOurs} working orders belong to clientId ${this.clientIdOfRecord}; reconnect with it` });
        return;
      }
      this.clientIdOfRecord = me;
      this.apply({ type: 'reconciled', ok: true });
      this.o.repo.saveState(this.model, me, this.o.clock.now());
      this.emitOrders();
      this.emitPositions();
    })();
    await this.reconciling;
  }

  /** Schedules another reconciliation (2 s, 4 s, … 30 s) while the session stays connected; null when not. */
  private retryReconcileLater(): number | null {
    if (!this.wasLive) return null;
    this.reconcileAttempts++;
    const ms = Math.min(30_000, 2000 * 2 ** (this.reconcileAttempts - 1));
    this.o.scheduler.clearTimeout(this.reconcileTimer);
    this.reconcileTimer = this.o.scheduler.setTimeout(() => {
      if (this.wasLive && !this.model.reconciled) void this.runReconcile();
    }, ms);
    return ms;
  }

  /** Resolves when the current reconciliation (if any) has finished. */
  async settled(): Promise<void> {
    await this.reconciling;
  }

  private onPnl(p: { daily: number | null; unrealized: number | null; realized: number | null }): void {
    this.account.pnl = p;
    const limit = this.limits().maxDailyLoss;
    if (p.daily !== null && p.daily <= -limit && !(this.model.state === 'halted' && this.model.haltKind === 'daily-loss')) {
      const until = etToEpoch(nextTradingDay(etDate(this.o.clock.now())), 4, 0);
      this.apply({ type: 'halt', kind: 'daily-loss', reason: `daily loss lock: P&L ${p.daily.toFixed(2)} reached −${limit}`, until });
    }
    this.emitStatus();
  }

  private checkTradesCap(): void {
    if (this.model.state === 'armed' && this.account.tradesToday >= this.limits().maxTradesPerDay) this.apply({ type: 'reduce', reason: `trades-per-day cap (${this.limits().maxTradesPerDay}) reached: only reducing orders` });
  }

  private armTtl(intentId: string, ttlSec: number): void {
    this.ttl.set(intentId, this.o.scheduler.setTimeout(() => {
      this.ttl.delete(intentId);
      for (const row of this.book.byRef(intentId)) {
        if (row.role !== 'entry' || !row.working || row.remaining <= 0) continue;
        this.audit({ kind: 'action', intentId, symbol: row.symbol, message: `TTL ${ttlSec} s: cancel #${row.orderId} (${row.remaining} unfilled)` });
        if (this.o.orders.ready()) this.o.orders.cancelOrder(row.orderId);
      }
    }, ttlSec * 1000));
  }

  private scheduleTick(): void {
    this.tickTimer = this.o.scheduler.setTimeout(() => {
      this.apply({ type: 'tick' });
      this.rollDay();
      const before = this.o.reduceBeforeCloseMin ?? 0;
      const now = this.o.clock.now();
      const close = etToEpoch(etDate(now), 16, 0);
      if (before > 0 && this.model.state === 'armed' && now >= close - before * 60_000 && now < close) this.apply({ type: 'reduce', reason: `${before} min before the close: only reducing orders` });
      this.scheduleTick();
    }, 1000);
  }

  private rollDay(): void {
    const today = etDate(this.o.clock.now());
    if (today === this.day) return;
    this.day = today;
    this.ordersToday = this.o.repo.acceptedSince(etToEpoch(today, 0, 0));
    this.account.newDay();
  }

  private quoteFresh(symbol: string): boolean {
    const q = this.o.orders.quote(symbol);
    return q !== undefined && q.bid !== undefined && q.ask !== undefined && this.o.clock.now() - q.ts <= this.limits().maxQuoteAgeMs;
  }

  private async waitForQuote(symbol: string): Promise<void> {
    const until = Date.now() + (this.o.quoteWaitMs ?? 1500);
    while (Date.now() < until) {
      const q = this.o.orders.quote(symbol);
      if (q?.bid !== undefined && q.ask !== undefined) return;
      await this.sleep(20);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => this.o.scheduler.setTimeout(r, ms));
  }

  private emitStatus(): void {
    this.o.emitStatus?.(this.status());
  }
  private emitOrders(): void {
    this.o.emitOrders?.(this.listOrders());
  }
  private emitPositions(): void {
    this.o.emitPositions?.(this.listPositions());
  }
}
