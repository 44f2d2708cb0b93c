/** Backfill jobs and the chunk manifest (migration 004). */
import type { Db } from './database';

export type BackfillJobState = 'pending' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';
export type BackfillChunkState = 'pending' | 'running' | 'done' | 'empty' | 'failed';

export interface BackfillJobRow {
  jobId: string;
  spec: string;
  state: BackfillJobState;
  createdAt: number;
  updatedAt: number;
}

export interface BackfillChunkRow {
  requestHash: string;
  jobId: string;
  taskKey: string;
  symbol: string;
  state: BackfillChunkState;
  rows: number;
  firstTs: number | null;
  lastTs: number | null;
  attempts: number;
  error: string | null;
  updatedAt: number;
}

export interface ChunkOutcome {
  state: BackfillChunkState;
  rows?: number;
  firstTs?: number | null;
  lastTs?: number | null;
  error?: string | null;
}

export interface BackfillRepo {
  /** Creates the job or, for the same spec hash, leaves it as it is (a rerun resumes it). */
  upsertJob(jobId: string, spec: string, now: number): void;
  setJobState(jobId: string, state: BackfillJobState, now: number): void;
  job(jobId: string): BackfillJobRow | undefined;
  jobs(): BackfillJobRow[];
  /** Registers a chunk as pending unless it is already known (by any job). */
  ensureChunk(c: { requestHash: string; jobId: string; taskKey: string; symbol: string }, now: number): void;
  chunk(requestHash: string): BackfillChunkRow | undefined;
  chunksOf(jobId: string): BackfillChunkRow[];
  /** 'running' bumps attempts; other states record the outcome. */
  markChunk(requestHash: string, outcome: ChunkOutcome, now: number): void;
  /** After a crash: chunks left 'running' are pending again. Returns how many. */
  resetRunning(): number;
}

const JOB_COLS = 'job_id AS jobId, spec, state, created_at AS createdAt, updated_at AS updatedAt';
const CHUNK_COLS = `request_hash AS requestHash, job_id AS jobId, task_key AS taskKey, symbol, state, rows, first_ts AS firstTs,
  last_ts AS lastTs, attempts, error, updated_at AS updatedAt`;

export function createBackfillRepo(db: Db): BackfillRepo {
  const upsertJob = db.prepare(`INSERT INTO backfill_jobs (job_id, spec, state, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)
    ON CONFLICT (job_id) DO NOTHING`);
  const setJob = db.prepare('UPDATE backfill_jobs SET state = ?, updated_at = ? WHERE job_id = ?');
  const getJob = db.prepare(`SELECT ${JOB_COLS} FROM backfill_jobs WHERE job_id = ?`);
  const allJobs = db.prepare(`SELECT ${JOB_COLS} FROM backfill_jobs ORDER BY created_at DESC, job_id`);
  const ensure = db.prepare(`INSERT INTO backfill_chunks (request_hash, job_id, task_key, symbol, state, updated_at) VALUES (?, ?, ?, ?, 'pending', ?)
    ON CONFLICT (request_hash) DO NOTHING`);
  const getChunk = db.prepare(`SELECT ${CHUNK_COLS} FROM backfill_chunks WHERE request_hash = ?`);
  const jobChunks = db.prepare(`SELECT ${CHUNK_COLS} FROM backfill_chunks WHERE job_id = ? ORDER BY task_key, request_hash`);
  const running = db.prepare("UPDATE backfill_chunks SET state = 'running', attempts = attempts + 1, error = NULL, updated_at = ? WHERE request_hash = ?");
  const outcome = db.prepare(`UPDATE backfill_chunks SET state = ?, rows = ?, first_ts = ?, last_ts = ?, error = ?, updated_at = ? WHERE request_hash = ?`);
  const reset = db.prepare("UPDATE backfill_chunks SET state = 'pending' WHERE state = 'running'");
  return {
    upsertJob: (jobId, spec, now) => void upsertJob.run(jobId, spec, now, now),
    setJobState: (jobId, state, now) => void setJob.run(state, now, jobId),
    job: (jobId) => getJob.get(jobId) as BackfillJobRow | undefined,
    jobs: () => allJobs.all() as BackfillJobRow[],
    ensureChunk: (c, now) => void ensure.run(c.requestHash, c.jobId, c.taskKey, c.symbol, now),
    chunk: (hash) => getChunk.get(hash) as BackfillChunkRow | undefined,
    chunksOf: (jobId) => jobChunks.all(jobId) as BackfillChunkRow[],
    markChunk(hash, o, now) {
      if (o.state === 'running') running.run(now, hash);
      else outcome.run(o.state, o.rows ?? 0, o.firstTs ?? null, o.lastTs ?? null, o.error ?? null, now, hash);
    },
    resetRunning: () => reset.run().changes,
  };
}
