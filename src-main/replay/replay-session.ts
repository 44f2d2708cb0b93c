/**
 * One open replay: its timeline, playhead and transport state. Playing moves the playhead with the wall
 * clock × speed (or as many events as fit a time budget at 'max'); each frame says which events it moved
 * past (fromSeq..seq), so nothing is dropped for a consumer that wants them all.
 */
import type { ReplayFrame, ReplaySpeed } from '../../src-shared/contract/features/replay';
import type { Clock } from '../platform/clock';
import { ReplayEngine } from './replay-engine';
import type { Timeline } from './timeline';

/** At 'max', events applied per chunk and the time budget per tick (keeps the event loop responsive). */
const MAX_CHUNK = 2000;
const MAX_BUDGET_MS = 8;

export class ReplaySession {
  readonly engine: ReplayEngine;
  playing = false;
  speed: ReplaySpeed = 1;
  private wallStart = 0;
  private timeStart = 0;
  /** Global event of the last frame sent. */
  private framedSeq = 0;

  constructor(
    readonly id: string,
    readonly clientId: string,
    readonly timeline: Timeline,
    readonly levels: number,
    private readonly wall: Clock,
  ) {
    this.engine = new ReplayEngine(timeline);
  }

  play(speed: ReplaySpeed): void {
    if (this.engine.seq >= this.timeline.events && this.engine.time >= this.timeline.end) this.engine.seekTime(this.timeline.start);
    this.speed = speed;
    this.playing = true;
    this.wallStart = this.wall.now();
    this.timeStart = this.engine.time;
  }

  pause(): void {
    this.playing = false;
  }

  /** After a seek while playing, play on from the new playhead. */
  moved(): void {
    if (this.playing) this.play(this.speed);
  }

  /** Moves the playhead for one animation frame; false when not playing. */
  tick(): boolean {
    if (!this.playing) return false;
    const e = this.engine;
    if (this.speed === 'max') {
      const t0 = performance.now();
      do e.step(MAX_CHUNK);
      while (e.seq < this.timeline.events && performance.now() - t0 < MAX_BUDGET_MS);
    } else {
      e.seekTime(this.timeStart + (this.wall.now() - this.wallStart) * this.speed);
    }
    if (e.seq >= this.timeline.events && (this.speed === 'max' || e.time >= this.timeline.end)) this.playing = false;
    return true;
  }

  frame(): ReplayFrame {
    const f = this.engine.frame(this.id, this.levels, { playing: this.playing, speed: this.speed, fromSeq: this.framedSeq });
    this.framedSeq = f.seq;
    return f;
  }
}
