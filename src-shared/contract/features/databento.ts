import { z } from 'zod';

/** DataBento Level 2 import (docs/databento.md): MBP-10 of one symbol over an ET window of one day. */
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Times look like 09:30');

export const DatabentoRequest = z
  .object({
    symbol: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9.]{0,11}$/, 'Not a ticker'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2025-03-14'),
    /** ET wall times, DST-aware; default 09:00–11:00. */
    start: HhMm.default('09:00'),
    end: HhMm.default('11:00'),
    dataset: z.string().regex(/^[A-Z0-9]+\.[A-Z0-9]+$/, 'Datasets look like XNAS.ITCH').default('XNAS.ITCH'),
  })
  .strict();
export type DatabentoRequest = z.infer<typeof DatabentoRequest>;

export const DatabentoImportInput = DatabentoRequest.extend({
  /** USD; a cost above it needs `confirm`. Default 5. */
  maxCost: z.number().nonnegative().max(100_000).default(5),
  /** The trader saw the cost and accepts it even above maxCost. */
  confirm: z.boolean().default(false),
  /** Download again even when the raw file of this request is already on disk. */
  force: z.boolean().default(false),
}).strict();
export type DatabentoImportInput = z.infer<typeof DatabentoImportInput>;

export const DatabentoCost = z.object({
  symbol: z.string(),
  date: z.string(),
  dataset: z.string(),
  /** UTC instants of the window (ms). */
  startMs: z.number(),
  endMs: z.number(),
  /** USD from metadata.get_cost; 0 when the raw file is already on disk. */
  cost: z.number(),
  cached: z.boolean(),
});
export type DatabentoCost = z.infer<typeof DatabentoCost>;

export const DatabentoPhase = z.enum(['cost', 'download', 'convert', 'done', 'failed']);

export const DatabentoProgress = z.object({
  jobId: z.string(),
  symbol: z.string(),
  date: z.string(),
  phase: DatabentoPhase,
  bytes: z.number().int(),
  cost: z.number().nullable(),
  message: z.string(),
});
export type DatabentoProgress = z.infer<typeof DatabentoProgress>;

export const DatabentoImportResult = z.object({
  jobId: z.string(),
  sessionId: z.string(),
  path: z.string(),
  cost: z.number(),
  cached: z.boolean(),
  bytes: z.number().int(),
  records: z.number().int(),
  depthRows: z.number().int(),
  trades: z.number().int(),
});
export type DatabentoImportResult = z.infer<typeof DatabentoImportResult>;

export const DatabentoStatus = z.object({
  hasKey: z.boolean(),
  /** 'os' when the OS keychain protects the key, 'memory' when it lasts only this run. */
  protection: z.enum(['os', 'memory']),
  /** An import is running. */
  busy: z.boolean(),
});
export type DatabentoStatus = z.infer<typeof DatabentoStatus>;

/** Sets (or with null, forgets) the API key; it goes to the secret store, never to settings.json. */
export const DatabentoKeyInput = z
  .object({ apiKey: z.string().trim().regex(/^db-[A-Za-z0-9]{8,64}$/, 'Databento keys look like db-…').nullable() })
  .strict();
