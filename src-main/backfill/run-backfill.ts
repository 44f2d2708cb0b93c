/** A whole run for the CLI and the app: plan, work, and write the run's manifest, summary and SUMMARY line. */
import { join } from 'node:path';
import { BackfillJob, jobIdOf, resolveAndPlan, type BackfillJobOptions } from './backfill-job';
import type { BackfillSpec, SkippedDay } from './plan/plan';
import { RunFiles, summarize, summaryLine, type RunSummary, type TaskReport } from './run-report';

export interface RunOutcome {
  jobId: string;
  summary: RunSummary;
  line: string;
  reports: TaskReport[];
  runDir: string;
  skipped: SkippedDay[];
  unresolved: Array<{ symbol: string; error: string }>;
}

/** `<dataDir>/backfill_runs/<jobId>/`: the same spec's rerun replaces its previous run files. */
export const runDirOf = (dataDir: string, jobId: string): string => join(dataDir, 'backfill_runs', jobId);

/**
 * Runs the spec to the end (or until cancelled through the job handed to `started`). Task lines reach the
 * manifest as they finish, in input order; symbols IB does not know are ERROR lines after the tasks.
 */
export async function runBackfill(spec: BackfillSpec, o: BackfillJobOptions, started?: (job: BackfillJob) => void): Promise<RunOutcome | { error: string }> {
  const begun = o.clock.now();
  const planned = await resolveAndPlan(o.port, spec, begun);
  if ('error' in planned) return planned;
  const runDir = runDirOf(o.dataDir, jobIdOf(spec));
  const runFiles = new RunFiles(runDir);
  const job = new BackfillJob(spec, {
    ...o,
    onTask: (r) => {
      runFiles.report(r);
      o.onTask?.(r);
    },
  });
  started?.(job);
  const { reports } = await job.run(planned);
  const n = planned.plan.tasks.length;
  const errors: TaskReport[] = planned.unresolved.map((u, i) => ({
    index: n + i, key: `${u.symbol}|unresolved`, symbol: u.symbol, dates: [], status: 'ERROR', rows: 0, requests: 0, files: [], error: u.error,
  }));
  for (const e of errors) runFiles.report(e);
  const all = [...reports, ...errors];
  const summary = summarize(all, o.maxWorkers, o.clock.now() - begun);
  runFiles.finish(summary, { jobId: job.jobId, spec, skipped: planned.plan.skipped, unresolved: planned.unresolved, requests: all.reduce((s, r) => s + r.requests, 0) });
  return { jobId: job.jobId, summary, line: summaryLine(summary), reports: all, runDir, skipped: planned.plan.skipped, unresolved: planned.unresolved };
}
