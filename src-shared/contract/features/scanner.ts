import { z } from 'zod';

export const RVOL_STATES = ['ready', 'loading', 'unavailable'] as const;

export const ScoreParts = z.object({
  price: z.number(),
  spread: z.number(),
  gap: z.number(),
  rvol: z.number(),
  rank: z.number(),
});
export type ScoreParts = z.infer<typeof ScoreParts>;

export const RecordingMark = z.enum(['none', 'queued', 'tape', 'depth', 'error']);
export type RecordingMark = z.infer<typeof RecordingMark>;

/** One scanner grid row. Numbers that cannot be known are null (shown as "—"), never 0 or Infinity. */
export const ScannerRow = z.object({
  symbol: z.string(),
  conId: z.number().int(),
  last: z.number().nullable(),
  prevClose: z.number().nullable(),
  changePct: z.number().nullable(),
  gapPct: z.number().nullable(),
  /** true once the premarket gap has been frozen at 09:30 ET. */
  gapFrozen: z.boolean(),
  premarketVolume: z.number().nullable(),
  volume: z.number().nullable(),
  rvol: z.number().nullable(),
  rvolState: z.enum(RVOL_STATES),
  dailyRvol: z.number().nullable(),
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  spread: z.number().nullable(),
  spreadPct: z.number().nullable(),
  score: z.number().nullable(),
  scoreParts: ScoreParts.nullable(),
  rank: z.number().int(),
  /** Scan codes that listed this name. */
  sources: z.array(z.string()),
  firstSeen: z.number().int(),
  halted: z.boolean(),
  recording: RecordingMark,
});
export type ScannerRow = z.infer<typeof ScannerRow>;

export const ScannerSnapshot = z.object({
  rows: z.array(ScannerRow),
  updatedAt: z.number().int().nullable(),
  /** The last scanner error from the gateway, with the reason; previous rows stay. */
  error: z.string().nullable(),
});
export type ScannerSnapshot = z.infer<typeof ScannerSnapshot>;

/** A grid delta: rows to add or update by symbol, symbols to remove. */
export const ScannerDelta = z.object({
  upsert: z.array(ScannerRow),
  remove: z.array(z.string()),
  error: z.string().nullable(),
  /** Symbols that just entered the top N (for the alert). */
  entered: z.array(z.string()),
});
export type ScannerDelta = z.infer<typeof ScannerDelta>;
