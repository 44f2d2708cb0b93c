import { z } from 'zod';
import { Symbol } from '../brand';

export const ORDER_TYPES = ['MKT', 'LMT', 'STP', 'STP LMT', 'TRAIL'] as const;
export const OrderType = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof OrderType>;

export const TIFS = ['DAY', 'GTC', 'IOC', 'GTD'] as const;
export const Tif = z.enum(TIFS);
export type Tif = z.infer<typeof Tif>;

export const Side = z.enum(['BUY', 'SELL']);
export type Side = z.infer<typeof Side>;

const price = z.number().finite().positive();

/**
 * What the trader asks for, before any check. A bracket is one intent: the entry plus a protective stop and a
 * profit target, sent as an IB parent with two OCA children. `intentId` is the client's idempotency key and
 * travels to IB as `orderRef`, so a restart finds the order instead of sending it again.
 */
export const OrderIntent = z
  .object({
    intentId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.:~-]+$/, 'letters, digits and _ . : ~ - only'),
    symbol: Symbol,
    side: Side,
    /** Shares. Whole-share checks are the risk check's job, so fractions parse and are refused with a rule. */
    quantity: z.number().finite().positive(),
    type: OrderType,
    limitPrice: price.optional(),
    stopPrice: price.optional(),
    trailingPercent: z.number().finite().positive().optional(),
    trailAmount: price.optional(),
    tif: Tif,
    /** GTD only: IB's "YYYYMMDD HH:MM:SS" in US/Eastern. */
    goodTillDate: z.string().regex(/^\d{8} \d{2}:\d{2}:\d{2}$/).optional(),
    outsideRth: z.boolean().optional(),
    bracket: z.object({ stopPrice: price, targetPrice: price }).strict().optional(),
    /** Auto-cancel what is still unfilled after this many seconds. */
    ttlSec: z.number().int().min(1).max(86_400).optional(),
  })
  .strict();
export type OrderIntent = z.infer<typeof OrderIntent>;
