import { z } from 'zod';

/**
 * One fill as the broker reports it (IB's execDetails), in domain terms. The trading service emits these
 * live and from reconciliation; the journal's ledger stores them; Flex imports produce them too.
 * IB corrects a fill by re-sending it with a higher last segment of `execId` (…01.01 → …01.02).
 */
export const Execution = z.object({
  execId: z.string().min(1),
  permId: z.number().int().nullable(),
  orderId: z.number().int().nullable(),
  /** Tapedeck's intent id travels in IB's orderRef; null for orders placed elsewhere. */
  orderRef: z.string().nullable(),
  clientId: z.number().int().nullable(),
  account: z.string(),
  conId: z.number().int().nullable(),
  symbol: z.string().min(1),
  /** IB security type: STK, FUT, … */
  secType: z.string(),
  side: z.enum(['BUY', 'SELL']),
  /** Always positive; the side gives the sign. */
  shares: z.number().positive(),
  price: z.number().positive(),
  /** Contract multiplier (1 for stocks). */
  multiplier: z.number().positive().default(1),
  /** UTC epoch ms, parsed from IB's time (never the machine's zone). */
  time: z.number().int(),
  exchange: z.string().nullable(),
});
export type Execution = z.infer<typeof Execution>;

/** IB's commissionReport, joined to its fill by execId; it can arrive after the fill, or never. */
export const CommissionReport = z.object({
  execId: z.string().min(1),
  /** A charge is positive here (IB's Flex files write charges as negative numbers: flip them on import). */
  commission: z.number(),
  currency: z.string(),
  /** IB's realized P&L for a closing fill, when it gives one. */
  realizedPnl: z.number().nullable(),
});
export type CommissionReport = z.infer<typeof CommissionReport>;

/** Where a ledger row came from. */
export const ExecutionSource = z.enum(['live', 'reconciliation', 'import']);
export type ExecutionSource = z.infer<typeof ExecutionSource>;

/** Splits `0000e0d5.6566d6ab.01.01` into its base and correction number, so a correction can replace its original. */
export function execIdParts(execId: string): { base: string; revision: number } {
  const dot = execId.lastIndexOf('.');
  if (dot < 0) return { base: execId, revision: 0 };
  const rev = Number.parseInt(execId.slice(dot + 1), 16);
  return Number.isFinite(rev) ? { base: execId.slice(0, dot), revision: rev } : { base: execId, revision: 0 };
}
