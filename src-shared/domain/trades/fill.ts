import { z } from 'zod';
import { Execution, ExecutionSource, execIdParts } from './execution';

/**
 * A ledger fill: an execution with its commission joined by execId. `commission` null means pending
 * (the report has not arrived, or never will): net figures then say so instead of guessing zero.
 */
export const Fill = Execution.extend({
  commission: z.number().nullable(),
  currency: z.string().nullable(),
  /** IB's own realized P&L for this fill (commissionReport.realizedPNL or Flex fifoPnlRealized), when given. */
  ibRealizedPnl: z.number().nullable(),
  source: ExecutionSource,
});
export type Fill = z.infer<typeof Fill>;

/** The key a position is kept under: one account, one contract (conId when IB gave one, else the symbol). */
export function positionKey(f: Pick<Fill, 'account' | 'conId' | 'symbol'>): string {
  return `${f.account}|${f.conId ?? f.symbol}`;
}

/** Keeps the highest revision of each execId base: a correction replaces the fill it corrects. */
export function effectiveFills<T extends { execId: string }>(fills: readonly T[]): T[] {
  const best = new Map<string, { rev: number; fill: T }>();
  for (const f of fills) {
    const { base, revision } = execIdParts(f.execId);
    const cur = best.get(base);
    if (!cur || revision > cur.rev) best.set(base, { rev: revision, fill: f });
  }
  const kept = new Set([...best.values()].map((b) => b.fill));
  return fills.filter((f) => kept.has(f));
}

/** Time order; execId breaks ties so the order never depends on how rows were read. */
export function byTime(a: Pick<Fill, 'time' | 'execId'>, b: Pick<Fill, 'time' | 'execId'>): number {
  return a.time - b.time || (a.execId < b.execId ? -1 : a.execId > b.execId ? 1 : 0);
}
