import type { DepthFrame } from '../../src-shared/contract/features/depth';
import type { OrderBook } from '../../src-shared/domain/book';
import type { RecordingStream } from './recording-stream';

/** Ladder depth pushed to the UI (levels per side, aggregated by price). */
export const FRAME_LEVELS = 20;
/** ~30 Hz: fast enough for the eye, cheap enough for IPC. */
export const FRAME_INTERVAL_MS = 33;

/** The ladder as the UI draws it, from the book the recorder maintains. */
export function buildDepthFrame(stream: RecordingStream, book: OrderBook, ts: number): DepthFrame {
  const { bids, asks } = book.aggregated(FRAME_LEVELS);
  return {
    symbol: stream.symbol,
    ts,
    bids,
    asks,
    trades: stream.trades.map((t) => ({ ...t })),
    last: stream.last,
    minTick: stream.instrument?.minTick ?? 0.01,
    messages: book.messages,
    anomalies: book.anomalies,
    source: 'recording',
  };
}
