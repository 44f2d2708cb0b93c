import { z } from 'zod';

/** Bar sizes a backfill can ask for (IB's sizes; the request limits live in src-main/backfill/plan). */
export const BAR_SIZE_KEYS = [
  '1sec', '5sec', '10sec', '15sec', '30sec',
  '1min', '2min', '3min', '5min', '10min', '15min', '20min', '30min',
  '1hour', '2hour', '3hour', '4hour', '8hour', '1day',
] as const;
export const BackfillBarSize = z.enum(BAR_SIZE_KEYS);

const EtDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2025-03-14');

export const BackfillSpecInput = z
  .object({
    symbols: z.array(z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9. ]{0,11}$/, 'Not a ticker')).min(1).max(500),
    start: EtDate,
    end: EtDate,
    kind: z.enum(['bars', 'ticks']).default('bars'),
    bar: BackfillBarSize.default('1min'),
    what: z.enum(['TRADES', 'MIDPOINT', 'BID_ASK']).default('TRADES'),
    rth: z.boolean().default(false),
    force: z.boolean().default(false),
  })
  .strict();
export type BackfillSpecInput = z.infer<typeof BackfillSpecInput>;

export const BackfillPlanPreview = z.object({
  tasks: z.number().int(),
  requests: z.number().int(),
  /** In IB's pacing units (BID_ASK counts twice). */
  units: z.number().int(),
  /** Time IB's 60-per-10-minutes ceiling needs. */
  estimatedMs: z.number(),
  skipped: z.array(z.object({ symbol: z.string().optional(), date: z.string(), reason: z.string() })),
  unresolved: z.array(z.object({ symbol: z.string(), error: z.string() })),
});
export type BackfillPlanPreview = z.infer<typeof BackfillPlanPreview>;

export const BackfillJobState = z.enum(['pending', 'running', 'paused', 'done', 'failed', 'cancelled']);

export const BackfillJobInfo = z.object({
  jobId: z.string(),
  state: BackfillJobState,
  symbols: z.array(z.string()),
  start: z.string(),
  end: z.string(),
  tasksDone: z.number().int(),
  tasksTotal: z.number().int(),
  requests: z.number().int(),
  /** The SUMMARY line once the run ended. */
  summary: z.string().nullable(),
  error: z.string().nullable(),
  /** When this run started (epoch ms), for an ETA from the pace so far. */
  startedAt: z.number().optional(),
  /** Tasks per symbol, in the job's symbol order; `error` is the last failed task's reason. */
  perSymbol: z.array(z.object({ symbol: z.string(), done: z.number().int(), total: z.number().int(), failed: z.number().int(), error: z.string().nullable() })).optional(),
});
export type BackfillJobInfo = z.infer<typeof BackfillJobInfo>;

export const BackfillJobRef = z.object({ jobId: z.string().regex(/^[0-9a-f]{16}$/) }).strict();

/** "Yesterday's gappers": the symbols the scanner recorded on an ET date. */
export const BackfillHitsQuery = z.object({ date: EtDate }).strict();
export const BackfillHits = z.object({ date: z.string(), symbols: z.array(z.string()) });
