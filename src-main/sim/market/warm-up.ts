/** Longest stretch of warm-up work run before yielding to the event loop. */
export const WARM_UP_SLICE_MS = 8;

/**
 * Runs optional precomputation (filling caches) in slices of about `sliceMs`, yielding to the event
 * loop between slices: the simulator shares its process with the app in demo mode, and a cache
 * filled in one go would freeze it. Steps must be idempotent cache fills, so whether they ran first
 * or a caller computed the value on demand never changes a result.
 */
export class SlicedWarmUp {
  private next = 0;
  private handle: ReturnType<typeof setImmediate> | null = null;

  constructor(
    private readonly steps: ReadonlyArray<() => void>,
    private readonly sliceMs = WARM_UP_SLICE_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get done(): boolean {
    return this.next >= this.steps.length;
  }

  start(): void {
    if (!this.handle && !this.done) this.schedule();
  }

  /** Runs one slice now; true while steps remain. */
  runSlice(): boolean {
    if (this.done) return false;
    const t0 = this.clock();
    // At least one step per slice, so a slow step cannot stall the warm-up.
    do this.steps[this.next++]();
    while (!this.done && this.clock() - t0 < this.sliceMs);
    return !this.done;
  }

  stop(): void {
    if (this.handle) clearImmediate(this.handle);
    this.handle = null;
  }

  private schedule(): void {
    this.handle = setImmediate(() => {
      this.handle = null;
      if (this.runSlice()) this.schedule();
    });
    // Never keeps a CLI or test process alive on its own.
    this.handle.unref?.();
  }
}
