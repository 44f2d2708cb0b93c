import { z } from 'zod';
import { ORDER_TYPES, TIFS } from './intent';

/** IB refuses more than 20 working orders per contract and side (error 10147-style rejects past it). */
export const IB_MAX_ORDERS_PER_CONTRACT_SIDE = 20;
/** IB disconnects a client sending more than 50 messages per second. */
export const IB_MAX_MESSAGES_PER_SEC = 50;

/**
 * The hard limits. Defaults are deliberately small: a new install can trade a few hundred shares of a
 * liquid stock and nothing more until the trader raises them (only while disarmed).
 */
export const RiskLimits = z
  .object({
    allowedTypes: z.array(z.enum(ORDER_TYPES)).default([...ORDER_TYPES]),
    allowedTifs: z.array(z.enum(TIFS)).default([...TIFS]),
    maxShares: z.number().int().positive().default(500),
    maxNotional: z.number().positive().default(25_000),
    maxPositionShares: z.number().int().positive().default(1_000),
    maxGrossExposure: z.number().positive().default(100_000),
    /** Limit and stop prices within this % of the NBBO midpoint (fat-finger guard). */
    priceBandPct: z.number().positive().max(50).default(5),
    /** Market orders go out as limits this % through the far touch. */
    marketCollarPct: z.number().positive().max(10).default(0.5),
    maxQuoteAgeMs: z.number().int().positive().default(5_000),
    maxOpenOrders: z.number().int().positive().default(30),
    maxOrdersPerContractSide: z.number().int().positive().max(IB_MAX_ORDERS_PER_CONTRACT_SIDE).default(IB_MAX_ORDERS_PER_CONTRACT_SIDE),
    maxOrdersPerDay: z.number().int().positive().default(200),
    /** Entries per ET day; past it only reducing orders. */
    maxTradesPerDay: z.number().int().positive().default(30),
    /** A positive number of dollars: trading halts when today's realized + unrealized P&L reaches −maxDailyLoss. */
    maxDailyLoss: z.number().positive().default(500),
    /** Order messages per second (a bracket is three), kept well under IB's 50 msg/s for everything else. */
    maxSubmitsPerSec: z.number().int().positive().max(IB_MAX_MESSAGES_PER_SEC).default(10),
  })
  .strict();
export type RiskLimits = z.infer<typeof RiskLimits>;

export const DEFAULT_RISK_LIMITS: RiskLimits = RiskLimits.parse({});

/** A change to some limits: the same rules, no defaults (an absent key keeps its current value). */
export const RiskLimitsPatch = z
  .object(Object.fromEntries(Object.entries(RiskLimits.shape).map(([k, v]) => [k, (v as unknown as z.ZodDefault<z.ZodType>).unwrap().optional()])))
  .strict() as unknown as z.ZodType<Partial<RiskLimits>>;
