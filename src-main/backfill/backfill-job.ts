/**
 * One backfill run: resolve the symbols, learn their head timestamps, plan, then work through the tasks with
 * a bounded number of workers. Every request goes through the broker's one pacing gate (as 'background', so
 * charts go first). The SQLite chunk manifest makes a rerun or a restart skip what is done; `force` redoes.
 */
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import type { HistoricalPort } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { BackfillRepo } from '../storage/backfill-repo';
import type { Bar } from '../../src-shared/domain/bar';
import type { Instrument } from '../../src-shared/domain/instrument';
import { etDate } from '../../src-shared/domain/market-time';
import { barFilePath, encodeBars, writeFileAtomic } from './bar-files';
import { fetchChunk } from './fetch-chunk';
import { planBackfill, type BackfillPlan, type BackfillSpec, type PlannedTask } from './plan/plan';
import { summarize, type RunSummary, type TaskReport } from './run-report';
import { runTickTask } from './tick-task';

export interface BackfillJobOptions {
  port: HistoricalPort;
  repo: BackfillRepo;
  clock: Clock;
  dataDir: string;
  maxWorkers: number;
  force: boolean;
  /** Per request; a timed-out window is split in two up to `splits` times. */
  timeoutMs?: number;
  splits?: number;
  onTask?(report: TaskReport): void;
  onProgress?(p: BackfillProgress): void;
}

export interface BackfillProgress {
  jobId: string;
  state: 'planning' | 'running' | 'paused' | 'done' | 'cancelled';
  tasksDone: number;
  tasksTotal: number;
  requests: number;
  perSymbol?: SymbolProgress[];
}

export interface SymbolProgress { symbol: string; done: number; total: number; failed: number; error: string | null }

export const jobIdOf = (spec: BackfillSpec): string =>
  createHash('sha1').update(JSON.stringify({ ...spec, symbols: [...spec.symbols] })).digest('hex').slice(0, 16);

const requestHash = (chunkKey: string): string => createHash('sha1').update(chunkKey).digest('hex');

export interface PlanOutcome {
  plan: BackfillPlan;
  instruments: Map<string, Instrument>;
  unresolved: Array<{ symbol: string; error: string }>;
}

/** Resolves symbols and head timestamps (both paced), then plans. Used by the dry run as well. */
export async function resolveAndPlan(port: HistoricalPort, spec: BackfillSpec, now: number): Promise<PlanOutcome | { error: string }> {
  if (spec.kind === 'ticks' && !port.historicalTicks) return { error: 'This connection cannot fetch historical ticks: use bars.' };
  const instruments = new Map<string, Instrument>();
  const unresolved: PlanOutcome['unresolved'] = [];
  const heads: Record<string, number> = {};
  for (const symbol of spec.symbols) {
    const r = await port.resolve(symbol);
    if (!r.ok) {
      unresolved.push({ symbol, error: r.error.message });
      continue;
    }
    instruments.set(symbol, r.value);
    const what = spec.what === 'BID_ASK' && spec.kind === 'bars' ? 'BID_ASK' : spec.what;
    const head = await port.headTimestamp({ instrument: r.value, whatToShow: what, useRTH: spec.rth, priority: 'background' });
    if (head.ok) heads[symbol] = head.value;
  }
  if (instruments.size === 0) return { error: `No symbol could be resolved: ${unresolved.map((u) => `${u.symbol}: ${u.error}`).join('; ')}` };
  const planned = planBackfill({ ...spec, symbols: spec.symbols.filter((s) => instruments.has(s)) }, { now, heads });
  if (!planned.ok) return { error: planned.error.message };
  return { plan: planned.value, instruments, unresolved };
}

export class BackfillJob {
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | undefined;
  private requests = 0;
  private tasksDone = 0;
  private readonly bySymbol = new Map<string, SymbolProgress>();

  readonly jobId: string;

  constructor(readonly spec: BackfillSpec, private readonly o: BackfillJobOptions) {
    this.jobId = jobIdOf(spec);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.resume();
  }

