/**
 * A tick task: one ET session of TRADES or BID_ASK ticks walked forward through the pacing gate, written to
 * its file and then marked in the manifest (files first, as for bars). A pause waits between requests; a
 * cancel puts the chunk back to pending so the next run starts the session again.
 */
import { relative, sep } from 'node:path';
import type { HistoricalPort } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { BackfillRepo } from '../storage/backfill-repo';
import type { Instrument } from '../../src-shared/domain/instrument';
import { writeFileAtomic } from './bar-files';
import type { PlannedTask, TickWhat } from './plan/plan';
import type { TaskReport } from './run-report';
import { encodeTicks, tickFilePath } from './tick-files';
import { walkTicks } from './tick-walk';

export interface TickTaskContext {
  port: HistoricalPort;
  repo: BackfillRepo;
  clock: Clock;
  dataDir: string;
  timeoutMs: number;
  /** Awaited before each request; false = cancelled. */
  beforeRequest(): Promise<boolean>;
  /** Counts each request as it is answered. */
  onRequest(): void;
}

/** undefined when cancelled mid-walk (nothing is reported for the task). */
export async function runTickTask(ctx: TickTaskContext, task: PlannedTask, instrument: Instrument, hash: string): Promise<TaskReport | undefined> {
  const { repo, clock, port } = ctx;
  const base = { index: task.index, key: task.key, symbol: task.symbol, dates: task.dates, requests: 0, files: [] as TaskReport['files'] };
  const chunk = task.chunks[0];
  const what = task.what as TickWhat;
  const fetchTicks = port.historicalTicks?.bind(port);
  if (!fetchTicks) return { ...base, status: 'ERROR', rows: 0, error: 'This connection cannot fetch historical ticks.' };
  repo.markChunk(hash, { state: 'running' }, clock.now());
  const res = await walkTicks(
    async (start, count) => {
      const r = await fetchTicks({ instrument, start, count, whatToShow: what, useRTH: task.rth, priority: 'background', timeoutMs: ctx.timeoutMs });
      base.requests++;
      ctx.onRequest();
      return r;
    },
    { start: chunk.start, end: chunk.end, beforeRequest: ctx.beforeRequest },
  );
  if (!res.ok) {
    repo.markChunk(hash, { state: 'failed', error: res.error.message }, clock.now());
    return { ...base, status: 'ERROR', rows: 0, error: res.error.message };
  }
  if (!res.value.complete) {
    repo.markChunk(hash, { state: 'pending' }, clock.now());
    return undefined;
  }
  const ticks = res.value.ticks;
  if (ticks.length === 0) {
    repo.markChunk(hash, { state: 'empty', rows: 0 }, clock.now());
    return { ...base, status: 'EMPTY', rows: 0 };
  }
  const path = tickFilePath(ctx.dataDir, task.symbol, what, task.rth, task.dates[0]);
  writeFileAtomic(path, encodeTicks(what, ticks));
  const firstTs = ticks[0].time;
  const lastTs = ticks[ticks.length - 1].time;
  repo.markChunk(hash, { state: 'done', rows: ticks.length, firstTs, lastTs }, clock.now());
  const file = { path: relative(ctx.dataDir, path).split(sep).join('/'), rows: ticks.length };
  return { ...base, status: 'WRITE', rows: ticks.length, files: [file], firstTs, lastTs };
}
