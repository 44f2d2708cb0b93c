/**
 * The recorder's clocks: flush every second (the crash-loss bound), book snapshots every
 * snapshotIntervalMs, ladder frames at ~30 Hz for watched names, status at most 4 times a second.
 * Timers run only while something records or is watched, and all stop on dispose.
 */
import type { DepthFrame } from '../../src-shared/contract/features/depth';
import type { RecorderSettings } from '../../src-shared/contract/features/settings';
import type { Clock } from '../platform/clock';
import { buildDepthFrame, FRAME_INTERVAL_MS } from './depth-frame';
import type { LiveView } from './live-view';
import type { RecordingStream } from './recording-stream';

export const FLUSH_INTERVAL_MS = 1000;
export const STATUS_INTERVAL_MS = 250;

export interface TimerDeps {
  clock: Clock;
  settings: () => RecorderSettings;
  streams: () => Iterable<RecordingStream>;
  /** Live views (ladders of names not recorded): framed like recordings, never written. */
  views: () => Iterable<LiveView>;
  emitFrame: (f: DepthFrame) => void;
  emitStatus: () => void;
  /** After each flush: lets the service pick up a changed cap setting. */
  onFlush: () => void;
}

export class RecorderTimers {
  private flushTimer: NodeJS.Timeout | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotEvery = 0;
  private frameTimer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private lastStatus = 0;
  private readonly watched = new Set<string>();

  constructor(private readonly d: TimerDeps) {}

  ensureRunning(): void {
    this.flushTimer ??= setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
    const every = this.d.settings().snapshotIntervalMs;
    if (this.snapshotTimer && every !== this.snapshotEvery) {
      clearInterval(this.snapshotTimer);
      this.snapshotTimer = null;
    }
    this.snapshotEvery = every;
    this.snapshotTimer ??= setInterval(() => this.snapshot(), every);
  }

  watch(symbol: string): void {
    this.watched.add(symbol);
    this.frameTimer ??= setInterval(() => this.frames(), FRAME_INTERVAL_MS);
  }

  unwatch(symbol: string): void {
    this.watched.delete(symbol);
    if (this.watched.size === 0 && this.frameTimer) {
      clearInterval(this.frameTimer);
      this.frameTimer = null;
    }
  }

  /** Something changed: publish now if the last status is old enough, else once the throttle allows. */
  statusDirty(): void {
    if (this.statusTimer) return;
    const wait = Math.max(0, this.lastStatus + STATUS_INTERVAL_MS - Date.now());
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.lastStatus = Date.now();
      this.d.emitStatus();
    }, wait);
  }

  private flush(): void {
    let live = 0;
    for (const s of this.d.streams()) {
      if (!s.live) continue;
      live++;
      s.writer?.flush();
    }
    this.d.onFlush();
    if (live === 0) this.stopRecordingTimers();
    else if (this.d.settings().snapshotIntervalMs !== this.snapshotEvery) this.ensureRunning();
    this.statusDirty(); // rates and byte counts move even when no message arrived
  }

  private snapshot(): void {
    const now = this.d.clock.now();
    for (const s of this.d.streams()) if (s.depthLive && !s.paused) s.writer?.snapshot(now);
  }

  private frames(): void {
    const now = this.d.clock.now();
    for (const s of this.d.streams()) {
      if (!s.frameDirty || !this.watched.has(s.symbol) || !s.writer || !s.depthLive) continue;
      s.frameDirty = false;
      this.d.emitFrame(buildDepthFrame(s, s.writer.book, now));
    }
    for (const v of this.d.views()) if (v.frameDirty && v.live && this.watched.has(v.symbol)) this.d.emitFrame(v.frame(now));
  }

  private stopRecordingTimers(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    this.flushTimer = this.snapshotTimer = null;
  }

  dispose(): void {
    this.stopRecordingTimers();
    if (this.frameTimer) clearInterval(this.frameTimer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.frameTimer = this.statusTimer = null;
    this.watched.clear();
  }
}
