/**
 * One replay's recordings in order: a single session, or a symbol's whole day across its sessions. Depth
 * rows are numbered globally (session k's row s is event offset_k + s), so a playhead is one number; each
 * session starts from an empty book. Trades, markers and gaps are merged in time.
 */
import type { Keyframe } from '../../src-shared/domain/replay/keyframe';
import { lastAtOrBefore } from '../../src-shared/domain/replay/keyframe';
import type { SessionMarker } from '../recording-format/session-meta';
import type { SessionReader } from '../recording-format/session-reader';
import type { KeyframeReport } from './keyframe-check';

export interface Segment {
  reader: SessionReader;
  keyframes: Keyframe[];
  report: KeyframeReport;
  /** Global event number of the row before this session's first (its row s is offset + s). */
  offset: number;
  markers: readonly SessionMarker[];
  /** First and last receive time of anything in the session (depth or trades). */
  start: number;
  end: number;
}

export interface TimelineMarker {
  ts: number;
  code: number;
  text: string;
  /** Global event the marker follows. */
  seq: number;
}

export class Timeline {
  readonly events: number;
  readonly start: number;
  readonly end: number;
  readonly trades: { tsRecv: Float64Array; price: Float64Array; size: Float64Array };
  readonly markers: TimelineMarker[];
  readonly gaps: Array<{ start: number; end: number | null; reason: string }>;
  private readonly segEnds: Float64Array;
  private readonly segStarts: Float64Array;

  constructor(readonly segments: readonly Segment[]) {
    const last = segments.at(-1)!;
    this.events = last.offset + last.reader.lastSeq;
    this.start = Math.min(...segments.map((s) => s.start));
    this.end = Math.max(...segments.map((s) => s.end));
    this.segEnds = Float64Array.from(segments, (s) => s.offset + s.reader.lastSeq);
    this.segStarts = Float64Array.from(segments, (s) => s.start);
    this.trades = mergeTrades(segments);
    this.markers = segments
      .flatMap((s) => s.markers.map((m) => ({ ts: m.ts, code: m.code, text: m.text, seq: s.offset + m.seq })))
      .sort((a, b) => a.ts - b.ts);
    this.gaps = segments.flatMap((s) => s.reader.meta.gaps ?? []).sort((a, b) => a.start - b.start);
  }

  /** Segment holding global event g (0 ≤ g ≤ events): the first whose last event is ≥ g. */
  segmentOfEvent(g: number): number {
    return Math.min(this.segments.length - 1, lastAtOrBefore(this.segEnds, g - 1) + 1);
  }

  /** Segment showing time t: the last that started at or before t (the first when t is earlier). */
  segmentAtTime(t: number): number {
    return Math.max(0, lastAtOrBefore(this.segStarts, t));
  }

  /** Trades with tsRecv ≤ t. */
  tradesUpTo(t: number): number {
    return lastAtOrBefore(this.trades.tsRecv, t) + 1;
  }
}

function mergeTrades(segments: readonly Segment[]): Timeline['trades'] {
  const parts = segments.map((s) => s.reader.trades());
  const n = parts.reduce((k, p) => k + p.tsRecv.length, 0);
  const order = parts.flatMap((p, k) => Array.from(p.tsRecv, (ts, i) => [ts, k, i] as const));
  if (segments.length > 1) order.sort((a, b) => a[0] - b[0]);
  const out = { tsRecv: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n) };
  order.forEach(([ts, k, i], j) => {
    out.tsRecv[j] = ts;
    out.price[j] = parts[k].price[i];
    out.size[j] = parts[k].size[i];
  });
  return out;
}
