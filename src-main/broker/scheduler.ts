/**
 * Timers behind an interface so reconnect backoff, heartbeats and pacing can run on a manual clock in tests.
 * Every timer the broker starts goes through one Scheduler, so dispose() can prove nothing is left behind.
 */
export type TimerHandle = { readonly id: number };

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** Real timers, tracked so `pending()` can be asserted empty after dispose. */
export class SystemScheduler implements Scheduler {
  private next = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    const t = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, Math.max(0, ms));
    this.timers.set(id, t);
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const t = this.timers.get(handle.id);
    if (t) clearTimeout(t);
    this.timers.delete(handle.id);
  }

  pending(): number {
    return this.timers.size;
  }

  clearAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
