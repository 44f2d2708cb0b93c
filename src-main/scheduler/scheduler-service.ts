/**
 * Runs market-hours jobs on the ET calendar with an injected clock: one timer for the earliest next run
 * (re-checked at least every minute, so a jumped or simulated clock is followed), each run logged in
 * SQLite, and at start the latest missed run of each job caught up once.
 */
import { type JobSpec, catchUp, nextOccurrence } from '../../src-shared/domain/schedule';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import type { RunOutcome, SchedulerRun, SchedulerRunsRepo } from '../storage';

export interface JobResult {
  outcome: Exclude<RunOutcome, 'running'>;
  message: string;
}

export interface ScheduledJob {
  spec: JobSpec;
  /**
   * `scheduledFor` is the instant the run was due (its ET date is the day it is for); `signal` aborts when the
   * scheduler is disposed, so a job that waits (for rows, for a connection) stops waiting.
   */
  run(scheduledFor: number, signal?: AbortSignal): Promise<JobResult>;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SchedulerDeps {
  clock: Clock;
  runs: SchedulerRunsRepo;
  jobs: ScheduledJob[];
  log: Logger;
  timers?: Timers;
  /** Longest single wait; default 60 s. */
  maxWaitMs?: number;
  /** Missed runs older than this are not caught up; default a day. */
  catchUpMaxAgeMs?: number;
}

export interface JobStatus {
  id: string;
  enabled: boolean;
  next: number | null;
  last: SchedulerRun | null;
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

export class SchedulerService {
  private readonly timers: Timers;
  private readonly lastDue = new Map<string, number>();
  private handle: unknown;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly deps: SchedulerDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  private get enabled(): ScheduledJob[] {
    return this.deps.jobs.filter((j) => j.spec.enabled);
  }

  /** Catches up missed runs (once each), then arms the timer. */
  async start(): Promise<void> {
    const now = this.deps.clock.now();
    for (const job of this.enabled) {
      const last = this.deps.runs.lastScheduled(job.spec.id);
      const missed = catchUp(job.spec, last, now, this.deps.catchUpMaxAgeMs);
      this.lastDue.set(job.spec.id, Math.max(last ?? now, now));
      if (missed !== null) await this.execute(job, missed, true);
    }
    this.arm();
  }

  /** Runs whatever is due now; the timer calls it, tests may too. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      const now = this.deps.clock.now();
      for (const job of this.enabled) {
        const next = nextOccurrence(job.spec, this.lastDue.get(job.spec.id) ?? now);
        if (next === null || next > now) continue;
        this.lastDue.set(job.spec.id, next);
        await this.execute(job, next, false);
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    this.arm();
  }

  status(): JobStatus[] {
    const runs = this.deps.runs.list(500);
    return this.deps.jobs.map((j) => ({
      id: j.spec.id,
      enabled: j.spec.enabled,
      next: j.spec.enabled ? nextOccurrence(j.spec, this.lastDue.get(j.spec.id) ?? this.deps.clock.now()) : null,
      last: runs.find((r) => r.jobId === j.spec.id) ?? null,
    }));
  }

  runs(limit = 100): SchedulerRun[] {
    return this.deps.runs.list(limit);
  }

  dispose(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.handle !== undefined) this.timers.clear(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    if (this.stopped) return;
    if (this.handle !== undefined) this.timers.clear(this.handle);
    const now = this.deps.clock.now();
    const nexts = this.enabled.map((j) => nextOccurrence(j.spec, this.lastDue.get(j.spec.id) ?? now)).filter((t): t is number => t !== null);
    if (nexts.length === 0) return;
    const wait = Math.max(0, Math.min(Math.min(...nexts) - now, this.deps.maxWaitMs ?? 60_000));
    this.handle = this.timers.set(() => {
      this.handle = undefined;
      void this.tick();
    }, wait);
  }

  private async execute(job: ScheduledJob, scheduledFor: number, caughtUp: boolean): Promise<void> {
    const id = this.deps.runs.start(job.spec.id, scheduledFor, this.deps.clock.now(), caughtUp);
    let result: JobResult;
    try {
      result = await job.run(scheduledFor, this.abort.signal);
    } catch (e) {
      result = { outcome: 'failed', message: (e as Error).message };
    }
    this.deps.runs.finish(id, this.deps.clock.now(), result.outcome, result.message);
    const log = result.outcome === 'failed' ? this.deps.log.warn : this.deps.log.info;
    log.call(this.deps.log, 'scheduled job ran', { job: job.spec.id, scheduledFor, caughtUp, outcome: result.outcome, message: result.message });
  }
}
