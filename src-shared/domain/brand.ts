import { z } from 'zod';

/** Integer epoch milliseconds. `tsEvent` is the source's time, `tsRecv` the local receive time. */
export const EpochMs = z.number().int().nonnegative().brand<'EpochMs'>();
export type EpochMs = z.infer<typeof EpochMs>;
export const epochMs = (n: number): EpochMs => Math.trunc(n) as EpochMs;

/**
 * The app's key for an instrument: a US stock ticker as IB spells it (letters, digits, dot or space for
 * share classes), or a future's local symbol, which may start with a digit (ESZ6, 6EZ6).
 */
export const Symbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?=[A-Z0-9. ]*[A-Z])[A-Z0-9][A-Z0-9. ]{0,11}$/, 'a ticker such as AAPL or BRK B, or a future such as ESZ6');
export type Symbol = z.infer<typeof Symbol>;
