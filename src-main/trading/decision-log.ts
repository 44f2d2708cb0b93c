/** Durable records of each decision: the intent row and its audit entries (synchronous=FULL). */
import type { OrderIntent } from '../../src-shared/domain/risk/intent';
import type { AuditAppend, TradingRepo } from '../storage';
import type { BuiltOrder } from './build-orders';
import type { OrderBook } from './order-book';

export interface DecisionLogDeps {
  repo: TradingRepo;
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

export function logAccepted(d: DecisionLogDeps, intent: OrderIntent, now: number, built: readonly BuiltOrder[], book: OrderBook, clientId: number): void {
  d.durably(() => {
    d.repo.recordIntent(intent, now, { ok: true });
    d.audit({ kind: 'decision', intentId: intent.intentId, symbol: intent.symbol, message: `accepted ${describeIntent(intent)}`, data: { intent, orderIds: built.map((b) => b.spec.orderId) } });
    for (const b of built) {
      const s = b.spec;
      d.repo.upsertOrder(book.get(clientId, s.orderId)!);
      d.audit({ kind: 'order', intentId: intent.intentId, symbol: intent.symbol, message: `sent ${b.role} #${s.orderId} ${s.side} ${s.quantity} ${s.type}${s.limitPrice ? ` ${s.limitPrice}` : ''}${s.stopPrice ? ` stop ${s.stopPrice}` : ''}` });
    }
  });
}
