import { z } from 'zod';
import { Symbol } from './brand';

/**
 * A tradable instrument as the app knows it (resolved from IB contract details): a US stock, or a
 * future. `symbol` is the app's key everywhere (charts, ladder, recordings): the ticker for a stock,
 * IB's local symbol for a future (ESZ6), so two expiries never share a key or a recording folder.
 * The futures fields are optional: an Instrument without `secType` is a stock, as before.
 */
export const Instrument = z.object({
  symbol: Symbol,
  conId: z.number().int().positive(),
  exchange: z.string(), // routing exchange, usually SMART; CME, COMEX… for a future
  primaryExchange: z.string(),
  currency: z.string(),
  /** Smallest price increment; book prices are integer multiples of it. */
  minTick: z.number().positive(),
  longName: z.string().optional(),
  /** Absent = STK. */
  secType: z.enum(['STK', 'FUT']).optional(),
  /** Futures: the last trade date, YYYYMMDD. */
  expiry: z.string().regex(/^\d{6}(\d{2})?$/).optional(),
  /** Futures: dollars per point (50 for ES). */
  multiplier: z.number().positive().optional(),
  /** Futures: IB's local symbol (ESZ6); equals `symbol`. */
  localSymbol: z.string().optional(),
  /** Futures: IB's trading class, the root a trader types (ES, 6E). */
  tradingClass: z.string().optional(),
});
export type Instrument = z.infer<typeof Instrument>;

export const isFuture = (i: Pick<Instrument, 'secType'>): boolean => i.secType === 'FUT';
