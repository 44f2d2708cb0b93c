import { z } from 'zod';
import { Symbol } from '../../domain/brand';

export const STREAM_STATES = [
  'queued',
  'starting',
  'recording', // depth + tape
  'tape-only',
  'paused', // disconnected; resumes by itself
  'stopping',
  'stopped',
  'error',
] as const;
export const StreamState = z.enum(STREAM_STATES);
export type StreamState = z.infer<typeof StreamState>;

/** A depth stream's data quality, 0–100 with its reasons (the analysis's penalties, docs/analysis.md) and counts. */
export const StreamQuality = z.object({
  score: z.number(),
  reasons: z.array(z.string()),
  stalePeriods: z.number().int(),
  gaps: z.number().int(),
  resubscribes1101: z.number().int(),
  resets: z.number().int(),
});
export type StreamQuality = z.infer<typeof StreamQuality>;

export const StreamInfo = z.object({
  symbol: z.string(),
  sessionId: z.string(),
  state: StreamState,
  /** 1-based place in the depth queue while the name waits for a depth slot. */
  queuePosition: z.number().int().nullable(),
  /** Why the stream waits or failed, in words a trader understands. */
  reason: z.string().nullable(),
  depthMessages: z.number().int(),
  tickMessages: z.number().int(),
  rowsWritten: z.number().int(),
  bytes: z.number().int(),
  /** Depth messages per second over the last few seconds. */
  rate: z.number(),
  lastUpdate: z.number().int().nullable(),
  startedAt: z.number().int(),
  /**
   * The depth stream's data quality so far, 0–100 with its reasons (the same penalties as the analysis's
   * quality, docs/analysis.md); null before the session exists.
   */
  quality: StreamQuality.nullable().optional(),
});
export type StreamInfo = z.infer<typeof StreamInfo>;

/** The ladder's live view of a name that is not recorded (nothing written; uses a depth slot no recording needs). */
export const LiveViewInfo = z.object({
  symbol: z.string(),
  /** opening: resolving and subscribing; live: the book flows; none: no live book, `reason` says why. */
  state: z.enum(['opening', 'live', 'none']),
  reason: z.string().nullable(),
});
export type LiveViewInfo = z.infer<typeof LiveViewInfo>;

export const RecorderStatus = z.object({
  /** The user's cap (setting). */
  userCap: z.number().int(),
  /** What IB allows, once learnt from error 309; null while unknown. */
  ibCap: z.number().int().nullable(),
  /** min(userCap, ibCap). */
  effectiveCap: z.number().int(),
  capReason: z.string().nullable(),
  streams: z.array(StreamInfo),
  /** Symbols waiting for a depth slot, in FIFO order. */
  queue: z.array(z.string()),
  diskBytes: z.number().int(),
  dataDirWritable: z.boolean(),
  /**
   * The live view, when a ladder shows a name that is not recorded: it holds a depth slot until a
   * recording needs it (recordings always win). Null/absent when there is none.
   */
  liveView: LiveViewInfo.nullable().optional(),
});
export type RecorderStatus = z.infer<typeof RecorderStatus>;

export const SymbolList = z.object({ symbols: z.array(Symbol).min(1).max(100) });
export const OneSymbol = z.object({ symbol: Symbol });

export const RecordingSummary = z.object({
  sessionId: z.string(),
  symbol: z.string(),
  date: z.string(),
  path: z.string(),
  startedAt: z.number().int(),
  stoppedAt: z.number().int().nullable(),
  depthMessages: z.number().int(),
  tickMessages: z.number().int(),
  bytes: z.number().int(),
  repaired: z.boolean(),
});
export type RecordingSummary = z.infer<typeof RecordingSummary>;
