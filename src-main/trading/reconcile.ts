/**
 * Reconciliation, run on start and after every reconnect before arming: every client's open orders (matched to
 * intents by orderRef), today's completed orders (the final state of ours that finished while the app was away),
 * today's executions de-duplicated by execId (a higher revision corrects a lower), and
 * positions with the broker authoritative. Returns findings for the audit log; never sends an order.
 */
import { err, ok, type Result } from '../../src-shared/contract/result';
import { execIdParts, type CommissionReport, type Execution } from '../../src-shared/domain/trades/execution';
import type { BrokerPosition, OrderPort } from '../broker/order-port';
import type { OrderBook } from './order-book';
import { completedRow, matchCompleted } from './completed-orders';

export interface ReconcileOutcome {
  executions: Execution[];
  commissions: CommissionReport[];
  positions: BrokerPosition[];
  findings: Array<{ message: string; symbol?: string; intentId?: string | null; data?: unknown }>;
  /** Working orders placed by Tapedeck under another clientId: IB will not let this client modify them. */
  foreignOurs: number;
}

/** Keeps the highest revision of each execution. */
export function latestExecutions(list: readonly Execution[]): Execution[] {
  const byBase = new Map<string, { rev: number; e: Execution }>();
  for (const e of list) {
    const { base, revision } = execIdParts(e.execId);
    const prev = byBase.get(base);
    if (!prev || revision > prev.rev) byBase.set(base, { rev: revision, e });
  }
  return [...byBase.values()].map((v) => v.e);
}

type Snapshot = { ex: { executions: Execution[]; commissions: CommissionReport[] }; pos: BrokerPosition[] };
const key = (ps: readonly BrokerPosition[]) => ps.map((p) => `${p.account}:${p.conId}:${p.position}`).sort().join('|');

/** Positions, executions, positions again: equal positions on both sides mean no fill slipped in between. */
async function consistentSnapshot(port: OrderPort): Promise<Result<Snapshot>> {
  for (let attempt = 0; ; attempt++) {
    const before = await port.positions();
    if (!before.ok) return err(before.error.code, `positions: ${before.error.message}`);
    const ex = await port.executions();
    if (!ex.ok) return err(ex.error.code, `executions: ${ex.error.message}`);
    const after = await port.positions();
    if (!after.ok) return err(after.error.code, `positions: ${after.error.message}`);
    if (key(before.value) === key(after.value) || attempt >= 3) return ok({ ex: ex.value, pos: after.value });
  }
}

export async function reconcile(port: OrderPort, book: OrderBook, isOurRef: (ref: string) => boolean, now: () => number): Promise<Result<ReconcileOutcome>> {
  const open = await port.allOpenOrders();
  if (!open.ok) return err(open.error.code, `open orders: ${open.error.message}`);
  // After the open orders: an order that completes in between is then in both answers (the open one wins and
  // its final status arrives live), never in neither.
  const done = await port.completedOrders();
  if (!done.ok) return err(done.error.code, `completed orders: ${done.error.message}`);
  const snap = await consistentSnapshot(port);
  if (!snap.ok) return snap;
  const { ex, pos } = snap.value;
  const findings: ReconcileOutcome['findings'] = [];
  const me = port.clientId();
  const openKeys = new Set<string>();
  let foreignOurs = 0;
  for (const o of open.value.orders) {
    const ours = o.orderRef !== null && isOurRef(o.orderRef);
    openKeys.add(`${o.clientId}:${o.orderId}`);
    if (o.clientId === me) port.seenOrderId(o.orderId);
    if (ours && o.clientId !== me) foreignOurs++;
    const { row } = book.applyOpen(o, ours && o.clientId === me, now());
    if (row.external) findings.push({ message: `external order ${o.side} ${o.quantity} ${o.symbol} (client ${o.clientId}, permId ${o.permId}) shown read-only`, symbol: o.symbol, intentId: o.orderRef });
  }
  for (const s of open.value.statuses) book.applyStatus(s, now());
  const executions = latestExecutions(ex.executions);
  for (const e of executions) if (e.orderId !== null && e.clientId === me) port.seenOrderId(e.orderId);
  // Our orders that were working when we last saw them and are not open any more finished while we were away:
  // IB's completed orders say how; executions are the fallback for an order IB no longer lists.
  const gone = book.working().filter((row) => !row.external && !openKeys.has(`${row.clientId}:${row.orderId}`));
  const matched = matchCompleted(gone, done.value);
  for (const row of gone) {
    const c = matched.get(row);
    if (c) {
      const final = book.put(completedRow(row, c, now()));
      findings.push({
        message: `order ${row.orderId} (${row.symbol}) completed while away: ${final.status} with ${final.filled} filled (IB completed orders: ${c.completedStatus || c.status}, permId ${c.permId})`,
        symbol: row.symbol, intentId: row.orderRef, data: { permId: c.permId, completedTime: c.completedTime },
      });
      continue;
    }
    const filled = executions.filter((e) => e.orderId === row.orderId && e.clientId === row.clientId).reduce((n, e) => n + e.shares, 0);
    const status = filled >= row.quantity ? 'Filled' : 'Cancelled';
    book.put({ ...row, status, filled, remaining: status === 'Filled' ? 0 : row.quantity - filled, working: false, updatedAt: now() });
    findings.push({ message: `order ${row.orderId} (${row.symbol}) was no longer open and not among IB's completed orders: ${status} with ${filled} filled (from executions)`, symbol: row.symbol, intentId: row.orderRef });
  }
  return ok({ executions, commissions: ex.commissions, positions: pos, findings, foreignOurs });
}

/** Signed shares per symbol after `executions` on top of `base`. */
export function applyExecutions(base: Record<string, number>, executions: readonly Execution[]): Record<string, number> {
  const out = { ...base };
  for (const e of executions) out[e.symbol] = (out[e.symbol] ?? 0) + (e.side === 'BUY' ? e.shares : -e.shares);
  return out;
}

/**
 * Symbols whose broker position differs from the last reconciled position plus the executions IB reported since
 * (by execId). The broker stays authoritative; a difference means something moved shares without a fill we know.
 */
export function positionMismatches(
  ledger: { positions: Record<string, number>; execIds: readonly string[] } | undefined,
  executions: readonly Execution[],
  broker: readonly BrokerPosition[],
): Array<{ symbol: string; expected: number; broker: number }> {
  if (!ledger) return [];
  const counted = new Set(ledger.execIds);
  const expected = applyExecutions(ledger.positions, executions.filter((e) => !counted.has(execIdParts(e.execId).base)));
  const actual: Record<string, number> = {};
  for (const p of broker) actual[p.symbol] = (actual[p.symbol] ?? 0) + p.position;
  const symbols = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...symbols].filter((s) => Math.abs((expected[s] ?? 0) - (actual[s] ?? 0)) > 1e-9).map((s) => ({ symbol: s, expected: expected[s] ?? 0, broker: actual[s] ?? 0 })).sort((a, b) => a.symbol.localeCompare(b.symbol));
}
