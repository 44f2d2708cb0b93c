import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlexWebServiceClient } from '../../../src-main/history/flex/flex-web-service';
import { HistoryService } from '../../../src-main/history/history-service';
import { MemorySecretStore } from '../../../src-main/history/secret-store';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { OPEN_SCAN_JOB, openScanJob, topRows } from '../../../src-main/scheduler/open-scan-job';
import { RECONCILE_JOB, reconcileJob } from '../../../src-main/scheduler/reconcile-job';
import { type ScheduledJob, SchedulerService, type Timers } from '../../../src-main/scheduler/scheduler-service';
import { openStorage, type Storage } from '../../../src-main/storage';
import type { ScannerRow } from '../../../src-shared/contract/features/scanner';
import { err, ok, type Result } from '../../../src-shared/contract/result';
import { etToEpoch } from '../../../src-shared/domain/et-time';
import type { CommissionReport, Execution } from '../../../src-shared/domain/trades/execution';
import { makeTempDir } from '../../support/temp-dir';

const noTimers: Timers = { set: () => 0, clear: () => {} };
const log = createLogger('jobs-test');

function row(symbol: string, rank: number, gapPct: number | null, rvol: number | null): ScannerRow {
  return {
    symbol, conId: rank, last: 5, prevClose: 4, changePct: null, gapPct, gapFrozen: false, premarketVolume: 1000, volume: 1000, rvol, rvolState: 'ready',
    dailyRvol: null, bid: 4.99, ask: 5.01, spread: 0.02, spreadPct: 0.4, score: 10 - rank, scoreParts: null, rank, sources: ['TOP_PERC_GAIN'], firstSeen: 0, halted: false, recording: 'none',
  };
}

function exec(id: string, time: number, side: 'BUY' | 'SELL' = 'BUY', shares = 100): Execution {
  return { execId: id, permId: 1, orderId: 1, orderRef: null, clientId: 0, account: 'DU1', conId: 1, symbol: 'ABC', secType: 'STK', side, shares, price: 5, multiplier: 1, time, exchange: 'ISLAND' };
}
const fee = (execId: string, commission = 1): CommissionReport => ({ execId, commission, currency: 'USD', realizedPnl: null });

