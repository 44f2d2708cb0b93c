/** The app's backfill:* calls over a fake HistoricalPort: dry run, start, pause/resume, progress, jobs. */
import { afterEach, describe, expect, it } from 'vitest';
import { BackfillService } from '../../../src-main/backfill/backfill-service';
import type { HistoricalPort } from '../../../src-main/broker/port';
import { createLogger } from '../../../src-main/platform/log';
import { openStorage } from '../../../src-main/storage';
import { BackfillSpecInput, type BackfillJobInfo } from '../../../src-shared/contract/features/backfill';
import { ok } from '../../../src-shared/contract/result';
import { Symbol as Sym } from '../../../src-shared/domain/brand';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).reverse().forEach((c) => c()));

function rig() {
  const tmp = makeTempDir();
  const storage = openStorage(tmp.dir);
  closers.push(() => tmp.cleanup(), () => storage.close());
  const gate: { open: boolean; waiters: Array<() => void> } = { open: true, waiters: [] };
  let sent = 0;
  let heads = 0;
  const port: HistoricalPort = {
    resolve: async (s) => ok({ symbol: Sym.parse(s), conId: s.charCodeAt(0), exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD' } as Instrument),
    headTimestamp: async () => (heads++, ok(0)),
    historicalBars: async (r) => {
      while (!gate.open) await new Promise<void>((w) => gate.waiters.push(w));
      sent++;
      return ok([{ tsOpen: r.end! - 60_000, open: 1, high: 1, low: 1, close: 1, volume: 1 }]);
    },
  };
  const events: BackfillJobInfo[] = [];
  const svc = new BackfillService({
    port, repo: storage.backfill, clock: { now: () => Date.UTC(2025, 3, 1) }, dataDir: tmp.dir, log: createLogger('t'), emit: (e) => events.push(e), maxWorkers: 1,
    hitsOf: (date) => (date === '2025-03-31' ? ['TSLA', 'AMD', 'TSLA'] : []),
  });
  closers.push(() => svc.dispose());
  return { svc, events, gate, sent: () => sent, heads: () => heads };
}

const input = BackfillSpecInput.parse({ symbols: ['aapl'], start: '2025-03-03', end: '2025-03-07' });

describe('BackfillService', () => {
  it('the contract input defaults to 1-minute TRADES bars over all hours and refuses junk', () => {
    expect(input).toMatchObject({ symbols: ['AAPL'], kind: 'bars', bar: '1min', what: 'TRADES', rth: false, force: false });
    expect(BackfillSpecInput.safeParse({ symbols: ['AAPL'], start: '2025-03-03', end: 'soon' }).success).toBe(false);
    expect(BackfillSpecInput.safeParse({ ...input, extra: 1 }).success).toBe(false);
  });

  it('plans without fetching bars', async () => {
    const { svc, sent } = rig();
    const r = await svc.plan(input);
    expect(r).toEqual({ ok: true, value: { tasks: 5, requests: 5, units: 5, estimatedMs: 0, skipped: [], unresolved: [] } });
    expect(sent()).toBe(0);
  });

  it('runs a job with progress events, pauses and resumes it, and lists it', async () => {
    const { svc, events, gate } = rig();
    gate.open = false;
    const started = svc.start(input);
    expect(started.ok && started.value.state).toBe('running');
    const jobId = started.ok ? started.value.jobId : '';
    await waitFor(() => gate.waiters.length > 0, { message: 'first request waiting' });
    expect(svc.pause(jobId)).toMatchObject({ ok: true, value: { state: 'paused' } });
    gate.open = true;
    gate.waiters.splice(0).forEach((w) => w());
    await waitFor(() => events.some((e) => e.state === 'paused' && e.tasksDone === 1), { message: 'paused after the task in flight' });
    expect(svc.resume(jobId)).toMatchObject({ ok: true, value: { state: 'running' } });
    await waitFor(() => events.at(-1)?.summary, { message: 'job finished' });
    expect(events.at(-1)).toMatchObject({ state: 'done', tasksDone: 5, summary: expect.stringMatching(/^SUMMARY WRITE=5 SKIP=0/) });
    expect(svc.jobs().map((j) => [j.jobId, j.state])).toEqual([[jobId, 'done']]);
    expect(svc.cancel(jobId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('asks each head timestamp once across previews and the start, and reports progress per symbol', async () => {
    const { svc, events, heads } = rig();
    const two = { ...input, symbols: ['AAPL', 'MSFT'] };
    await svc.plan(two);
    await svc.plan(two);
    svc.start(two);
    await waitFor(() => events.at(-1)?.summary, { message: 'job finished' });
    expect(heads()).toBe(2);
    expect(events.at(-1)?.perSymbol).toEqual([
      { symbol: 'AAPL', done: 5, total: 5, failed: 0, error: null },
      { symbol: 'MSFT', done: 5, total: 5, failed: 0, error: null },
    ]);
    expect(events.at(-1)?.startedAt).toBe(Date.UTC(2025, 3, 1));
  });

  it("lists a day's scanner hits as distinct sorted symbols", () => {
    const { svc } = rig();
    expect(svc.hits('2025-03-31')).toEqual({ date: '2025-03-31', symbols: ['AMD', 'TSLA'] });
    expect(svc.hits('2025-03-28')).toEqual({ date: '2025-03-28', symbols: [] });
  });
});
