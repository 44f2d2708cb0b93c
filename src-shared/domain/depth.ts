import { z } from 'zod';

/** IB's depth operation codes: 0 insert, 1 update, 2 delete. */
export const BookAction = { Insert: 0, Update: 1, Delete: 2 } as const;
export type BookAction = (typeof BookAction)[keyof typeof BookAction];
/** IB's side codes: 0 ask, 1 bid. */
export const BookSide = { Ask: 0, Bid: 1 } as const;
export type BookSide = (typeof BookSide)[keyof typeof BookSide];

/** One depth message as IB sends it (updateMktDepth / updateMktDepthL2), stamped on receipt. */
export const OrderBookDelta = z.object({
  tsRecv: z.number().int(),
  position: z.number().int(),
  operation: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  side: z.union([z.literal(0), z.literal(1)]),
  price: z.number(),
  size: z.number(),
  marketMaker: z.string(),
  isSmart: z.boolean(),
});
export type OrderBookDelta = z.infer<typeof OrderBookDelta>;

/** A trade print from the tape (tick-by-tick AllLast). */
export const TradeTick = z.object({
  tsEvent: z.number().int(),
  tsRecv: z.number().int(),
  price: z.number(),
  size: z.number(),
  exchange: z.string(),
  conditions: z.string(),
});
export type TradeTick = z.infer<typeof TradeTick>;

/** A top-of-book quote from the tape (tick-by-tick BidAsk). */
export const QuoteTick = z.object({
  tsEvent: z.number().int(),
  tsRecv: z.number().int(),
  bidPrice: z.number(),
  askPrice: z.number(),
  bidSize: z.number(),
  askSize: z.number(),
});
export type QuoteTick = z.infer<typeof QuoteTick>;
