/** Test helper: a BookSeries from readable rows (levels as [price, size], best first). */
import { type BookSeries, emptyBookSeries, type TradeSeries, tradeSeries } from '../../../src-shared/domain/metrics/series';

export interface Row {
  t: number;
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
}

export function bookOf(rows: Row[], levels = Math.max(1, ...rows.map((r) => Math.max(r.bids.length, r.asks.length)))): BookSeries {
  const s = emptyBookSeries(rows.length, levels);
  rows.forEach((r, i) => {
    s.t[i] = r.t;
    r.bids.slice(0, levels).forEach(([p, q], l) => ((s.bidPx[i * levels + l] = p), (s.bidSz[i * levels + l] = q)));
    r.asks.slice(0, levels).forEach(([p, q], l) => ((s.askPx[i * levels + l] = p), (s.askSz[i * levels + l] = q)));
  });
  return s;
}

/** Best quotes only: [t, bid, bidSize, ask, askSize]. */
export const topOf = (rows: Array<[number, number, number, number, number]>): BookSeries =>
  bookOf(rows.map(([t, b, qb, a, qa]) => ({ t, bids: [[b, qb]], asks: [[a, qa]] })), 1);

export const tradesOf = (rows: Array<[number, number, number]>): TradeSeries => tradeSeries(rows.map(([t, price, size]) => ({ t, price, size })));
