import { z } from 'zod';
import { Instrument } from '../../domain/instrument';

/** What the symbol box sends: `AAPL`, `$ES` (the stock), `ES` / `/ES` / `ES!` (front month), `ESZ6`. */
export const InstrumentQueryInput = z.object({ query: z.string().trim().min(1).max(24) }).strict();

/** The instrument the box opens: its `symbol` is the key for charts, ladder and recordings. */
export const ResolvedInstrument = Instrument.extend({
  /** Human name of what was resolved ("E-mini S&P 500 · Dec 2026"). */
  description: z.string(),
});
export type ResolvedInstrument = z.infer<typeof ResolvedInstrument>;
