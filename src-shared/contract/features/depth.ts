import { z } from 'zod';

/** [price, size, marketMakerCount] for one aggregated price level. */
export const LadderLevel = z.tuple([z.number(), z.number(), z.number().int()]);

/** A coalesced view of one book, pushed at most once per frame while someone watches it. */
export const DepthFrame = z.object({
  symbol: z.string(),
  ts: z.number().int(),
  /** Bids best first. */
  bids: z.array(LadderLevel),
  /** Asks best first. */
  asks: z.array(LadderLevel),
  /** Recent prints (newest last) for highlighting at their price. */
  trades: z.array(z.object({ ts: z.number().int(), price: z.number(), size: z.number() })),
  last: z.number().nullable(),
  minTick: z.number(),
  /** Count of depth messages applied to this book so far. */
  messages: z.number().int(),
  /** Operations that could not be applied (out-of-range positions etc.). */
  anomalies: z.number().int(),
  source: z.enum(['recording', 'live']),
});
export type DepthFrame = z.infer<typeof DepthFrame>;
