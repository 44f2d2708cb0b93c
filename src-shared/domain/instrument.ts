import { z } from 'zod';
import { Symbol } from './brand';

/** A tradable US stock as the app knows it (resolved from IB contract details). */
export const Instrument = z.object({
  symbol: Symbol,
  conId: z.number().int().positive(),
  exchange: z.string(), // routing exchange, usually SMART
  primaryExchange: z.string(),
  currency: z.string(),
  /** Smallest price increment; book prices are integer multiples of it. */
  minTick: z.number().positive(),
  longName: z.string().optional(),
});
export type Instrument = z.infer<typeof Instrument>;
