/**
 * Durable records of each decision: the intent row and its audit entries. An accepted intent is recorded in two
 * steps around the send (see docs/trading.md, "Write order around the wire"): before the bytes leave, one line in
 * the intent journal (a write() to an open file: in the OS, survives the app crashing); right after, the intents
 * row and the "sent" entries in one durable transaction, fsynced off the main thread.
 */
import type { OrderIntent } from '../../src-shared/domain/risk/intent';
import type { AuditAppend, TradingRepo } from '../storage';
import type { BuiltOrder } from './build-orders';
import type { OrderBook } from './order-book';

export interface DecisionLogDeps {
  repo: TradingRepo;
  /** The pre-send record (storage/intent-journal.ts). */
  journal: { append(intent: OrderIntent, ts: number): void };
  durably: <T>(fn: () => T) => T;
  audit: (e: Omit<AuditAppend, 'ts'> & { ts?: number }) => void;
}

export function describeIntent(i: OrderIntent): string {
  const px = i.limitPrice !== undefined ? ` ${i.limitPrice}` : i.stopPrice !== undefined ? ` stop ${i.stopPrice}` : '';
  return `${i.side} ${i.quantity} ${i.symbol} ${i.type}${px}${i.bracket ? ` bracket ${i.bracket.stopPrice}/${i.bracket.targetPrice}` : ''} ${i.tif}`;
}

export function logRefusal(d: DecisionLogDeps, intent: OrderIntent, now: number, rule: string, message: string): void {
  d.durably(() => {
    // A refused retry of an accepted intent must not overwrite the acceptance.
    if (!d.repo.isAcceptedIntent(intent.intentId)) d.repo.recordIntent(intent, now, { ok: false, rule, message });
    d.audit({ kind: 'decision', intentId: intent.intentId, symbol: intent.symbol, rule, message: `refused ${describeIntent(intent)}: ${message}`, data: { intent } });
  });
}

/**
 * Before the send: the accepted intent, nothing else, so the order path pays one append. An app crash after this line leaves the intent known (the next start recovers it from the
 * journal); reconciliation matches IB's orders to it by orderRef.
 */
export function recordAccepted(d: DecisionLogDeps, intent: OrderIntent, now: number): void {
  d.journal.append(intent, now);
}

/**
 * After the send, in the same synchronous turn: the intents row, the decision's audit entry, the
 * order rows and what went out, in one durable transaction.
 */
export function confirmSent(d: DecisionLogDeps, intent: OrderIntent, now: number, built: readonly BuiltOrder[], book: OrderBook, clientId: number): void {
  d.durably(() => {
    // The intents row comes here, in the same transaction as the order rows (the journal had it before the send).
    d.repo.recordIntent(intent, now, { ok: true });
    d.audit({ ts: now, kind: 'decision', intentId: intent.intentId, symbol: intent.symbol, message: `accepted ${describeIntent(intent)}`, data: { intent, orderIds: built.map((b) => b.spec.orderId) } });
    for (const { role, spec: s } of built) {
      const row = book.get(clientId, s.orderId);
      if (row) d.repo.upsertOrder(row);
      d.audit({ kind: 'order', intentId: intent.intentId, symbol: intent.symbol, message: `sent ${role} #${s.orderId} ${s.side} ${s.quantity} ${s.type}${s.limitPrice ? ` ${s.limitPrice}` : ''}${s.stopPrice ? ` stop ${s.stopPrice}` : ''}` });
    }
  });
}
