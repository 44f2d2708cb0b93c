import { z } from 'zod';

export const TIMEFRAMES = ['5s', '1m', '5m', '15m', '1h', '1d'] as const;
export const Timeframe = z.enum(TIMEFRAMES);
export type Timeframe = z.infer<typeof Timeframe>;

export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '5s': 5_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** An OHLCV bar. `tsOpen` is the bar's opening instant in epoch ms (daily bars: 00:00 ET of the session date). */
export const Bar = z.object({
  tsOpen: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number().nonnegative(),
  /** Volume-weighted average price inside the bar, when known. */
  vwap: z.number().optional(),
  /** Number of trades, when known. */
  count: z.number().int().nonnegative().optional(),
});
export type Bar = z.infer<typeof Bar>;