  async run(outcome: PlanOutcome): Promise<{ reports: TaskReport[]; summary: RunSummary }> {
    const started = this.o.clock.now();
    const { repo } = this.o;
    repo.upsertJob(this.jobId, JSON.stringify(this.spec), started);
    repo.resetRunning();
    repo.setJobState(this.jobId, 'running', started);
    const tasks = outcome.plan.tasks;
    const reports: TaskReport[] = new Array(tasks.length);
    for (const t of tasks) {
      const p = this.bySymbol.get(t.symbol) ?? { symbol: t.symbol, done: 0, total: 0, failed: 0, error: null };
      p.total++;
      this.bySymbol.set(t.symbol, p);
    }
    this.progress('running', tasks.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < tasks.length && !this.cancelled; i = next++) {
        await this.whilePaused();
        if (this.cancelled) break;
        const report = await this.runTask(tasks[i], outcome.instruments.get(tasks[i].symbol)!);
        if (!report) break; // cancelled inside the task
        reports[i] = report;
        this.tasksDone++;
        this.countFor(report);
        this.o.onTask?.(reports[i]);
        this.progress('running', tasks.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.o.maxWorkers, tasks.length)) }, worker));
    const done = reports.filter(Boolean);
    const end = this.o.clock.now();
    repo.setJobState(this.jobId, this.cancelled ? 'cancelled' : done.some((r) => r.status === 'ERROR') ? 'failed' : 'done', end);
    this.progress(this.cancelled ? 'cancelled' : 'done', tasks.length);
    return { reports: done, summary: summarize(done, this.o.maxWorkers, end - started) };
  }

  private progress(state: BackfillProgress['state'], total: number): void {
    const perSymbol = [...this.bySymbol.values()].map((p) => ({ ...p }));
    this.o.onProgress?.({ jobId: this.jobId, state, tasksDone: this.tasksDone, tasksTotal: total, requests: this.requests, perSymbol });
  }

  private countFor(report: TaskReport): void {
    const p = this.bySymbol.get(report.symbol);
    if (!p) return;
    p.done++;
    if (report.status === 'ERROR') {
      p.failed++;
      p.error = report.error ?? 'failed';
    }
  }

  private async whilePaused(): Promise<void> {
    while (this.paused && !this.cancelled) {
      this.progress('paused', 0);
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  private async runTask(task: PlannedTask, instrument: Instrument): Promise<TaskReport | undefined> {
    const { repo, clock } = this.o;
    const hashes = task.chunks.map((c) => requestHash(c.key));
    for (const h of hashes) repo.ensureChunk({ requestHash: h, jobId: this.jobId, taskKey: task.key, symbol: task.symbol }, clock.now());
    const base = { index: task.index, key: task.key, symbol: task.symbol, dates: task.dates, requests: 0, files: [] as TaskReport['files'] };
    const rows = hashes.map((h) => repo.chunk(h)!);
    if (!this.o.force && rows.every((r) => r.state === 'done' || r.state === 'empty')) {
      return { ...base, status: 'SKIP', rows: rows.reduce((n, r) => n + r.rows, 0) };
    }
    if (task.kind === 'ticks') return this.runTicks(task, instrument, hashes[0]);
    const got: Bar[][] = [];
    for (let i = 0; i < task.chunks.length; i++) {
      repo.markChunk(hashes[i], { state: 'running' }, clock.now());
      const res = await fetchChunk(this.o.port, {
        instrument, bar: task.bar!, what: task.what, rth: task.rth, chunk: task.chunks[i], timeoutMs: this.o.timeoutMs ?? 60_000, splits: this.o.splits ?? 3,
      });
      this.requests += res.ok ? res.value.requests : 1;
      base.requests += res.ok ? res.value.requests : 1;
      if (!res.ok) {
        repo.markChunk(hashes[i], { state: 'failed', error: res.error.message }, clock.now());
        return { ...base, status: 'ERROR', rows: 0, error: res.error.message };
      }
      got.push(res.value.bars);
    }
    // Files first, manifest second: a crash in between only costs a refetch of the same bars.
    const files = this.writeFiles(task, got.flat());
    got.forEach((bars, i) => {
      const state = bars.length ? 'done' : 'empty';
      repo.markChunk(hashes[i], { state, rows: bars.length, firstTs: bars[0]?.tsOpen ?? null, lastTs: bars[bars.length - 1]?.tsOpen ?? null }, clock.now());
    });
    const all = got.flat();
    if (all.length === 0) return { ...base, status: 'EMPTY', rows: 0 };
    return { ...base, status: 'WRITE', rows: all.length, files, firstTs: all[0].tsOpen, lastTs: all[all.length - 1].tsOpen };
  }

  private runTicks(task: PlannedTask, instrument: Instrument, hash: string): Promise<TaskReport | undefined> {
    const { port, repo, clock, dataDir } = this.o;
    const beforeRequest = async () => {
      await this.whilePaused();
      return !this.cancelled;
    };
    const onRequest = () => void this.requests++;
    return runTickTask({ port, repo, clock, dataDir, timeoutMs: this.o.timeoutMs ?? 60_000, beforeRequest, onRequest }, task, instrument, hash);
  }

  private writeFiles(task: PlannedTask, bars: Bar[]): TaskReport['files'] {
    const byDate = new Map<string, Bar[]>();
    for (const b of bars) {
      const d = etDate(b.tsOpen);
      if (!task.dates.includes(d)) continue;
      (byDate.get(d) ?? byDate.set(d, []).get(d)!).push(b);
    }
    const files: TaskReport['files'] = [];
    for (const date of task.dates) {
      const day = byDate.get(date);
      if (!day?.length) continue;
      const path = barFilePath(this.o.dataDir, task.symbol, task.bar!, task.what, task.rth, date);
      writeFileAtomic(path, encodeBars(day));
      files.push({ path: relative(this.o.dataDir, path).split(sep).join('/'), rows: day.length });
    }
    return files;
  }
}
