/**
 * The old tools' open scan: five minutes before the bell, the scanner's top rows are saved as scanner hits
 * (source `open-scan`), so each trip's gap % and RVOL at entry are known for the breakdowns even when the
 * name was first listed hours earlier. A snapshot only means something near its time: a run caught up
 * later than `maxLateMs` is logged as skipped rather than saving the scanner of another hour.
 */
import type { ScannerRow } from '../../src-shared/contract/features/scanner';
import { etMsOfDay } from '../../src-shared/domain/et-time';
import type { JobSpec } from '../../src-shared/domain/schedule';
import type { Clock } from '../platform/clock';
import type { ScannerHit } from '../storage';
import { abortableWait } from './abortable-wait';
import type { JobResult, ScheduledJob } from './scheduler-service';

export const OPEN_SCAN_JOB: JobSpec = { id: 'open-scan', anchor: 'open', offsetMin: -5, enabled: true };
export const OPEN_SCAN_SOURCE = 'open-scan';

export interface OpenScanDeps {
  clock: Clock;
  /** The scanner's current rows. */
  rows: () => readonly ScannerRow[];
  hits: { record(hit: ScannerHit): void };
  /** Waits (the scanner fills a second or two after a start); injected so tests need no real time. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Rows to keep; default 20. */
  top?: number;
  /** How long after its time a snapshot is still worth taking; default 10 minutes. */
  maxLateMs?: number;
  /** How long to wait for a first row; default 30 s. */
  rowsWaitMs?: number;
}

/** The best `n` rows by rank (the scanner's own order), rows without a gap or RVOL included as unknown. */
export function topRows(rows: readonly ScannerRow[], n: number): ScannerRow[] {
  return [...rows].sort((a, b) => a.rank - b.rank || (a.symbol < b.symbol ? -1 : 1)).slice(0, n);
}

const pct = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(1)} %`);
const x = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}×`);

/** "saved 12 rows: ABC +35.2 % RVOL 8.1×, …" (the first five named). */
export function openScanMessage(rows: readonly ScannerRow[]): string {
  const named = rows.slice(0, 5).map((r) => `${r.symbol} ${pct(r.gapPct)} RVOL ${x(r.rvol)}`);
  return `saved ${rows.length} row${rows.length === 1 ? '' : 's'}: ${named.join(', ')}${rows.length > 5 ? ', …' : ''}`;
}

/** "09:25" in ET. */
function fmtEtHm(ms: number): string {
  const m = Math.floor(etMsOfDay(ms) / 60_000);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function openScanJob(deps: OpenScanDeps, spec: JobSpec = OPEN_SCAN_JOB): ScheduledJob {
  const wait = deps.wait ?? abortableWait;
  return {
    spec,
    async run(scheduledFor, signal): Promise<JobResult> {
      const late = deps.clock.now() - scheduledFor;
      if (late > (deps.maxLateMs ?? 600_000)) {
        return { outcome: 'skipped', message: `missed: a snapshot is taken within ${Math.round((deps.maxLateMs ?? 600_000) / 60_000)} min of ${fmtEtHm(scheduledFor)} ET, and it is ${fmtEtHm(deps.clock.now())} ET` };
      }
      const deadline = deps.clock.now() + (deps.rowsWaitMs ?? 30_000);
      while (deps.rows().length === 0 && deps.clock.now() < deadline && !signal?.aborted) await wait(1_000, signal);
      const rows = topRows(deps.rows(), deps.top ?? 20);
      if (rows.length === 0) return { outcome: 'failed', message: 'the scanner had no rows (is the gateway connected?)' };
      const ts = deps.clock.now();
      for (const r of rows) deps.hits.record({ symbol: r.symbol, ts, gapPct: r.gapPct, rvol: r.rvol, score: r.score, source: OPEN_SCAN_SOURCE });
      return { outcome: 'ok', message: openScanMessage(rows) };
    },
  };
}
