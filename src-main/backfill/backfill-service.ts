/**
 * Backfill inside the app: the contract's backfill:* calls. Jobs run in the main process through the
 * broker's one pacing gate as background work, so the trader's charts keep going first.
 */
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { BackfillJobInfo, BackfillPlanPreview, BackfillSpecInput } from '../../src-shared/contract/features/backfill';
import type { HeadTimestampRequest, HistoricalPort } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import type { BackfillRepo } from '../storage/backfill-repo';
import { jobIdOf, resolveAndPlan, type BackfillJob } from './backfill-job';
import type { BackfillSpec } from './plan/plan';
import { runBackfill } from './run-backfill';

export interface BackfillServiceDeps {
  port: HistoricalPort;
  repo: BackfillRepo;
  clock: Clock;
  dataDir: string;
  log: Logger;
  emit(progress: BackfillJobInfo): void;
  maxWorkers?: number;
  /** Symbols the scanner recorded on an ET date (for "yesterday's gappers"). */
  hitsOf?(date: string): string[];
}

interface Live {
  job?: BackfillJob;
  info: BackfillJobInfo;
}

const toSpec = (i: BackfillSpecInput): BackfillSpec => ({ symbols: i.symbols, start: i.start, end: i.end, kind: i.kind, bar: i.bar, what: i.what, rth: i.rth });

export class BackfillService {
  private readonly live = new Map<string, Live>();
  private readonly port: HistoricalPort;
  private readonly heads = new Map<string, Promise<Result<number>>>();

  constructor(private readonly d: BackfillServiceDeps) {
    // A preview and the start that follows ask the same head timestamps: IB refuses (and the gate holds back)
    // an identical request within 15 s, and the first data date does not move, so each is asked once.
    const p = d.port;
    this.port = {
      resolve: (symbol) => p.resolve(symbol),
      historicalBars: (r) => p.historicalBars(r),
      headTimestamp: (r) => this.cachedHead(r),
      ...(p.historicalTicks ? { historicalTicks: p.historicalTicks.bind(p) } : {}),
    };
  }

  private cachedHead(r: HeadTimestampRequest): Promise<Result<number>> {
    const key = [r.instrument.conId, r.whatToShow, r.useRTH].join('|');
    let got = this.heads.get(key);
    if (!got) {
      got = this.d.port.headTimestamp(r);
      this.heads.set(key, got);
      void got.then((res) => !res.ok && this.heads.delete(key));
    }
    return got;
  }

  /** The dry run: symbols resolved and head timestamps asked (paced), nothing else sent. */
  async plan(input: BackfillSpecInput): Promise<Result<BackfillPlanPreview>> {
    const planned = await resolveAndPlan(this.port, toSpec(input), this.d.clock.now());
    if ('error' in planned) return err('INVALID_INPUT', planned.error);
    const p = planned.plan;
    return ok({ tasks: p.tasks.length, requests: p.requests, units: p.units, estimatedMs: p.estimatedMs, skipped: p.skipped, unresolved: planned.unresolved });
  }

  start(input: BackfillSpecInput): Result<BackfillJobInfo> {
    const spec = toSpec(input);
    const jobId = jobIdOf(spec);
    const running = this.live.get(jobId);
    if (running && (running.info.state === 'running' || running.info.state === 'paused')) return ok(running.info);
    const entry: Live = {
      info: {
        jobId, state: 'running', symbols: [...spec.symbols], start: spec.start, end: spec.end, tasksDone: 0, tasksTotal: 0, requests: 0, summary: null, error: null,
        startedAt: this.d.clock.now(),
      },
    };
    this.live.set(jobId, entry);
    const update = (patch: Partial<BackfillJobInfo>) => {
      entry.info = { ...entry.info, ...patch };
      this.d.emit(entry.info);
    };
    void runBackfill(spec, {
      port: this.port, repo: this.d.repo, clock: this.d.clock, dataDir: this.d.dataDir, maxWorkers: this.d.maxWorkers ?? 4, force: input.force,
      onProgress: (p) => update({
        tasksDone: p.tasksDone, tasksTotal: p.tasksTotal || entry.info.tasksTotal, requests: p.requests, state: p.state === 'planning' ? 'running' : p.state,
        ...(p.perSymbol ? { perSymbol: p.perSymbol } : {}),
      }),
    }, (job) => (entry.job = job)).then(
      (out) => {
        if ('error' in out) return update({ state: 'failed', error: out.error });
        const state = entry.info.state === 'cancelled' ? 'cancelled' : out.summary.ERROR > 0 ? 'failed' : 'done';
        update({ state, summary: out.line, tasksDone: out.summary.total, tasksTotal: Math.max(entry.info.tasksTotal, out.summary.total) });
      },
      (e: unknown) => {
        this.d.log.error('backfill job crashed', { jobId, error: String(e) });
        update({ state: 'failed', error: `The job stopped: ${String(e)}` });
      },
    );
    this.d.emit(entry.info);
    return ok(entry.info);
  }

  pause(jobId: string): Result<BackfillJobInfo> {
    return this.control(jobId, (j) => j.pause(), 'paused');
  }

  resume(jobId: string): Result<BackfillJobInfo> {
    return this.control(jobId, (j) => j.resume(), 'running');
  }

  cancel(jobId: string): Result<BackfillJobInfo> {
    return this.control(jobId, (j) => j.cancel(), 'cancelled');
  }

  /** This session's jobs first, then earlier ones from the manifest (resumable by starting the same spec). */
  jobs(): BackfillJobInfo[] {
    const out = [...this.live.values()].map((l) => l.info);
    for (const row of this.d.repo.jobs()) {
      if (this.live.has(row.jobId)) continue;
      const spec = JSON.parse(row.spec) as BackfillSpec;
      const chunks = this.d.repo.chunksOf(row.jobId);
      const finished = chunks.filter((c) => c.state === 'done' || c.state === 'empty').length;
      out.push({ jobId: row.jobId, state: row.state, symbols: [...spec.symbols], start: spec.start, end: spec.end, tasksDone: finished, tasksTotal: chunks.length, requests: 0, summary: null, error: null });
    }
    return out;
  }

  /** The distinct symbols the scanner recorded on `date`, sorted. */
  hits(date: string): { date: string; symbols: string[] } {
    return { date, symbols: [...new Set(this.d.hitsOf?.(date) ?? [])].sort() };
  }

  /** Stops every running job (their chunks stay resumable). */
  dispose(): void {
    for (const l of this.live.values()) l.job?.cancel();
  }

  private control(jobId: string, act: (j: BackfillJob) => void, state: BackfillJobInfo['state']): Result<BackfillJobInfo> {
    const l = this.live.get(jobId);
    if (!l?.job || (l.info.state !== 'running' && l.info.state !== 'paused')) return err('NOT_FOUND', 'No running backfill job with that id.');
    act(l.job);
    l.info = { ...l.info, state };
    this.d.emit(l.info);
    return ok(l.info);
  }
}
