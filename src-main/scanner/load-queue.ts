/**
 * Runs async jobs a few at a time, best priority first. RVOL history for 50 names at once would
 * swamp the gateway's history farm (and an in-process simulator's event loop); the top-ranked names
 * get their RVOL first.
 */
export interface QueuedJob {
  /** Lower runs first; read when the job is picked, so a rank change reorders waiting work. */
  priority(): number;
  /** False when the job is no longer wanted (the name left the list); it is then dropped unrun. */
  wanted(): boolean;
  run(): Promise<void>;
}

export class LoadQueue {
  private readonly waiting: QueuedJob[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly concurrency: number) {}

  push(job: QueuedJob): void {
    if (this.closed) return;
    this.waiting.push(job);
    this.pump();
  }

  get pending(): number {
    return this.waiting.length + this.running;
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.waiting.length) {
      this.waiting.sort((a, b) => a.priority() - b.priority());
      const job = this.waiting.shift()!;
      if (!job.wanted()) continue;
      this.running++;
      job
        .run()
        .catch(() => undefined) // jobs report their own failures
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
