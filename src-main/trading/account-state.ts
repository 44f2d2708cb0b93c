/** What the account holds: positions (broker-authoritative), fills de-duplicated by execId, commissions, P&L. */
import type { PositionRow } from '../../src-shared/contract/features/trading';
import { execIdParts, type CommissionReport, type Execution, type ExecutionSource } from '../../src-shared/domain/trades/execution';
import type { BrokerPnl, BrokerPosition, TradingQuote } from '../broker/order-port';
import type { AuditAppend } from '../storage';

export interface AccountDeps {
  audit: (e: Omit<AuditAppend, 'ts'>) => void;
  quote: (symbol: string) => TradingQuote | undefined;
  /** A position appeared: keep a quote line on it (arming needs fresh quotes, flatten needs a price). */
  watch: (symbol: string) => void;
  /** True when the fill belongs to the entry order of one of our intents (for trades per day). */
  isEntryFill: (e: Execution) => boolean;
  onExecution?: (e: Execution, source: ExecutionSource) => void;
  onCommission?: (c: CommissionReport) => void;
}

export class AccountState {
  private readonly positions = new Map<string, PositionRow>();
  private readonly seenExec = new Map<string, number>();
  /** Intent ids whose entry filled today. */
  private readonly entries = new Set<string>();
  /** orderRefs seen on fills: an intent id IB has executed is never sent again. */
  readonly fillRefs = new Set<string>();
  pnl: BrokerPnl = { daily: null, unrealized: null, realized: null };

  constructor(private readonly d: AccountDeps) {}

  list(): PositionRow[] {
    return [...this.positions.values()];
  }

  get tradesToday(): number {
    return this.entries.size;
  }

  newDay(): void {
    this.entries.clear();
  }

  /** Replaces every position with the broker's (reconciliation). */
  reset(positions: readonly BrokerPosition[]): void {
    this.positions.clear();
    for (const p of positions) this.position(p);
  }

  position(p: BrokerPosition): void {
    const mark = this.d.quote(p.symbol)?.last ?? null;
    this.positions.set(`${p.account}:${p.conId}`, {
      account: p.account, symbol: p.symbol, conId: p.conId, position: p.position, avgCost: p.avgCost, marketPrice: mark,
      unrealizedPnl: mark === null ? null : (mark - p.avgCost) * p.position,
    });
    if (p.position !== 0) this.d.watch(p.symbol);
  }

  /** False when this fill (or a later correction of it) was already counted. */
  execution(e: Execution, source: ExecutionSource): boolean {
    const { base, revision } = execIdParts(e.execId);
    const seen = this.seenExec.get(base);
    if (seen !== undefined && seen >= revision) return false;
    this.seenExec.set(base, revision);
    if (e.orderRef) this.fillRefs.add(e.orderRef);
    if (e.orderRef && this.d.isEntryFill(e)) this.entries.add(e.orderRef);
    this.d.audit({ kind: 'fill', intentId: e.orderRef, symbol: e.symbol, message: `${source}: ${e.side} ${e.shares} ${e.symbol} @ ${e.price} (${e.execId})`, data: e });
    this.d.onExecution?.(e, source);
    return true;
  }

  commission(c: CommissionReport): void {
    this.d.audit({ kind: 'commission', message: `${c.execId}: ${c.commission} ${c.currency}${c.realizedPnl !== null ? `, realized ${c.realizedPnl}` : ''}`, data: c });
    this.d.onCommission?.(c);
  }
}
