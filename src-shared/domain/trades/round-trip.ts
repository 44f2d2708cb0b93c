import { z } from 'zod';

/** How closing shares are matched to open lots. A flat-to-flat trip's P&L is the same under all three. */
export const MatchMethod = z.enum(['fifo', 'lifo', 'average']);
export type MatchMethod = z.infer<typeof MatchMethod>;

/** One fill, or the part of a fill that belongs to this trip (a fill crossing zero is split in two). */
export const TripLeg = z.object({
  execId: z.string(),
  time: z.number().int(),
  side: z.enum(['BUY', 'SELL']),
  shares: z.number().positive(),
  price: z.number().positive(),
  /** This leg's pro-rata share of its fill's commission; null while the commission is pending. */
  commission: z.number().nullable(),
  /** Opens or adds to the position (true) or reduces it (false). */
  opening: z.boolean(),
  /** Part of a fill that crossed zero. */
  split: z.boolean(),
  /** Closing legs: P&L of the shares it closed against the lots the method matched (before fees). */
  realizedGross: z.number().nullable(),
  /** realizedGross minus this leg's commission and the matched lots' share of their opening commissions. */
  realizedNet: z.number().nullable(),
  /** IB's realized P&L for the fill (closing part of a split fill only). */
  ibRealizedPnl: z.number().nullable(),
});
export type TripLeg = z.infer<typeof TripLeg>;

export const ExcursionSource = z.enum(['tape', 'bars']);
export type ExcursionSource = z.infer<typeof ExcursionSource>;

export const RoundTrip = z.object({
  /** account|contract|execId base of the first fill: stable across corrections and re-imports. */
  id: z.string(),
  account: z.string(),
  conId: z.number().int().nullable(),
  symbol: z.string(),
  secType: z.string(),
  multiplier: z.number().positive(),
  direction: z.enum(['LONG', 'SHORT']),
  /** Still holding shares at the end of the fills given. */
  open: z.boolean(),
  entryTime: z.number().int(),
  exitTime: z.number().int().nullable(),
  holdMs: z.number().int().nullable(),
  legs: z.array(TripLeg),
  maxShares: z.number(),
  openShares: z.number(),
  sharesBought: z.number(),
  sharesSold: z.number(),
  avgEntry: z.number(),
  avgExit: z.number().nullable(),
  /** Closed: proceeds − cost. Open: realized so far under the method. */
  gross: z.number(),
  fees: z.number(),
  net: z.number(),
  /** Some leg's commission has not arrived: fees and net are lower bounds. */
  feesPending: z.boolean(),
  /** Sum of IB's realized P&L over the trip's fills; null when IB gave none. */
  ibRealizedPnl: z.number().nullable(),
  method: MatchMethod,
  tags: z.array(z.string()),
  notes: z.string(),
  stop: z.number().nullable(),
  /** net ÷ initial risk (|avgEntry − stop| × maxShares × multiplier), where a stop is known. */
  r: z.number().nullable(),
  /** Worst and best open P&L during the trip (gross, ≤ 0 and ≥ 0), when a price path is known. */
  mae: z.number().nullable(),
  mfe: z.number().nullable(),
  /** 'bars' means estimated from 1-minute bars; 'tape' from the recorded trades. */
  excursionSource: ExcursionSource.nullable(),
});
export type RoundTrip = z.infer<typeof RoundTrip>;

/** What the journal stores per trip. */
export const TripNote = z.object({
  tags: z.array(z.string().min(1).max(40)).max(20),
  notes: z.string().max(4000),
  stop: z.number().positive().nullable(),
});
export type TripNote = z.infer<typeof TripNote>;
