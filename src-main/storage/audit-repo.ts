/** The append-only audit log: every intent, decision, transition, order event, fill and reconciliation finding. */
import type { AuditEntry, AuditKind, AuditQuery } from '../../src-shared/contract/features/trading';
import type { Db } from './database';
import { durableTransaction } from './durable-transaction';

export interface AuditAppend {
  ts: number;
  kind: AuditKind;
  message: string;
  intentId?: string | null;
  symbol?: string | null;
  rule?: string | null;
  data?: unknown;
}

export interface AuditRepo {
  /** Durable (synchronous=FULL) before it returns; returns the row's seq. */
  append(entry: AuditAppend): number;
  /** Several rows in one durable transaction. */
  appendMany(entries: readonly AuditAppend[]): void;
  /** Newest first. */
  list(query?: AuditQuery): AuditEntry[];
}

interface Row {
  seq: number;
  ts: number;
  kind: AuditKind;
  intent_id: string | null;
  symbol: string | null;
  rule: string | null;
  message: string;
  data: string | null;
}

export function createAuditRepo(db: Db): AuditRepo {
  const insert = db.prepare(
    'INSERT INTO audit_log (ts, kind, intent_id, symbol, rule, message, data) VALUES (@ts, @kind, @intentId, @symbol, @rule, @message, @data)',
  );
  const params = (e: AuditAppend) => ({
    ts: Math.trunc(e.ts), kind: e.kind, intentId: e.intentId ?? null, symbol: e.symbol ?? null, rule: e.rule ?? null, message: e.message,
    data: e.data === undefined ? null : JSON.stringify(e.data),
  });
  return {
    append: (e) => durableTransaction(db, () => Number(insert.run(params(e)).lastInsertRowid)),
    appendMany: (entries) => {
      if (entries.length > 0) durableTransaction(db, () => entries.forEach((e) => insert.run(params(e))));
    },
    list(q = {}) {
      const where: string[] = [];
      const args: Record<string, unknown> = { limit: q.limit ?? 500 };
      if (q.kinds?.length) where.push(`kind IN (${q.kinds.map((k, n) => ((args[`k${n}`] = k), `@k${n}`)).join(', ')})`);
      const add = (clause: string, key: string, value: unknown) => {
        where.push(clause);
        args[key] = value;
      };
      if (q.intentId) add('intent_id = @intentId', 'intentId', q.intentId);
      if (q.symbol) add('symbol = @symbol', 'symbol', q.symbol.toUpperCase());
      if (q.since !== undefined) add('ts >= @since', 'since', q.since);
      if (q.until !== undefined) add('ts < @until', 'until', q.until);
      if (q.beforeSeq !== undefined) add('seq < @beforeSeq', 'beforeSeq', q.beforeSeq);
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
      return (db.prepare(sql).all(args) as Row[]).map((r) => ({
        seq: r.seq, ts: r.ts, kind: r.kind, intentId: r.intent_id, symbol: r.symbol, rule: r.rule, message: r.message,
        data: r.data === null ? null : (JSON.parse(r.data) as unknown),
      }));
    },
  };
}
