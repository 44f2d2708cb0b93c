/** Trading state, intents, orders and order events. Every write is durable (synchronous=FULL). */
import type { OrderRow } from '../../src-shared/contract/features/trading';
import type { OrderIntent } from '../../src-shared/domain/risk/intent';
import { TradingModel } from '../../src-shared/domain/trading/state-machine';
import type { Db } from './database';
import { durableTransaction } from './durable-transaction';

export interface OrderEventRecord {
  ts: number;
  clientId: number;
  orderId: number;
  permId: number | null;
  status: string;
  filled: number;
  remaining: number;
  avgPrice: number | null;
  detail?: string;
}

/** What reconciliation compares the broker against next time. */
export interface PositionLedger {
  /** Signed shares per symbol at the last reconciliation (broker-authoritative then). */
  positions: Record<string, number>;
  /** execId bases already counted in `positions`. */
  execIds: string[];
  /** Symbols halted by a mismatch until the trader acknowledges it. */
  haltedSymbols: string[];
}

export interface TradingRepo {
  loadState(): { model: TradingModel; clientId: number | null } | undefined;
  saveState(model: TradingModel, clientId: number | null, now: number): void;
  /** The trader's limits (unknown keys dropped, missing ones defaulted by the caller's schema). */
  loadLimits(): unknown;
  saveLimits(limits: unknown, now: number): void;
  loadLedger(): PositionLedger | undefined;
  saveLedger(ledger: PositionLedger, now: number): void;
  recordIntent(intent: OrderIntent, ts: number, decision: { ok: true } | { ok: false; rule: string; message: string }): void;
  /** Intent ids accepted before (any day): idempotency survives a restart. */
  isAcceptedIntent(intentId: string): boolean;
  /** Every accepted intent id (any day), for an in-memory idempotency check off the order path. */
  acceptedIntentIds(): string[];
  /** The intent as it was recorded, or undefined. */
  intentOf(intentId: string): OrderIntent | undefined;
  acceptedSince(ts: number): number;
  upsertOrder(row: OrderRow): void;
  orderEvent(e: OrderEventRecord): void;
  orders(): OrderRow[];
}

interface OrderDbRow {
  client_id: number; order_id: number; perm_id: number | null; intent_id: string | null; role: OrderRow['role']; parent_id: number; symbol: string;
  side: 'BUY' | 'SELL'; quantity: number; type: string; limit_price: number | null; stop_price: number | null; tif: string; status: string;
  filled: number; avg_price: number | null; external: number; updated_at: number;
}

const WORKING = new Set(['ApiPending', 'PendingSubmit', 'PreSubmitted', 'Submitted', 'PendingCancel']);

