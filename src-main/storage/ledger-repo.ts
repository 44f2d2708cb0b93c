import type { CommissionReport, Execution, ExecutionSource } from '../../src-shared/domain/trades/execution';
import { execIdParts } from '../../src-shared/domain/trades/execution';
import type { Fill } from '../../src-shared/domain/trades/fill';
import type { TripNote } from '../../src-shared/domain/trades/round-trip';
import type { Clock } from '../platform/clock';
import type { Db } from './database';

export type ExecutionOutcome = 'inserted' | 'duplicate' | 'corrected' | 'stale-correction';

export interface LedgerEntry {
  execution: Execution;
  commission?: CommissionReport;
  /** Flex tradeID, kept for cross-checks with IB's statements. */
  tradeId?: string | null;
}

export interface LedgerBatchResult {
  inserted: number;
  duplicates: number;
  corrections: number;
  commissions: number;
}

export interface FillsQuery {
  /** UTC epoch ms, inclusive. */
  from?: number;
  /** UTC epoch ms, exclusive. */
  to?: number;
  account?: string;
  symbol?: string;
}

/** The trade ledger: executions, commissions by execId, corrections, and notes per trip. */
export interface LedgerRepo {
  recordExecution(e: Execution, source: ExecutionSource, tradeId?: string | null): ExecutionOutcome;
  /** True when the row was new or its values changed. */
  recordCommission(c: CommissionReport, source: ExecutionSource): boolean;
  /** Many entries in one transaction (an import, a reconciliation). */
  recordBatch(entries: readonly LedgerEntry[], source: ExecutionSource): LedgerBatchResult;
  /** Effective fills (corrections applied) with their commissions; commission null = pending. */
  fills(query?: FillsQuery): Fill[];
  /** Effective execIds that have no commission yet. */
  pendingCommissions(): string[];
  setNote(tripId: string, note: TripNote): void;
  notes(): Map<string, TripNote>;
  counts(): { executions: number; effective: number; commissions: number };
}

interface FillRow {
  exec_id: string; perm_id: number | null; order_id: number | null; order_ref: string | null; client_id: number | null;
  account: string; con_id: number | null; symbol: string; sec_type: string; side: 'BUY' | 'SELL'; shares: number; price: number;
  multiplier: number; time: number; exchange: string | null; source: ExecutionSource;
  commission: number | null; currency: string | null; realized_pnl: number | null;
}

