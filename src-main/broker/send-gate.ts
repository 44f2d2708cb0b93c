/**
 * The one outgoing queue: IB disconnects clients that send more than 50 messages per second (error 100),
 * so every request goes through here. The rule is pure (`sendDelay`); the queue only schedules.
 */
import type { Clock } from '../platform/clock';
import type { Scheduler, TimerHandle } from './scheduler';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** A little under IB's 50/s: our clock and IB's disagree by a few ms, and the gateway counts on arrival. */
export const IB_MESSAGE_RATE: RateLimit = { limit: 45, windowMs: 1_000 };

/** @stoqey/ib's own limiter (maxReqPerSec / 10 per 100 ms), behind ours: high enough never to engage, so ours alone paces. */
export const IB_LIBRARY_MAX_REQ_PER_SEC = 1000;

/** Milliseconds until one more message may go, given the send times still remembered (ascending). */
export function sendDelay(sent: readonly number[], now: number, rate: RateLimit): number {
  const inWindow = sent.filter((t) => t > now - rate.windowMs);
  if (inWindow.length < rate.limit) return 0;
  return inWindow[inWindow.length - rate.limit] + rate.windowMs - now;
}

export class SendQueue {
  private readonly queue: Array<() => void> = [];
  private sent: number[] = [];
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private rate: RateLimit = IB_MESSAGE_RATE,
  ) {}

  /** IB said 100 (too many messages) anyway: another client shares the budget, so send less. */
  slowDown(): void {
    this.rate = { ...this.rate, limit: Math.max(10, Math.floor(this.rate.limit * 0.7)) };
  }

  get limit(): RateLimit {
    return this.rate;
  }

  push(send: () => void): void {
    this.queue.push(send);
    this.pump();
  }

  /** Drops unsent messages: after a disconnect they belong to a dead socket. */
  clear(): void {
    this.queue.length = 0;
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }

  get length(): number {
    return this.queue.length;
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const now = this.clock.now();
      this.sent = this.sent.filter((t) => t > now - this.rate.windowMs);
      const wait = sendDelay(this.sent, now, this.rate);
      if (wait > 0) {
        this.timer = this.scheduler.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      this.sent.push(now);
      this.queue.shift()!();
    }
  }
}
