/**
 * The playhead over a Timeline: the book at any event or instant, found from the nearest keyframe at or
 * before it plus the ops up to it (or by going on from where the playhead is, when that is nearer).
 */
import { BookCursor } from '../../src-shared/domain/replay/book-cursor';
import { comparePoints, findKeyframe, type RecordingPoint } from '../../src-shared/domain/replay/keyframe';
import type { ReplayFrame } from '../../src-shared/contract/features/replay';
import type { Timeline } from './timeline';

export const RECENT_TRADES = 30;
export type JumpKind = 'trade' | 'gap' | 'marker';

export class ReplayEngine {
  private seg = 0;
  private cursor: BookCursor;
  /** Playhead time (epoch ms); between two rows when seeking by time. */
  time: number;
  /** Rows applied by the last moves (keyframe loads excluded): for benchmarks. */
  applied = 0;

  constructor(readonly tl: Timeline) {
    this.cursor = new BookCursor(tl.segments[0].markers);
    this.cursor.reset(tl.segments[0].keyframes[0] ?? null);
    this.time = tl.start;
  }

  /** Global event number of the playhead (0: before the first row). */
  get seq(): number {
    return this.tl.segments[this.seg].offset + this.cursor.seq;
  }

  /** The book at the playhead (do not mutate). */
  get book(): BookCursor['book'] {
    return this.cursor.book;
  }

  checksum(): number {
    return this.cursor.checksum();
  }

  get sessionId(): string {
    return this.tl.segments[this.seg].reader.meta.sessionId;
  }

  /** The book at global event g (clamped), after the markers that follow it; the playhead goes to its time. */
  seekEvent(g: number): void {
    const target = Math.max(0, Math.min(this.tl.events, Math.round(g)));
    const s = this.tl.segmentOfEvent(target);
    const seg = this.tl.segments[s];
    const local = target - seg.offset;
    const markers = seg.markers.filter((m) => m.seq <= local).length;
    this.moveTo(s, { seq: local, markers });
    this.time = local > 0 ? seg.reader.tsOfSeq(local) : seg.start;
  }

  /** The book at instant t: every row received at or before t, and the markers stamped by then. */
  seekTime(t: number): void {
    const s = this.tl.segmentAtTime(t);
    const seg = this.tl.segments[s];
    const local = seg.reader.seqAtTime(t);
    const markers = seg.markers.filter((m) => m.seq < local || (m.seq === local && m.ts <= t)).length;
    this.moveTo(s, { seq: local, markers });
    this.time = Math.max(this.tl.start, Math.min(this.tl.end, t));
  }

  step(events: number): void {
    this.seekEvent(this.seq + events);
  }

  /** Time of the next (direction 1) or previous (-1) trade, gap start or marker from the playhead; null when none. */
  jumpTarget(kind: JumpKind, direction: 1 | -1): number | null {
    const times =
      kind === 'trade' ? this.tl.trades.tsRecv : kind === 'gap' ? this.tl.gaps.map((g) => g.start) : this.tl.markers.map((m) => m.ts);
    if (direction === 1) {
      for (let i = 0; i < times.length; i++) if (times[i] > this.time) return times[i];
      return null;
    }
    for (let i = times.length - 1; i >= 0; i--) if (times[i] < this.time) return times[i];
    return null;
  }

  private moveTo(s: number, target: RecordingPoint): void {
    const seg = this.tl.segments[s];
    const kf = seg.keyframes[findKeyframe(seg.keyframes, target)] ?? null;
    const here = this.cursor.point;
    const goOn = s === this.seg && comparePoints(here, target) <= 0 && (!kf || comparePoints(kf, here) <= 0);
    if (!goOn) {
      if (s !== this.seg) this.cursor = new BookCursor(seg.markers);
      this.seg = s;
      this.cursor.reset(kf);
    }
    const r = seg.reader;
    while (this.cursor.seq < target.seq) {
      const run = r.run(r.batchOfSeq(this.cursor.seq + 1));
      const end = Math.min(run.length, target.seq - run.firstSeq + 1);
      const from = this.cursor.seq + 1 - run.firstSeq;
      for (let i = from; i < end; i++) this.cursor.applyRow(run, i);
      this.applied += end - from;
    }
    this.cursor.applyMarkers(target.seq, target.markers);
  }

  /** Recorded depth is missing at the playhead: outside the session, or inside one of its gaps. */
  get inGap(): boolean {
    const seg = this.tl.segments[this.seg];
    if (this.time < seg.start || this.time > seg.end) return true;
    return this.tl.gaps.some((g) => g.start <= this.time && (g.end ?? Infinity) > this.time);
  }

  frame(replayId: string, levels: number, state: { playing: boolean; speed: ReplayFrame['speed']; fromSeq: number }): ReplayFrame {
    const { bids, asks } = this.cursor.book.aggregated(levels);
    const n = this.tl.tradesUpTo(this.time);
    const tr = this.tl.trades;
    const trades = [];
    for (let i = Math.max(0, n - RECENT_TRADES); i < n; i++) trades.push({ ts: tr.tsRecv[i], price: tr.price[i], size: tr.size[i] });
    return {
      replayId,
      sessionId: this.sessionId,
      ts: Math.round(this.time),
      seq: this.seq,
      fromSeq: Math.min(state.fromSeq, this.seq),
      events: this.tl.events,
      bids,
      asks,
      trades,
      last: n > 0 ? tr.price[n - 1] : null,
      tradeCount: n,
      epoch: this.cursor.epoch,
      inGap: this.inGap,
      playing: state.playing,
      speed: state.speed,
      atEnd: this.seq >= this.tl.events && this.time >= this.tl.end,
    };
  }
}
