import type { ManualClock } from '../../../src-main/platform/clock';
import type { Scheduler, TimerHandle } from '../../../src-main/broker/scheduler';

/** Timers on a ManualClock: `advance` runs every due timer in time order. */
export class ManualScheduler implements Scheduler {
  private next = 1;
  private timers = new Map<number, { at: number; fn: () => void }>();

  constructor(readonly clock: ManualClock) {}

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    this.timers.set(id, { at: this.clock.now() + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(h: TimerHandle | undefined): void {
    if (h) this.timers.delete(h.id);
  }

  pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= end && (!due || e[1].at < due[1].at)) due = e;
      if (!due) break;
      this.timers.delete(due[0]);
      this.clock.set(Math.max(this.clock.now(), due[1].at));
      due[1].fn();
    }
    this.clock.set(end);
  }
}
