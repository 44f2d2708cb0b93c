/**
 * Watches this thread's event loop: a timer every `everyMs`; the longest gap between two of its ticks is
 * how long the loop was held up (a stalled loop fires late). Used by tests and benchmarks that prove
 * heavy work happens on another thread.
 */
export interface LoopWatch {
  /** Stops the timer; the longest gap between ticks (or from the last tick to now) in ms. */
  stop(): { maxGapMs: number };
}

export function watchLoop(everyMs = 5): LoopWatch {
  let last = performance.now();
  let maxGapMs = 0;
  const note = () => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  };
  const timer = setInterval(note, everyMs);
  return {
    stop() {
      clearInterval(timer);
      note(); // a loop still stalled when the work ends counts up to now
      return { maxGapMs };
    },
  };
}
