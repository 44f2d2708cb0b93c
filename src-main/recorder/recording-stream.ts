/**
 * Everything the recorder tracks about one selected name: its session on disk, its subscriptions, its
 * counters, and the facts its displayed state is derived from.
 */
import type { StreamInfo, StreamState } from '../../src-shared/contract/features/recorder';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { QualityTracker } from '../../src-shared/domain/metrics/quality-tracker';
import type { Subscription } from '../broker/port';
import { RateMeter } from './rate-meter';
import type { SessionWriter } from './session-writer';

export type StreamPhase = 'starting' | 'active' | 'stopping' | 'stopped' | 'error';

export const RECENT_TRADES = 30;

export class RecordingStream {
  phase: StreamPhase = 'starting';
  instrument: Instrument | null = null;
  writer: SessionWriter | null = null;
  depthSub: Subscription | null = null;
  /** Bumped whenever a depth subscription ends, so late callbacks of an old one are ignored. */
  depthAttempt = 0;
  /** reqId the depth rows came from; a change without a reconnect means the broker resubscribed (316). */
  depthReqId: number | null = null;
  tapeSubs: Subscription[] = [];
  /** Why depth is not recorded (other than waiting for a slot), e.g. 10092 no depth permissions. */
  depthError: string | null = null;
  /** Why the tape is not recorded (e.g. no market data permission). */
  tapeError: string | null = null;
  /** Per tape kind, why it is served by RT_VOLUME instead of tick-by-tick (null = tick-by-tick). */
  readonly tapeFallback: Record<'AllLast' | 'BidAsk', string | null> = { AllLast: null, BidAsk: null };
  error: string | null = null;
  paused: { start: number; reason: string } | null = null;
  depthMessages = 0;
  tickMessages = 0;
  readonly rate = new RateMeter();
  /** The depth stream's live data-quality score (quality.ts's, kept incrementally); null before the session exists. */
  quality: QualityTracker | null = null;
  lastUpdate: number | null = null;
  /** Recent prints for the ladder, newest last. */
  readonly trades: Array<{ ts: number; price: number; size: number }> = [];
  last: number | null = null;
  /** Book or prints changed since the last frame was pushed. */
  frameDirty = false;

  constructor(readonly symbol: string, readonly startedAt: number) {}

  get live(): boolean {
    return this.phase === 'starting' || this.phase === 'active';
  }

  get depthLive(): boolean {
    return this.phase === 'active' && this.depthSub !== null;
  }

  pushTrade(ts: number, price: number, size: number): void {
    this.trades.push({ ts, price, size });
    if (this.trades.length > RECENT_TRADES) this.trades.shift();
    this.last = price;
    this.frameDirty = true;
  }

  /** Recent prints a live view of this name collected before the recording took it over. */
  adoptTrades(trades: ReadonlyArray<{ ts: number; price: number; size: number }>, last: number | null): void {
    this.trades.push(...trades.slice(-RECENT_TRADES));
    this.last = last;
    // No frame yet: the ladder keeps the live book until the recording's own book arrives.
  }

    releaseSubscriptions(): void {
    this.depthAttempt++;
    this.depthSub?.dispose();
    this.depthSub = null;
    this.depthReqId = null;
    for (const s of this.tapeSubs) s.dispose();
    this.tapeSubs = [];
  }

  state(queuePosition: number | null): { state: StreamState; reason: string | null } {
    if (this.phase === 'error') return { state: 'error', reason: this.error };
    if (this.phase === 'stopped' || this.phase === 'stopping' || this.phase === 'starting') {
      return { state: this.phase, reason: this.error };
    }
    if (this.paused) return { state: 'paused', reason: `Disconnected (${this.paused.reason}); resumes by itself` };
    const tape = joinReasons(this.tapeError, this.tapeNote);
    if (queuePosition !== null) return { state: 'queued', reason: tape };
    if (this.depthSub) return { state: 'recording', reason: tape };
    if (this.depthError) return { state: 'tape-only', reason: joinReasons(this.depthError, tape) };
    return { state: 'starting', reason: null };
  }

  /** e.g. "Tape via RT_VOLUME: IB's tick-by-tick limit (3) reached." — the stream records on, quotes sampled. */
  get tapeNote(): string | null {
    const reason = this.tapeFallback.AllLast ?? this.tapeFallback.BidAsk;
    return reason === null ? null : `Tape via RT_VOLUME: ${reason}.`;
  }

  info(now: number, queuePosition: number | null, queueReason: string | null): StreamInfo {
    const { state, reason } = this.state(queuePosition);
    return {
      symbol: this.symbol,
      sessionId: this.writer?.sessionId ?? '',
      state,
      queuePosition,
      reason: state === 'queued' ? joinReasons(queueReason, reason) : reason,
      depthMessages: this.depthMessages,
      tickMessages: this.tickMessages,
      rowsWritten: this.writer?.rowsWritten ?? 0,
      bytes: this.writer?.bytes ?? 0,
      rate: Math.round(this.rate.rate(now) * 10) / 10,
      lastUpdate: this.lastUpdate,
      startedAt: this.startedAt,
      quality: this.qualityInfo(now),
    };
  }

  /** Gaps and markers come from the session's own record, so the live score counts what the file will say. */
  private qualityInfo(now: number): StreamInfo['quality'] {
    const meta = this.writer?.meta;
    if (!this.quality || !meta) return null;
    const q = this.quality.report(now, meta.gaps, meta.markers);
    return { score: q.score, reasons: q.reasons, stalePeriods: q.stalePeriods, gaps: q.gaps, resubscribes1101: q.resubscribes1101, resets: q.resets };
  }
}

const joinReasons = (a: string | null, b: string | null): string | null => (a && b ? `${a} ${b}` : (a ?? b));