export function createTradingRepo(db: Db): TradingRepo {
  const getState = db.prepare('SELECT model, client_id FROM trading_state WHERE id = 1');
  const putState = db.prepare(
    'INSERT INTO trading_state (id, model, client_id, updated_at) VALUES (1, @model, @clientId, @now) ON CONFLICT(id) DO UPDATE SET model = excluded.model, client_id = excluded.client_id, updated_at = excluded.updated_at',
  );
  const getLimits = db.prepare('SELECT limits FROM trading_state WHERE id = 1').pluck();
  const putLimits = db.prepare(
    "INSERT INTO trading_state (id, model, limits, updated_at) VALUES (1, '{}', @limits, @now) ON CONFLICT(id) DO UPDATE SET limits = excluded.limits, updated_at = excluded.updated_at",
  );
  const getLedger = db.prepare('SELECT ledger FROM trading_state WHERE id = 1').pluck();
  const putLedger = db.prepare(
    "INSERT INTO trading_state (id, model, ledger, updated_at) VALUES (1, '{}', @ledger, @now) ON CONFLICT(id) DO UPDATE SET ledger = excluded.ledger, updated_at = excluded.updated_at",
  );
  // The first decision is kept, except that an acceptance replaces an earlier refusal of the same id (refused while
  // disarmed, accepted once armed): the row must say accepted before the order is sent.
  const putIntent = db.prepare(
    `INSERT INTO intents (intent_id, ts, symbol, side, quantity, type, payload, decision, rule, message) VALUES (@id, @ts, @symbol, @side, @quantity, @type, @payload, @decision, @rule, @message)
     ON CONFLICT(intent_id) DO UPDATE SET ts = excluded.ts, payload = excluded.payload, decision = excluded.decision, rule = NULL, message = NULL
     WHERE excluded.decision = 'accepted' AND intents.decision <> 'accepted'`,
  );
  const accepted = db.prepare("SELECT 1 FROM intents WHERE intent_id = ? AND decision = 'accepted'").pluck();
  const acceptedIds = db.prepare("SELECT intent_id FROM intents WHERE decision = 'accepted'").pluck();
  const intentPayload = db.prepare('SELECT payload FROM intents WHERE intent_id = ?').pluck();
  const acceptedSince = db.prepare("SELECT COUNT(*) FROM intents WHERE decision = 'accepted' AND ts >= ?").pluck();
  const putOrder = db.prepare(`
    INSERT INTO orders (client_id, order_id, perm_id, intent_id, role, parent_id, symbol, side, quantity, type, limit_price, stop_price, tif, status, filled, avg_price, external, created_at, updated_at)
    VALUES (@clientId, @orderId, @permId, @orderRef, @role, @parentId, @symbol, @side, @quantity, @type, @limitPrice, @stopPrice, @tif, @status, @filled, @avgFillPrice, @external, @updatedAt, @updatedAt)
    ON CONFLICT(client_id, order_id) DO UPDATE SET perm_id = COALESCE(excluded.perm_id, perm_id), status = excluded.status, filled = excluded.filled,
      avg_price = excluded.avg_price, quantity = excluded.quantity, limit_price = excluded.limit_price, stop_price = excluded.stop_price, updated_at = excluded.updated_at`);
  const putEvent = db.prepare(
    'INSERT INTO order_events (ts, client_id, order_id, perm_id, status, filled, remaining, avg_price, detail) VALUES (@ts, @clientId, @orderId, @permId, @status, @filled, @remaining, @avgPrice, @detail)',
  );
  const allOrders = db.prepare('SELECT * FROM orders ORDER BY created_at, order_id');
  return {
    loadState() {
      const row = getState.get() as { model: string; client_id: number | null } | undefined;
      if (!row) return undefined;
      const parsed = TradingModel.safeParse(JSON.parse(row.model));
      return parsed.success ? { model: parsed.data, clientId: row.client_id } : undefined;
    },
    saveState: (model, clientId, now) => durableTransaction(db, () => putState.run({ model: JSON.stringify(model), clientId, now: Math.trunc(now) })),
    loadLimits: () => {
      const text = getLimits.get() as string | null | undefined;
      return text ? (JSON.parse(text) as unknown) : undefined;
    },
    saveLimits: (limits, now) => durableTransaction(db, () => putLimits.run({ limits: JSON.stringify(limits), now: Math.trunc(now) })),
    loadLedger: () => {
      const text = getLedger.get() as string | null | undefined;
      return text ? (JSON.parse(text) as PositionLedger) : undefined;
    },
    saveLedger: (ledger, now) => durableTransaction(db, () => putLedger.run({ ledger: JSON.stringify(ledger), now: Math.trunc(now) })),
    recordIntent: (i, ts, d) =>
      durableTransaction(db, () =>
        putIntent.run({
          id: i.intentId, ts: Math.trunc(ts), symbol: i.symbol, side: i.side, quantity: i.quantity, type: i.type, payload: JSON.stringify(i),
          decision: d.ok ? 'accepted' : 'rejected', rule: d.ok ? null : d.rule, message: d.ok ? null : d.message,
        }),
      ),
    isAcceptedIntent: (id) => accepted.get(id) !== undefined,
    acceptedIntentIds: () => acceptedIds.all() as string[],
    intentOf: (id) => {
      const text = intentPayload.get(id) as string | undefined;
      return text ? (JSON.parse(text) as OrderIntent) : undefined;
    },
    acceptedSince: (ts) => Number(acceptedSince.get(ts)),
    upsertOrder: (r) => durableTransaction(db, () => putOrder.run({ ...r, external: r.external ? 1 : 0 })),
    orderEvent: (e) => durableTransaction(db, () => putEvent.run({ ...e, detail: e.detail ?? null })),
    orders: () =>
      (allOrders.all() as OrderDbRow[]).map((r) => ({
        orderId: r.order_id, clientId: r.client_id, permId: r.perm_id, parentId: r.parent_id, orderRef: r.intent_id, role: r.role, symbol: r.symbol,
        side: r.side, quantity: r.quantity, type: r.type, limitPrice: r.limit_price, stopPrice: r.stop_price, tif: r.tif, status: r.status,
        filled: r.filled, remaining: Math.max(0, r.quantity - r.filled), avgFillPrice: r.avg_price, external: r.external === 1,
        working: WORKING.has(r.status), updatedAt: r.updated_at,
      })),
  };
}
