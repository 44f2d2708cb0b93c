/** Pure helpers of the Backfill tab: the form's symbols, ETAs, durations and job states in words. */
import type { BackfillJobInfo } from '../../../../src-shared/contract/features/backfill';

/** "aapl, msft  tsla" → ["AAPL", "MSFT", "TSLA"], de-duplicated in typed order. */
export function parseSymbols(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];
}

/** 0 → "none", 42_000 → "42 s", 754_000 → "12 min 34 s", 7_380_000 → "2 h 3 min". */
export function fmtDuration(ms: number): string {
  if (!(ms > 0)) return 'none';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/**
 * Time left from the pace so far (tasks per elapsed ms); before the first task finishes, the plan's estimate
 * at IB's pacing when known. undefined when there is nothing to base it on, 0 when finished.
 */
export function etaMs(job: Pick<BackfillJobInfo, 'tasksDone' | 'tasksTotal' | 'startedAt' | 'state'>, now: number, planned?: number): number | undefined {
  if (job.state === 'done' || job.state === 'cancelled' || job.state === 'failed') return 0;
  const left = job.tasksTotal - job.tasksDone;
  if (job.tasksTotal > 0 && left <= 0) return 0;
  if (job.tasksDone > 0 && job.startedAt !== undefined && now > job.startedAt) return (left * (now - job.startedAt)) / job.tasksDone;
  return planned;
}

export const share = (done: number, total: number): number => (total > 0 ? Math.min(1, done / total) : 0);

const STATE_WORDS: Record<BackfillJobInfo['state'], string> = {
  pending: 'Waiting', running: 'Running', paused: 'Paused', done: 'Done', failed: 'Finished with errors', cancelled: 'Cancelled',
};
export const stateWords = (s: BackfillJobInfo['state']): string => STATE_WORDS[s];

/** Jobs by id, the newest event winning, in first-seen order. */
export function upsertJob(jobs: readonly BackfillJobInfo[], info: BackfillJobInfo): BackfillJobInfo[] {
  const i = jobs.findIndex((j) => j.jobId === info.jobId);
  if (i < 0) return [info, ...jobs];
  const next = [...jobs];
  next[i] = info;
  return next;
}
