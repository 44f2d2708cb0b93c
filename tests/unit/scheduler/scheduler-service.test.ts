import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { type ScheduledJob, SchedulerService, type Timers } from '../../../src-main/scheduler/scheduler-service';
import { openStorage, type Storage } from '../../../src-main/storage';
import { etToEpoch } from '../../../src-shared/domain/et-time';
import { makeTempDir } from '../../support/temp-dir';

/** Timers a test fires by hand: it records the wait asked for. */
class ManualTimers implements Timers {
  pending: { fn: () => void; ms: number } | null = null;
  set(fn: () => void, ms: number) {
    this.pending = { fn, ms };
    return 1;
  }
  clear() {
    this.pending = null;
  }
}

describe('scheduler', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  let clock: ManualClock;
  let timers: ManualTimers;
  const ran: Array<[string, number]> = [];
  const job = (id: string, outcome: 'ok' | 'failed' = 'ok'): ScheduledJob => ({
    spec: { id, anchor: 'close', offsetMin: 60, enabled: true },
    run: async (t) => {
      ran.push([id, t]);
      if (outcome === 'failed') throw new Error('disk full');
      return { outcome, message: `for ${t}` };
    },
  });
  const service = (jobs: ScheduledJob[]) => new SchedulerService({ clock, runs: storage.schedulerRuns, jobs, log: createLogger('sched-test'), timers, catchUpMaxAgeMs: 4 * 86_400_000 });

  beforeEach(() => {
    tmp = makeTempDir();
    clock = new ManualClock(etToEpoch('2026-03-02', 12, 0));
    storage = openStorage(tmp.dir, { clock });
    timers = new ManualTimers();
    ran.length = 0;
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('waits for the next run (at most a minute at a time), runs it once, logs it, and moves on to the next day', async () => {
    const s = service([job('daily-report')]);
    await s.start();
    // A first start Monday noon: Friday's run (within the 4-day catch-up window) is caught up once.
    expect(ran).toEqual([['daily-report', etToEpoch('2026-02-27', 17, 0)]]);
    expect(timers.pending?.ms).toBe(60_000);
    ran.length = 0;
    clock.set(etToEpoch('2026-03-02', 17, 0));
    timers.pending!.fn();
    await s.tick(); // the timer's tick and this one share the same run
    expect(ran).toEqual([['daily-report', etToEpoch('2026-03-02', 17, 0)]]);
    expect(storage.schedulerRuns.list().map((r) => [r.scheduledFor, r.outcome, r.caughtUp])).toEqual([
      [etToEpoch('2026-03-02', 17, 0), 'ok', false],
      [etToEpoch('2026-02-27', 17, 0), 'ok', true],
    ]);
    await s.tick();
    expect(ran).toHaveLength(1);
    expect(s.status()[0]).toMatchObject({ id: 'daily-report', next: etToEpoch('2026-03-03', 17, 0) });
    s.dispose();
    expect(timers.pending).toBeNull();
  });

  it('a run missed while the app was closed is caught up once at start; a failure is logged as failed', async () => {
    const s1 = service([job('daily-report')]);
    clock.set(etToEpoch('2026-03-02', 17, 0));
    await s1.start();
    await s1.tick();
    s1.dispose();
    // Closed Monday night, started again Thursday morning: only Wednesday's run is caught up.
    clock.set(etToEpoch('2026-03-05', 8, 0));
    const s2 = service([job('daily-report', 'failed')]);
    await s2.start();
    expect(ran.map(([, t]) => t)).toEqual([etToEpoch('2026-03-02', 17, 0), etToEpoch('2026-03-04', 17, 0)]);
    expect(storage.schedulerRuns.list()[0]).toMatchObject({ outcome: 'failed', caughtUp: true, message: 'disk full' });
    const s3 = service([job('daily-report')]);
    await s3.start();
    expect(ran).toHaveLength(2); // already caught up: not again
    s2.dispose();
    s3.dispose();
  });

  it('disabled jobs never run', async () => {
    const off = { ...job('off'), spec: { ...job('off').spec, enabled: false } };
    const s = service([off]);
    clock.set(etToEpoch('2026-03-03', 10, 0));
    await s.start();
    await s.tick();
    expect(ran).toEqual([]);
    expect(timers.pending).toBeNull();
    expect(s.status()).toEqual([{ id: 'off', enabled: false, next: null, last: null }]);
  });
});