describe('market-hours jobs: the open scan and the reconcile, on real SQLite', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  let clock: ManualClock;
  /** A wait that moves the manual clock instead of sleeping. */
  const wait = async (ms: number) => clock.advance(ms);
  const service = (jobs: ScheduledJob[]) => new SchedulerService({ clock, runs: storage.schedulerRuns, jobs, log, timers: noTimers });

  beforeEach(() => {
    tmp = makeTempDir();
    clock = new ManualClock(etToEpoch('2026-03-02', 9, 25));
    storage = openStorage(tmp.dir, { clock });
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('saves the top rows by rank at 09:25 ET as open-scan hits, which become the trips’ gap % and RVOL at entry', async () => {
    const rows = [row('CCC', 3, 12, 2), row('AAA', 1, 40.25, 9.5), row('BBB', 2, null, null)];
    const job = openScanJob({ clock, rows: () => rows, hits: storage.hits, wait, top: 2 });
    clock.set(etToEpoch('2026-03-02', 9, 0));
    const s = service([job]);
    await s.start();
    expect(s.status()[0].next).toBe(etToEpoch('2026-03-02', 9, 25));
    clock.set(etToEpoch('2026-03-02', 9, 25, 1));
    await s.tick();
    const run = storage.schedulerRuns.list()[0];
    expect(run).toMatchObject({ jobId: 'open-scan', outcome: 'ok', caughtUp: false, scheduledFor: etToEpoch('2026-03-02', 9, 25), message: 'saved 2 rows: AAA +40.3 % RVOL 9.5×, BBB — RVOL —' });
    expect(storage.hits.list({ date: '2026-03-02' }).map((h) => [h.symbol, h.gapPct, h.rvol, h.source])).toEqual([['BBB', null, null, 'open-scan'], ['AAA', 40.25, 9.5, 'open-scan']]);

    // A 09:40 trip in AAA sees the 09:25 snapshot as its entry context.
    storage.ledger.recordBatch([{ execution: { ...exec('0001.01', etToEpoch('2026-03-02', 9, 40)), symbol: 'AAA' }, commission: fee('0001.01') }, { execution: { ...exec('0002.01', etToEpoch('2026-03-02', 9, 45), 'SELL'), symbol: 'AAA' }, commission: fee('0002.01') }], 'import');
    const history = new HistoryService({ ledger: storage.ledger, hits: storage.hits, secrets: new MemorySecretStore(), flex: new FlexWebServiceClient() });
    const trips = history.trips({ from: '2026-03-02', to: '2026-03-02' });
    expect([...history.entryContext(trips).values()]).toEqual([{ gapPct: 40.25, rvol: 9.5 }]);
    s.dispose();
  });

  it('a snapshot caught up within 10 minutes is taken, a later one is skipped; with no rows it waits 30 s, then fails', async () => {
    const rows: ScannerRow[] = [];
    const job = openScanJob({ clock, rows: () => rows, hits: storage.hits, wait });
    clock.set(etToEpoch('2026-03-02', 9, 50));
    await service([job]).start();
    expect(storage.schedulerRuns.list()[0]).toMatchObject({ outcome: 'skipped', caughtUp: true, message: 'missed: a snapshot is taken within 10 min of 09:25 ET, and it is 09:50 ET' });

    storage.close();
    tmp.cleanup();
    tmp = makeTempDir();
    storage = openStorage(tmp.dir, { clock });
    clock.set(etToEpoch('2026-03-02', 9, 31));
    const started = clock.now();
    await service([openScanJob({ clock, rows: () => rows, hits: storage.hits, wait })]).start();
    expect(storage.schedulerRuns.list()[0]).toMatchObject({ outcome: 'failed', caughtUp: true, message: 'the scanner had no rows (is the gateway connected?)' });
    expect(clock.now() - started).toBe(30_000);
    expect(topRows([row('B', 2, 1, 1), row('A', 2, 1, 1), row('C', 1, 1, 1)], 5).map((r) => r.symbol)).toEqual(['C', 'A', 'B']);
  });

  it('follows the ET calendar: no run on a holiday, the reconcile at 13:00 after a half-day close, the open scan still at 09:25', async () => {
    const jobs = [openScanJob({ clock, rows: () => [], hits: storage.hits, wait }), reconcileJob({ executions: async () => ok({ executions: [], commissions: [] }), ledger: storage.ledger, clock, log, wait })];
    clock.set(etToEpoch('2026-11-25', 17, 0)); // the Wednesday before Thanksgiving
    const s = service(jobs);
    await s.start();
    expect(s.status().map((j) => [j.id, j.next])).toEqual([
      [OPEN_SCAN_JOB.id, etToEpoch('2026-11-27', 9, 25)],
      [RECONCILE_JOB.id, etToEpoch('2026-11-27', 13, 0)],
    ]);
    s.dispose();
  });

  it('reconcile joins the day’s executions into the ledger and logs what it found', async () => {
    const day = (h: number, m: number) => etToEpoch('2026-03-02', h, m);
    storage.ledger.recordExecution(exec('000a.01', day(9, 40)), 'live');
    storage.ledger.recordCommission(fee('000a.01'), 'live');
    storage.ledger.recordExecution(exec('000b.01', day(9, 45), 'SELL'), 'live'); // its commission never came
    storage.ledger.recordExecution(exec('000e.01', day(10, 0)), 'live'); // IB will not list it (nor its commission)
    storage.ledger.recordExecution(exec('000f.01', day(10, 5), 'SELL'), 'import'); // an import: not IB's session, not flagged as unlisted
    let calls = 0;
    const executions = async (): Promise<Result<{ executions: Execution[]; commissions: CommissionReport[] }>> => {
      calls += 1;
      // Caught up at start, before the gateway connects: not connected twice, then the answer.
      if (calls <= 2) return err('NOT_CONNECTED', 'not connected to IB');
      return ok({
        executions: [exec('000a.01', day(9, 40)), exec('000b.01', day(9, 45), 'SELL'), exec('000c.01', day(11, 0)), exec('000d.01', day(11, 30), 'SELL', 50), exec('0009.01', etToEpoch('2026-02-27', 15, 0))],
        commissions: [fee('000a.01'), fee('000b.01', 1.25), fee('000c.01')],
      });
    };
    clock.set(etToEpoch('2026-03-02', 16, 20));
    await service([reconcileJob({ executions, ledger: storage.ledger, clock, log, wait })]).start();
    expect(calls).toBe(3);
    const run = storage.schedulerRuns.list()[0];
    expect(run).toMatchObject({ jobId: 'reconcile', outcome: 'ok', caughtUp: true, scheduledFor: etToEpoch('2026-03-02', 16, 0) });
    expect(run.message).toBe(
      'IB reported 4 executions for 2026-03-02; 2 new to the ledger (000c.01, 000d.01); 0 corrections; 2 commissions joined; 3 still pending a commission (000e.01, 000f.01, 000d.01); 1 ledger fill IB did not list (000e.01)',
    );
    const fills = storage.ledger.fills({});
    expect(fills.map((f) => [f.execId, f.source, f.commission])).toEqual([
      ['000a.01', 'live', 1], ['000b.01', 'live', 1.25], ['000e.01', 'live', null], ['000f.01', 'import', null], ['000c.01', 'reconciliation', 1], ['000d.01', 'reconciliation', null],
    ]);
  });

  it('reconcile caught up on a later day is skipped (IB lists only today’s executions); a dispose stops a job’s wait', async () => {
    clock.set(etToEpoch('2026-03-03', 8, 0));
    await service([reconcileJob({ executions: async () => ok({ executions: [], commissions: [] }), ledger: storage.ledger, clock, log })]).start();
    expect(storage.schedulerRuns.list()[0]).toMatchObject({ outcome: 'skipped', message: "missed: IB lists only today's executions; import 2026-03-02's Flex statement to check it" });

    // The real abortable wait with a clock that never moves: only the dispose can end the run.
    clock.set(etToEpoch('2026-03-03', 9, 25));
    const s = service([openScanJob({ clock, rows: () => [], hits: storage.hits })]);
    const running = s.start();
    s.dispose();
    await running;
    expect(storage.schedulerRuns.list()[0]).toMatchObject({ jobId: 'open-scan', outcome: 'failed' });
  });
});
