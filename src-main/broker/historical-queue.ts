/**
 * The queue in front of reqHistoricalData. Callers submit; the queue sends each task only when the pacing
 * rules allow, so no caller can cause error 162. Tasks are IB-agnostic: `run()` sends the request.
 */
import type { Clock } from '../platform/clock';
import { IB_PACING, pacingDelay, pruneLog, type PacedRequest, type PacingLimits, type SentRecord } from './pacing-rules';
import type { Scheduler, TimerHandle } from './scheduler';

export interface PacedTask extends PacedRequest {
  run(): void;
  /** Not before this epoch ms (set after a 162). */
  notBefore?: number;
}

export class HistoricalQueue {
  private readonly waiting: PacedTask[] = [];
  private readonly open = new Set<PacedTask>();
  private sent: SentRecord[] = [];
  private timer: TimerHandle | undefined;
  private paused = true;

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly limits: PacingLimits = IB_PACING,
  ) {}

  submit(task: PacedTask): void {
    this.waiting.push(task);
    this.pump();
  }

  /** The answer (or a final error) arrived: the slot is free. */
  complete(task: PacedTask): void {
    this.open.delete(task);
    this.pump();
  }

  /** IB said 162 anyway (e.g. another app shares the account's pacing): try again after `delayMs`. */
  retryLater(task: PacedTask, delayMs: number): void {
    this.open.delete(task);
    task.notBefore = this.clock.now() + delayMs;
    this.waiting.unshift(task);
    this.pump();
  }

  /** While disconnected nothing is sent; in-flight tasks go back to the front to be re-sent. */
  pause(): void {
    this.paused = true;
    this.waiting.unshift(...this.open);
    this.open.clear();
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Removes a task that is no longer wanted (caller gave up). */
  drop(task: PacedTask): void {
    const i = this.waiting.indexOf(task);
    if (i >= 0) this.waiting.splice(i, 1);
    this.open.delete(task);
  }

  /** Everything not yet answered, for failing them on dispose. */
  drain(): PacedTask[] {
    const all = [...this.open, ...this.waiting];
    this.waiting.length = 0;
    this.open.clear();
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    return all;
  }

  /** Sent and not yet answered. */
  get inFlight(): number {
    return this.open.size;
  }

  get pending(): number {
    return this.waiting.length + this.open.size;
  }

  private pump(): void {
    if (this.paused) return;
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    let soonest = Infinity;
    // Scan past blocked tasks so one hot contract does not hold up the others.
    for (let i = 0; i < this.waiting.length; ) {
      const now = this.clock.now();
      this.sent = pruneLog(this.sent, now, this.limits);
      const task = this.waiting[i];
      const wait = Math.max(pacingDelay({ sent: this.sent, open: this.open.size }, task, now, this.limits), (task.notBefore ?? 0) - now);
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.sent.push({ identity: task.identity, group: task.group, weight: task.weight, at: now });
      this.open.add(task);
      task.run();
    }
    if (Number.isFinite(soonest)) this.timer = this.scheduler.setTimeout(() => this.pump(), soonest);
  }
}
