import { z } from 'zod';
import { isYmd } from '../../domain/civil-date';
import { Breakdowns } from '../../domain/trades/breakdowns';
import { Fill } from '../../domain/trades/fill';
import { MatchMethod, RoundTrip } from '../../domain/trades/round-trip';
import { TripStats } from '../../domain/trades/stats';

const Ymd = z.string().refine(isYmd, 'a date as YYYY-MM-DD');

export const HistoryRange = z
  .object({
    from: Ymd,
    to: Ymd,
    account: z.string().min(1).max(32).optional(),
    symbol: z.string().min(1).max(24).optional(),
    method: MatchMethod.optional(),
  })
  .strict()
  .refine((r) => r.from <= r.to, 'from must not be after to');
export type HistoryRange = z.infer<typeof HistoryRange>;

export const HistoryStatsResult = z.object({ stats: TripStats, breakdowns: Breakdowns });

export const HistoryImportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096), flexZone: z.string().max(64).optional() }).strict(),
  z.object({ kind: z.literal('flex-web'), queryId: z.string().regex(/^\d{1,12}$/), flexZone: z.string().max(64).optional() }).strict(),
]);

/** The Flex Web Service settings as the UI may see them: never the token itself. */
export const FlexStatus = z.object({
  hasToken: z.boolean(),
  queryId: z.string().nullable(),
  /** 'os' when the OS keychain encrypts them on disk, 'memory' when they last only this session (serve). */
  protection: z.enum(['os', 'memory']),
});

/** Sets (a value) or forgets (null) the Flex token and query id; absent fields are left as they are. */
export const FlexSettingsInput = z
  .object({
    token: z.string().trim().regex(/^[A-Za-z0-9]{8,64}$/, 'A Flex token is the 8–64 letters and digits IB shows in Flex Web Service settings').nullable().optional(),
    queryId: z.string().trim().regex(/^\d{1,12}$/, 'A Flex query id is a number').nullable().optional(),
  })
  .strict();

export const HistoryImportResult = z.object({
  format: z.enum(['xml', 'csv']),
  executions: z.number().int(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  corrections: z.number().int(),
  commissions: z.number().int(),
  skipped: z.record(z.string(), z.number().int()),
  problems: z.array(z.string()),
  accounts: z.array(z.string()),
});

export const ReportFormat = z.enum(['md', 'csv', 'html', 'pdf']);

export const ReportBuildRequest = z
  .object({ date: Ymd, formats: z.array(ReportFormat).min(1).max(4).optional(), method: MatchMethod.optional() })
  .strict();

export const ReportBuildResult = z.object({ dir: z.string(), files: z.partialRecord(ReportFormat, z.string()) });

export const ReportProgress = z.object({
  date: z.string(),
  step: z.enum(['gather', 'md', 'csv', 'html', 'pdf', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});

export const SchedulerRun = z.object({
  id: z.number().int(),
  jobId: z.string(),
  scheduledFor: z.number(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  outcome: z.enum(['running', 'ok', 'failed', 'skipped']),
  caughtUp: z.boolean(),
  message: z.string(),
});
export const SchedulerStatus = z.object({
  jobs: z.array(z.object({ id: z.string(), enabled: z.boolean(), next: z.number().nullable(), last: SchedulerRun.nullable() })),
  runs: z.array(SchedulerRun),
});

export { Fill, RoundTrip };
