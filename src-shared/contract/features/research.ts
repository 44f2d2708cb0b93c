import { z } from 'zod';

/** Datasets of the research archive (docs/research.md). */
export const RESEARCH_DATASETS = ['depth', 'trades', 'book', 'bars', 'ticks', 'hits'] as const;

const EtDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2025-03-14');

export const ResearchExportRequest = z
  .object({
    symbols: z.array(z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9. -]{0,15}$/, 'Not a ticker')).max(500).optional(),
    from: EtDate.optional(),
    to: EtDate.optional(),
    datasets: z.array(z.enum(RESEARCH_DATASETS)).min(1).max(RESEARCH_DATASETS.length).optional(),
  })
  .strict();
export type ResearchExportRequest = z.infer<typeof ResearchExportRequest>;

export const ResearchExportResult = z.object({
  root: z.string(),
  files: z.number().int(),
  written: z.number().int(),
  skipped: z.number().int(),
  failed: z.array(z.object({ source: z.string(), error: z.string() })),
  rows: z.number().int(),
  bytes: z.number().int(),
  durationMs: z.number(),
});
export type ResearchExportResult = z.infer<typeof ResearchExportResult>;

export const ResearchExportProgress = z.object({
  done: z.number().int(),
  total: z.number().int(),
  path: z.string(),
  written: z.boolean(),
});
export type ResearchExportProgress = z.infer<typeof ResearchExportProgress>;

export const RESEARCH_MAX_ROWS = 10_000;

export const ResearchQueryRequest = z
  .object({
    sql: z.string().min(1).max(100_000),
    maxRows: z.number().int().min(1).max(RESEARCH_MAX_ROWS).optional(),
  })
  .strict();
export type ResearchQueryRequest = z.infer<typeof ResearchQueryRequest>;

export const ResearchQueryResult = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.unknown())),
  truncated: z.boolean(),
  elapsedMs: z.number(),
});
export type ResearchQueryResult = z.infer<typeof ResearchQueryResult>;

export const ResearchExample = z.object({ id: z.string(), title: z.string(), description: z.string(), sql: z.string() });
export type ResearchExample = z.infer<typeof ResearchExample>;
