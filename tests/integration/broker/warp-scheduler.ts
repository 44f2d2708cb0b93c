/**
 * Virtual time for tests that must cover IB's 10-minute pacing window in seconds. Only `Date` is faked
 * (vi.useFakeTimers({ toFake: ['Date'] })), so the simulator's pacing and the broker read the same clock,
 * while sockets and I/O stay real. Timers run earliest-first; time jumps only while `busy()` is false,
 * so no answer in flight is overtaken by a jump.
 */
import { vi } from 'vitest';
import type { Scheduler, TimerHandle } from '../../../src-main/broker/scheduler';

export class WarpScheduler implements Scheduler {
  private next = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private readonly loop: NodeJS.Timeout;

  constructor(private readonly busy: () => boolean, stepMs = 5) {
    this.loop = setInterval(() => this.step(), stepMs);
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    this.timers.set(id, { at: Date.now() + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(h: TimerHandle | undefined): void {
    if (h) this.timers.delete(h.id);
  }

  pending(): number {
    return this.timers.size;
  }

  stop(): void {
    clearInterval(this.loop);
  }

  private step(): void {
    let due: [number, { at: number; fn: () => void }] | undefined;
    for (const e of this.timers) if (!due || e[1].at < due[1].at) due = e;
    if (!due) return;
    if (due[1].at > Date.now()) {
      if (this.busy()) return;
      vi.setSystemTime(due[1].at);
    }
    this.timers.delete(due[0]);
    due[1].fn();
  }
}
