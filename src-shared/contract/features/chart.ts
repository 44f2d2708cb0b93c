import { z } from 'zod';
import { Bar, Timeframe } from '../../domain/bar';
import { Symbol } from '../../domain/brand';

export const BarsRequest = z.object({
  symbol: Symbol,
  timeframe: Timeframe,
  includeExtended: z.boolean(),
  /** Load history ending before this epoch ms (lazy scroll-back); absent = up to now. */
  before: z.number().int().positive().optional(),
  /** How many sessions of history to load. */
  days: z.number().int().min(1).max(30).optional(),
});
export type BarsRequest = z.infer<typeof BarsRequest>;

export const BarsResponse = z.object({
  symbol: z.string(),
  timeframe: Timeframe,
  bars: z.array(Bar),
  prevClose: z.number().nullable(),
  premarketHigh: z.number().nullable(),
  /** true when served from the SQLite cache without asking IB. */
  cached: z.boolean(),
  /** true when older history exists before the first bar. */
  more: z.boolean(),
});
export type BarsResponse = z.infer<typeof BarsResponse>;

export const ChartWatch = z.object({ symbol: Symbol, timeframe: Timeframe });

/** The forming (or just closed) bar of a watched chart. */
export const LiveBar = z.object({ symbol: z.string(), timeframe: Timeframe, bar: Bar });
export type LiveBar = z.infer<typeof LiveBar>;
