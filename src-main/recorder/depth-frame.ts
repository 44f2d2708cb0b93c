import type { DepthFrame } from '../../src-shared/contract/features/depth';
import type { OrderBook } from '../../src-shared/domain/book';
import type { Instrument } from '../../src-shared/domain/instrument';

/** Ladder depth pushed to the UI (levels per side, aggregated by price). */
export const FRAME_LEVELS = 20;
/** ~30 Hz: fast enough for the eye, cheap enough for IPC. */
export const FRAME_INTERVAL_MS = 33;

/** What a ladder frame is drawn from besides the book: a recording stream or a live view. */
export interface FrameSource {
  readonly symbol: string;
  readonly instrument: Instrument | null;
  /** Recent prints, newest last. */
  readonly trades: ReadonlyArray<{ ts: number; price: number; size: number }>;
  readonly last: number | null;
}

/** The ladder as the UI draws it, from a book the recorder maintains. */
export function buildDepthFrame(src: FrameSource, book: OrderBook, ts: number, source: DepthFrame['source'] = 'recording'): DepthFrame {
  const { bids, asks } = book.aggregated(FRAME_LEVELS);
  return {
    symbol: src.symbol,
    ts,
    bids,
    asks,
    trades: src.trades.map((t) => ({ ...t })),
    last: src.last,
    minTick: src.instrument?.minTick ?? 0.01,
    messages: book.messages,
    anomalies: book.anomalies,
    source,
  };
}
