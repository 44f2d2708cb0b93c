/** Reconciliation's position check against the persisted ledger, and the ledger's refresh for next time. */
import { execIdParts, type Execution } from '../../src-shared/domain/trades/execution';
import type { BrokerPosition } from '../broker/order-port';
import type { AuditAppend, TradingRepo } from '../storage';
import { positionMismatches } from './reconcile';

/** Adds mismatched symbols to `halted` (audited), then stores the broker's positions as the new reference. */
export function checkLedger(
  repo: TradingRepo, audit: (e: Omit<AuditAppend, 'ts'>) => void, halted: Set<string>, executions: readonly Execution[], positions: readonly BrokerPosition[], now: number,
): void {
  for (const m of positionMismatches(repo.loadLedger(), executions, positions)) {
    halted.add(m.symbol);
    audit({
      kind: 'reconciliation', symbol: m.symbol, rule: 'position-mismatch', data: m,
      message: `${m.symbol}: broker position ${m.broker}, expected ${m.expected} from the last reconciliation and the fills since; halted until acknowledged`,
    });
  }
  const snapshot: Record<string, number> = {};
  for (const p of positions) if (p.position !== 0) snapshot[p.symbol] = (snapshot[p.symbol] ?? 0) + p.position;
  repo.saveLedger({ positions: snapshot, execIds: executions.map((e) => execIdParts(e.execId).base), haltedSymbols: [...halted] }, now);
}
