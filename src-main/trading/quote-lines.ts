/**
 * The order-entry quote lines (reqMktData with generic tick 236: bid/ask for the risk check, shortable for short
 * sales). Opened when a symbol is about to be traded — focused in the ladder or ticket (`orders:prepare`) or sent an
 * order — so the first click does not wait a second for its contract and first quote. IB counts market-data lines
 * (100 by default), so only the few most recently used stay open, besides every symbol that still needs one: a
 * position (arming needs its quote fresh), a working order, a halt.
 */
import type { Instrument } from '../../src-shared/domain/instrument';
import type { OrderPort } from '../broker/order-port';

export const RECENT_QUOTE_LINES = 4;

export interface QuoteLinesDeps {
  orders: Pick<OrderPort, 'watchQuote' | 'unwatchQuote' | 'watchedQuotes'>;
  /** True while the symbol must keep its line whatever its recency. */
  needed: (symbol: string) => boolean;
  max?: number;
}

export class QuoteLines {
  private recent: string[] = [];

  constructor(private readonly d: QuoteLinesDeps) {}

  /** Opens (or keeps) the symbol's line as the most recent, and closes lines nobody needs any more. */
  use(instrument: Instrument): void {
    this.d.orders.watchQuote(instrument);
    this.recent = [instrument.symbol, ...this.recent.filter((s) => s !== instrument.symbol)].slice(0, this.d.max ?? RECENT_QUOTE_LINES);
    for (const s of this.d.orders.watchedQuotes()) {
      if (!this.recent.includes(s) && !this.d.needed(s)) this.d.orders.unwatchQuote(s);
    }
  }
}
