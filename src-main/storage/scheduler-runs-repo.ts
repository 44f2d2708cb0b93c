import type { Db } from './database';

export type RunOutcome = 'running' | 'ok' | 'failed' | 'skipped';

export interface SchedulerRun {
  id: number;
  jobId: string;
  scheduledFor: number;
  startedAt: number;
  finishedAt: number | null;
  outcome: RunOutcome;
  caughtUp: boolean;
  message: string;
}

export interface SchedulerRunsRepo {
  start(jobId: string, scheduledFor: number, startedAt: number, caughtUp: boolean): number;
  finish(id: number, finishedAt: number, outcome: Exclude<RunOutcome, 'running'>, message: string): void;
  /** The newest run's due time per job (what catch-up compares with). */
  lastScheduled(jobId: string): number | null;
  list(limit?: number): SchedulerRun[];
}

interface Row {
  id: number; job_id: string; scheduled_for: number; started_at: number; finished_at: number | null; outcome: RunOutcome; caught_up: number; message: string;
}

export function createSchedulerRunsRepo(db: Db): SchedulerRunsRepo {
  const insert = db.prepare('INSERT INTO scheduler_runs (job_id, scheduled_for, started_at, outcome, caught_up) VALUES (?, ?, ?, \'running\', ?)');
  const update = db.prepare('UPDATE scheduler_runs SET finished_at = ?, outcome = ?, message = ? WHERE id = ?');
  const last = db.prepare<[string], number>('SELECT MAX(scheduled_for) FROM scheduler_runs WHERE job_id = ?').pluck();
  const list = db.prepare<[number], Row>('SELECT * FROM scheduler_runs ORDER BY started_at DESC, id DESC LIMIT ?');
  return {
    start: (jobId, scheduledFor, startedAt, caughtUp) => Number(insert.run(jobId, Math.trunc(scheduledFor), Math.trunc(startedAt), caughtUp ? 1 : 0).lastInsertRowid),
    finish(id, finishedAt, outcome, message) {
      update.run(Math.trunc(finishedAt), outcome, message, id);
    },
    lastScheduled: (jobId) => (last.get(jobId) as number | null | undefined) ?? null,
    list: (limit = 100) =>
      list.all(Math.max(1, Math.min(limit, 1000))).map((r) => ({
        id: r.id, jobId: r.job_id, scheduledFor: r.scheduled_for, startedAt: r.started_at, finishedAt: r.finished_at, outcome: r.outcome, caughtUp: r.caught_up === 1, message: r.message,
      })),
  };
}