export function createLedgerRepo(db: Db, clock: Clock): LedgerRepo {
  const exists = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM executions WHERE exec_id = ?');
  const newest = db.prepare<[string], { exec_id: string; revision: number }>(
    'SELECT exec_id, revision FROM executions WHERE exec_base = ? AND superseded_by IS NULL ORDER BY revision DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO executions (exec_id, exec_base, revision, perm_id, order_id, order_ref, client_id, trade_id, account, con_id, symbol,
       sec_type, side, shares, price, multiplier, time, exchange, source, superseded_by, received_at)
     VALUES (@execId, @base, @revision, @permId, @orderId, @orderRef, @clientId, @tradeId, @account, @conId, @symbol,
       @secType, @side, @shares, @price, @multiplier, @time, @exchange, @source, @supersededBy, @receivedAt)`,
  );
  const supersede = db.prepare('UPDATE executions SET superseded_by = ? WHERE exec_base = ? AND revision < ? AND superseded_by IS NULL');
  const upsertCommission = db.prepare(
    `INSERT INTO commissions (exec_id, commission, currency, realized_pnl, source, received_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (exec_id) DO UPDATE SET commission = excluded.commission, currency = excluded.currency, realized_pnl = excluded.realized_pnl
     WHERE commission IS NOT excluded.commission OR currency IS NOT excluded.currency OR realized_pnl IS NOT excluded.realized_pnl`,
  );
  const selectFills = db.prepare<[{ from: number; to: number; account: string | null; symbol: string | null }], FillRow>(
    `SELECT e.*, c.commission, c.currency, c.realized_pnl FROM executions e LEFT JOIN commissions c ON c.exec_id = e.exec_id
     WHERE e.superseded_by IS NULL AND e.time >= @from AND e.time < @to
       AND (@account IS NULL OR e.account = @account) AND (@symbol IS NULL OR e.symbol = @symbol)
     ORDER BY e.time, e.exec_id`,
  );
  const pending = db.prepare<[], string>(
    'SELECT e.exec_id FROM executions e LEFT JOIN commissions c ON c.exec_id = e.exec_id WHERE e.superseded_by IS NULL AND c.exec_id IS NULL ORDER BY e.time',
  ).pluck();
  const putNote = db.prepare(
    `INSERT INTO trip_notes (trip_id, tags, notes, stop, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (trip_id) DO UPDATE SET tags = excluded.tags, notes = excluded.notes, stop = excluded.stop, updated_at = excluded.updated_at`,
  );
  const allNotes = db.prepare<[], { trip_id: string; tags: string; notes: string; stop: number | null }>('SELECT trip_id, tags, notes, stop FROM trip_notes');
  const count = db.prepare<[], { executions: number; effective: number; commissions: number }>(
    `SELECT (SELECT COUNT(*) FROM executions) AS executions, (SELECT COUNT(*) FROM executions WHERE superseded_by IS NULL) AS effective,
       (SELECT COUNT(*) FROM commissions) AS commissions`,
  );

  const recordExecution = (e: Execution, source: ExecutionSource, tradeId: string | null = null): ExecutionOutcome => {
    if (exists.get(e.execId)) return 'duplicate';
    const { base, revision } = execIdParts(e.execId);
    const cur = newest.get(base);
    const stale = cur !== undefined && cur.revision > revision;
    insert.run({
      execId: e.execId, base, revision, permId: e.permId, orderId: e.orderId, orderRef: e.orderRef, clientId: e.clientId, tradeId,
      account: e.account, conId: e.conId, symbol: e.symbol, secType: e.secType, side: e.side, shares: e.shares, price: e.price,
      multiplier: e.multiplier, time: Math.trunc(e.time), exchange: e.exchange, source, supersededBy: stale ? cur.exec_id : null,
      receivedAt: Math.trunc(clock.now()),
    });
    if (stale) return 'stale-correction';
    return supersede.run(e.execId, base, revision).changes > 0 ? 'corrected' : 'inserted';
  };
  const recordCommission = (c: CommissionReport, source: ExecutionSource): boolean =>
    upsertCommission.run(c.execId, c.commission, c.currency, c.realizedPnl, source, Math.trunc(clock.now())).changes > 0;

  return {
    recordExecution,
    recordCommission,
    recordBatch: db.transaction((entries: readonly LedgerEntry[], source: ExecutionSource) => {
      const out: LedgerBatchResult = { inserted: 0, duplicates: 0, corrections: 0, commissions: 0 };
      for (const entry of entries) {
        const r = recordExecution(entry.execution, source, entry.tradeId ?? null);
        if (r === 'duplicate') out.duplicates++;
        else if (r === 'inserted') out.inserted++;
        else out.corrections++;
        if (entry.commission && recordCommission(entry.commission, source)) out.commissions++;
      }
      return out;
    }),
    fills(q = {}) {
      const rows = selectFills.all({ from: q.from ?? -8.64e15, to: q.to ?? 8.64e15, account: q.account ?? null, symbol: q.symbol ?? null });
      return rows.map(toFill);
    },
    pendingCommissions: () => pending.all(),
    setNote(tripId, note) {
      putNote.run(tripId, JSON.stringify(note.tags), note.notes, note.stop, Math.trunc(clock.now()));
    },
    notes() {
      return new Map(allNotes.all().map((r) => [r.trip_id, { tags: JSON.parse(r.tags) as string[], notes: r.notes, stop: r.stop }]));
    },
    counts: () => count.get()!,
  };
}

function toFill(r: FillRow): Fill {
  return {
    execId: r.exec_id, permId: r.perm_id, orderId: r.order_id, orderRef: r.order_ref, clientId: r.client_id, account: r.account,
    conId: r.con_id, symbol: r.symbol, secType: r.sec_type, side: r.side, shares: r.shares, price: r.price, multiplier: r.multiplier,
    time: r.time, exchange: r.exchange, source: r.source, commission: r.commission, currency: r.currency, ibRealizedPnl: r.realized_pnl,
  };
}
