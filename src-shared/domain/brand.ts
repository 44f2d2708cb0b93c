import { z } from 'zod';

/** Integer epoch milliseconds. `tsEvent` is the source's time, `tsRecv` the local receive time. */
export const EpochMs = z.number().int().nonnegative().brand<'EpochMs'>();
export type EpochMs = z.infer<typeof EpochMs>;
export const epochMs = (n: number): EpochMs => Math.trunc(n) as EpochMs;

/** A US stock ticker as IB spells it (letters, digits, dot or space for share classes). */
export const Symbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9. ]{0,11}$/, 'a ticker such as AAPL or BRK B');
export type Symbol = z.infer<typeof Symbol>;
