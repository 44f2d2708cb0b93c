import { z } from 'zod';
import { Symbol } from '../../domain/brand';
import { LadderLevel } from './depth';
import { RecordingSummary, StreamQuality } from './recorder';

const Iso = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const ReplayId = z.string().regex(/^[0-9a-f]{16}$/, 'a replay id from replay:open');

export const ReplaySessionsQuery = z
  .object({ symbol: Symbol.optional(), date: Iso.optional(), limit: z.number().int().min(1).max(1000).optional() })
  .strict();

/** A recorded session for the browser: the catalog's row plus what session.json says about gaps and markers. */
export const ReplaySessionInfo = RecordingSummary.extend({
  gaps: z.number().int(),
  markers: z.number().int(),
  /** Why the session ended early, or why its session.json cannot be read. */
  error: z.string().nullable(),
  /** The live quality score as the recorder left it at the session's end; null for sessions without one (older, converted, crash-repaired). */
  quality: StreamQuality.nullable(),
});
export type ReplaySessionInfo = z.infer<typeof ReplaySessionInfo>;

/** What to open: one cataloged session, a symbol's whole day across its sessions, or a session folder on disk. */
export const ReplayOpen = z
  .object({
    sessionId: z.string().min(1).max(64).optional(),
    day: z.object({ symbol: Symbol, date: Iso }).strict().optional(),
    /** Absolute path of a session folder (it must hold session.json). */
    path: z.string().min(1).max(4096).optional(),
    /** Price levels per side in each frame (default 10). */
    levels: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .refine((o) => [o.sessionId, o.day, o.path].filter((x) => x !== undefined).length === 1, 'give exactly one of sessionId, day, path');
export type ReplayOpen = z.infer<typeof ReplayOpen>;

export const ReplaySpeed = z.union([z.number().min(0.1).max(100), z.literal('max')]);
export type ReplaySpeed = z.infer<typeof ReplaySpeed>;

/** The state at the playhead's instant, pushed at most once per animation frame while playing. */
export const ReplayFrame = z.object({
  replayId: z.string(),
  sessionId: z.string(),
  /** Playhead time, epoch ms. */
  ts: z.number().int(),
  /** Depth events applied (global across the sessions of a day), 0 before the first. */
  seq: z.number().int(),
  /** First event this frame moves past since the previous frame (ask replay:events for fromSeq+1..seq). */
  fromSeq: z.number().int(),
  events: z.number().int(),
  bids: z.array(LadderLevel),
  asks: z.array(LadderLevel),
  /** Last prints at or before the playhead, newest last. */
  trades: z.array(z.object({ ts: z.number(), price: z.number(), size: z.number() })),
  last: z.number().nullable(),
  /** Trades at or before the playhead. */
  tradeCount: z.number().int(),
  epoch: z.number().int(),
  /** No depth was recorded at this instant (between sessions or inside a gap): the book shown is the last known. */
  inGap: z.boolean(),
  playing: z.boolean(),
  speed: ReplaySpeed,
  atEnd: z.boolean(),
});
export type ReplayFrame = z.infer<typeof ReplayFrame>;

export const ReplayInfo = z.object({
  replayId: z.string(),
  symbol: z.string(),
  date: z.string(),
  minTick: z.number(),
  sessions: z.array(
    z.object({ sessionId: z.string(), path: z.string(), startedAt: z.number().int(), stoppedAt: z.number().int().nullable(), firstSeq: z.number().int(), lastSeq: z.number().int() }),
  ),
  start: z.number().int(),
  end: z.number().int(),
  events: z.number().int(),
  trades: z.number().int(),
  markers: z.array(z.object({ ts: z.number().int(), code: z.number().int(), text: z.string(), seq: z.number().int() })),
  gaps: z.array(z.object({ start: z.number().int(), end: z.number().int().nullable(), reason: z.string() })),
  quality: z.object({
    keyframes: z.number().int(),
    /** Keyframes replayed from the one before and compared by checksum. */
    checked: z.number().int(),
    mismatches: z.number().int(),
    /** Sessions whose keyframes or index were built on this open (recorded before keyframes, or crash-repaired). */
    built: z.number().int(),
    warnings: z.array(z.string()),
  }),
  frame: ReplayFrame,
});
export type ReplayInfo = z.infer<typeof ReplayInfo>;

export const ReplayRef = z.object({ replayId: ReplayId }).strict();
export const ReplaySeek = z
  .object({ replayId: ReplayId, seq: z.number().int().min(0).optional(), ts: z.number().int().min(0).optional() })
  .strict()
  .refine((o) => (o.seq === undefined) !== (o.ts === undefined), 'give seq or ts');
export const ReplayStep = z
  .object({
    replayId: ReplayId,
    kind: z.enum(['event', 'trade', 'gap', 'marker']),
    direction: z.union([z.literal(1), z.literal(-1)]),
    /** Events to step (kind 'event' only), default 1. */
    count: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export const ReplayPlay = z.object({ replayId: ReplayId, speed: ReplaySpeed }).strict();
export const ReplayEventsQuery = z
  .object({ replayId: ReplayId, fromSeq: z.number().int().min(1), toSeq: z.number().int().min(1) })
  .strict()
  .refine((o) => o.toSeq >= o.fromSeq && o.toSeq - o.fromSeq < 50_000, 'at most 50,000 events, fromSeq ≤ toSeq');

export const ReplayDepthEvent = z.object({
  seq: z.number().int(),
  tsRecv: z.number().int(),
  epoch: z.number().int(),
  position: z.number().int(),
  operation: z.number().int(),
  side: z.number().int(),
  price: z.number(),
  size: z.number(),
  marketMaker: z.string(),
});
export const ReplayEvents = z.object({ events: z.array(ReplayDepthEvent) });
export type ReplayEvents = z.infer<typeof ReplayEvents>;

/**
 * Bulk numeric columns, checked in one pass: zod's per-element check of 20,000 events cost 7 ms on the main
 * process's thread per chunk (the order path's thread); this costs well under a millisecond.
 */
const finiteNumbers = z.custom<number[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)), 'an array of finite numbers');
const strings = z.custom<string[]>((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'an array of strings');

/** Depth events fromSeq..toSeq as columns (event i has seq firstSeq + i): the heatmap's bulk feed. */
export const ReplayEventColumns = z
  .object({
    firstSeq: z.number().int(),
    tsRecv: finiteNumbers, epoch: finiteNumbers, position: finiteNumbers, operation: finiteNumbers, side: finiteNumbers,
    price: finiteNumbers, size: finiteNumbers, marketMaker: strings,
  })
  .refine((c) => [c.epoch, c.position, c.operation, c.side, c.price, c.size, c.marketMaker].every((a) => a.length === c.tsRecv.length), 'columns of equal length');
export type ReplayEventColumns = z.infer<typeof ReplayEventColumns>;

/** The analysis of an open replay's sessions: the same report as `npm run analyze --json` (docs/analysis.md). */
export const ReplayAnalysisQuery = z
  .object({
    replayId: ReplayId,
    /** Bucket for OFI, Kyle's λ and depth (default 10 s, as the CLI). */
    bucketMs: z.number().int().min(100).max(3_600_000).optional(),
    /** Levels for depth and depth imbalance (default 5). */
    depthLevels: z.number().int().min(1).max(50).optional(),
    /** Time range, epoch ms (from inclusive, to exclusive); default the whole replay. */
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
    /**
     * The Replay panes' report instead of the full one: the headline metrics of the range plus `panes`, their
     * per-bucket series, computed from series the replay keeps in memory (fast enough to follow a pan).
     */
    panes: z.boolean().optional(),
  })
  .strict();
const num = z.number().nullable();
const column = z.array(num);

/** Per-bucket series of the panes' report, all on one grid: bucket k starts at t[k] and lasts bucketMs. */
export const ReplayPanes = z.object({
  bucketMs: z.number(),
  /** Levels per side counted in depth and depth imbalance (k). */
  levels: z.number().int(),
  start: z.number(),
  t: z.array(z.number()),
  /** Order-flow imbalance per bucket (shares), Cont, Kukanov & Stoikov (2014). */
  ofi: column,
  /** Cumulative volume delta at each bucket's end (shares, aggressor inferred), cumulated from the range's start. */
  cvd: column,
  /** Signed volume per bucket (shares, aggressor inferred). */
  delta: column,
  /** Quoted spread, time-weighted per bucket (price). */
  spread: column,
  /** Depth imbalance within k levels, time-weighted per bucket, in [-1, 1]. */
  imbalance: column,
  /** Depth within k levels per side, time-weighted per bucket (shares). */
  depthBid: column,
  depthAsk: column,
});
export type ReplayPanes = z.infer<typeof ReplayPanes>;
/** The names the issue fixes are checked; the rest of the report passes through unchanged. */
export const ReplayAnalysis = z
  .object({
    symbol: z.string(),
    date: z.string(),
    sessions: z.array(z.string()),
    warnings: z.array(z.string()),
    ofi: z.object({ bucketMs: z.number(), beta: num, r2: num, buckets: z.array(z.object({ t: z.number(), ofi: z.number(), dMid: num })) }).passthrough(),
    profile: z.object({ binSize: z.number(), poc: num, vah: num, val: num }).passthrough(),
    spread: z.object({ quotedMean: num, relativeMeanBps: num, effectiveMean: num }).passthrough(),
    cvd: z.object({ final: z.number(), method: z.string() }).passthrough(),
    impact: z.object({ kyleLambda: num }).passthrough(),
    depthImbalance: z.object({ mean: num }).passthrough(),
    quality: z.object({ score: z.number(), reasons: z.array(z.string()) }).passthrough(),
    /** Only when asked with `panes` (then the micro-price, multi-level OFI and tape quality are left out). */
    panes: ReplayPanes.optional(),
  })
  .passthrough();
export type ReplayAnalysis = z.infer<typeof ReplayAnalysis>;

/** Every print of an open replay, in time order, as columns (a day's tape stays compact on the wire). */
export const ReplayTrades = z.object({ ts: finiteNumbers, price: finiteNumbers, size: finiteNumbers });
export type ReplayTrades = z.infer<typeof ReplayTrades>;
