/**
 * The old tools' 16:00 ET reconcile (13:00 after a half-day close): the day's executions are read again from
 * IB (reqExecutions with their commission reports) and joined into the ledger, so a fill or commission the
 * live stream missed is caught the same day. The findings — fills new to the ledger, corrections,
 * commissions joined, fills still pending a commission, ledger fills IB no longer lists — go in the run's
 * message and the log.
 */
import type { Result } from '../../src-shared/contract/result';
import { addDays } from '../../src-shared/domain/civil-date';
import { etDate, etMidnight } from '../../src-shared/domain/et-time';
import type { JobSpec } from '../../src-shared/domain/schedule';
import { type CommissionReport, type Execution, execIdParts } from '../../src-shared/domain/trades/execution';
import type { Fill } from '../../src-shared/domain/trades/fill';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import type { LedgerBatchResult, LedgerEntry, LedgerRepo } from '../storage';
import { abortableWait } from './abortable-wait';
import type { JobResult, ScheduledJob } from './scheduler-service';

export const RECONCILE_JOB: JobSpec = { id: 'reconcile', anchor: 'close', offsetMin: 0, enabled: true };

export interface ReconcileDeps {
  /** reqExecutions for today with the commission reports (the broker's order port). */
  executions: () => Promise<Result<{ executions: Execution[]; commissions: CommissionReport[] }>>;
  ledger: Pick<LedgerRepo, 'recordBatch' | 'fills'>;
  clock: Clock;
  log: Logger;
  /** Waits between tries while IB is not connected yet (a run caught up at start); injected for tests. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How long to keep trying while not connected; default 60 s. */
  connectWaitMs?: number;
}

export interface ReconcileFindings {
  date: string;
  /** IB's executions of that ET date. */
  reported: number;
  /** Executions IB sent for other days (ignored). */
  otherDays: number;
  batch: LedgerBatchResult;
  /** execIds whose fill was new to the ledger (not a correction of a known one): fills the live stream missed. */
  missedLive: string[];
  /** The day's effective fills still without a commission. */
  pending: string[];
  /** The day's live or reconciled ledger fills whose execId IB did not list. */
  notReported: string[];
}

/** The day's IB executions as ledger entries (each with its commission when IB sent one), and the rest. */
export function dayEntries(date: string, executions: readonly Execution[], commissions: readonly CommissionReport[]): { entries: LedgerEntry[]; otherDays: number } {
  const byExec = new Map(commissions.map((c) => [c.execId, c]));
  const day = executions.filter((e) => etDate(e.time) === date);
  return { entries: day.map((e) => ({ execution: e, ...(byExec.has(e.execId) ? { commission: byExec.get(e.execId)! } : {}) })), otherDays: executions.length - day.length };
}

/** What the ledger held before against what IB reported; pure. */
export function compareDay(before: readonly Fill[], after: readonly Fill[], reported: readonly Execution[]): Pick<ReconcileFindings, 'missedLive' | 'pending' | 'notReported'> {
  const known = new Set(before.map((f) => execIdParts(f.execId).base));
  const ibBases = new Set(reported.map((e) => execIdParts(e.execId).base));
  return {
    missedLive: reported.filter((e) => !known.has(execIdParts(e.execId).base)).map((e) => e.execId),
    pending: after.filter((f) => f.commission === null).map((f) => f.execId),
    notReported: after.filter((f) => f.source !== 'import' && !ibBases.has(execIdParts(f.execId).base)).map((f) => f.execId),
  };
}

const list = (ids: readonly string[]) => (ids.length === 0 ? '' : ` (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`);

export function findingsMessage(f: ReconcileFindings): string {
  const parts = [
    `IB reported ${f.reported} execution${f.reported === 1 ? '' : 's'} for ${f.date}`,
    `${f.missedLive.length} new to the ledger${list(f.missedLive)}`,
    `${f.batch.corrections} correction${f.batch.corrections === 1 ? '' : 's'}`,
    `${f.batch.commissions} commission${f.batch.commissions === 1 ? '' : 's'} joined`,
    `${f.pending.length} still pending a commission${list(f.pending)}`,
  ];
  if (f.notReported.length) parts.push(`${f.notReported.length} ledger fill${f.notReported.length === 1 ? '' : 's'} IB did not list${list(f.notReported)}`);
  return parts.join('; ');
}

/** reqExecutions, tried again each second while IB is not connected yet, up to `connectWaitMs`. */
async function fetchWhenConnected(deps: ReconcileDeps, signal?: AbortSignal): ReturnType<ReconcileDeps['executions']> {
  const deadline = deps.clock.now() + (deps.connectWaitMs ?? 60_000);
  for (;;) {
    const r = await deps.executions();
    if (r.ok || r.error.code !== 'NOT_CONNECTED' || deps.clock.now() >= deadline || signal?.aborted) return r;
    await (deps.wait ?? abortableWait)(1_000, signal);
  }
}

export function reconcileJob(deps: ReconcileDeps, spec: JobSpec = RECONCILE_JOB): ScheduledJob {
  return {
    spec,
    async run(scheduledFor, signal): Promise<JobResult> {
      const date = etDate(scheduledFor);
      // reqExecutions lists the current day only: a run caught up on a later day would report every fill missing.
      if (etDate(deps.clock.now()) !== date) return { outcome: 'skipped', message: `missed: IB lists only today's executions; import ${date}'s Flex statement to check it` };
      const range = { from: etMidnight(date), to: etMidnight(addDays(date, 1)) };
      const r = await fetchWhenConnected(deps, signal);
      if (!r.ok) return { outcome: 'failed', message: `could not read executions from IB: ${r.error.message}` };
      const before = deps.ledger.fills(range);
      const { entries, otherDays } = dayEntries(date, r.value.executions, r.value.commissions);
      const batch = deps.ledger.recordBatch(entries, 'reconciliation');
      const reported = entries.map((e) => e.execution);
      const findings: ReconcileFindings = { date, reported: reported.length, otherDays, batch, ...compareDay(before, deps.ledger.fills(range), reported) };
      const message = findingsMessage(findings);
      const notable = findings.missedLive.length + findings.notReported.length + batch.corrections > 0;
      (notable ? deps.log.warn : deps.log.info).call(deps.log, 'reconcile findings', { date, missedLive: findings.missedLive.join(' '), notReported: findings.notReported.join(' '), pending: findings.pending.length, corrections: batch.corrections });
      return { outcome: 'ok', message };
    },
  };
}
