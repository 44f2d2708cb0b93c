import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { etToEpoch } from '../../../src-shared/domain/et-time';
import { waitFor } from '../../support/wait';
import type { RoundTrip } from '../../../src-shared/domain/trades/round-trip';
import { makeTempDir } from '../../support/temp-dir';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'flex', 'activity.xml');

describe('journal calls through the app router', () => {
  const tmp = makeTempDir('tapedeck-journal-');
  let app: App | undefined;
  afterEach(async () => {
    await app?.dispose();
    tmp.cleanup();
  });

  it('history:import → history:trips / history:stats → reports:build with progress events', async () => {
    // A gateway nobody listens on: the journal does not need IB.
    // Tuesday 08:00 ET: Monday's 17:00 report was missed while the app was closed.
    const clock = new ManualClock(etToEpoch('2026-03-03', 8, 0));
    app = await createApp({ dataDir: tmp.dir, carrier: 'websocket', version: 'test', gateway: { host: '127.0.0.1', port: 1 }, pdfPrinter: null, clock, log: createLogger('journal-test') });
    const ctx = { clientId: 't' };
    type Status = { jobs: Array<{ id: string; next: number | null }>; runs: Array<{ jobId: string; outcome: string; caughtUp: boolean; message: string }> };
    const sched = await waitFor(async () => {
      const r = await app!.router.dispatch('scheduler:status', undefined, ctx);
      return r.ok && (r.value as Status).runs.length === 3 ? (r.value as Status) : null;
    }, { message: 'the three catch-up runs' });
    // Each job's latest missed run once: the report (no fills), the open scan (too late for a snapshot), the reconcile (IB lists today only).
    expect(sched.runs).toEqual([
      expect.objectContaining({ jobId: 'reconcile', outcome: 'skipped', caughtUp: true, message: expect.stringMatching(/^missed: IB lists only today's executions/) }),
      expect.objectContaining({ jobId: 'open-scan', outcome: 'skipped', caughtUp: true, message: expect.stringMatching(/^missed: a snapshot is taken within 10 min of 09:25 ET/) }),
      expect.objectContaining({ jobId: 'daily-report', outcome: 'skipped', caughtUp: true, message: 'no fills on 2026-03-02' }),
    ]);
    expect(sched.jobs).toEqual([
      { id: 'daily-report', enabled: true, next: etToEpoch('2026-03-03', 17, 0), last: expect.objectContaining({ outcome: 'skipped' }) },
      { id: 'open-scan', enabled: true, next: etToEpoch('2026-03-03', 9, 25), last: expect.objectContaining({ outcome: 'skipped' }) },
      { id: 'reconcile', enabled: true, next: etToEpoch('2026-03-03', 16, 0), last: expect.objectContaining({ outcome: 'skipped' }) },
    ]);
    const imported = await app.router.dispatch('history:import', { kind: 'file', path: FIXTURE }, ctx);
    expect(imported).toMatchObject({ ok: true, value: { inserted: 7, executions: 7 } });
    const again = await app.router.dispatch('history:import', { kind: 'file', path: FIXTURE }, ctx);
    expect(again).toMatchObject({ ok: true, value: { inserted: 0, duplicates: 7 } });

    const trips = await app.router.dispatch('history:trips', { from: '2026-03-02', to: '2026-03-02' }, ctx);
    expect(trips.ok && (trips.value as RoundTrip[]).map((t) => t.symbol)).toEqual(['AAPL', 'TSLA', 'TSLA']);
    const stats = await app.router.dispatch('history:stats', { from: '2026-03-01', to: '2026-03-31', method: 'lifo' }, ctx);
    expect(stats.ok && (stats.value as { stats: { net: number } }).stats.net).toBeCloseTo(238.4, 9);
    const fills = await app.router.dispatch('history:fills', { from: '2026-03-02', to: '2026-03-02', symbol: 'TSLA' }, ctx);
    expect(fills.ok && (fills.value as unknown[]).length).toBe(3);

    const steps: string[] = [];
    const sub = app.bus.subscribe((name, payload) => {
      if (name === 'reports:progress') steps.push((payload as { step: string }).step);
    });
    const built = await app.router.dispatch('reports:build', { date: '2026-03-02' }, ctx);
    sub.dispose();
    expect(built.ok).toBe(true);
    const files = (built as { value: { files: Record<string, string> } }).value.files;
    expect(Object.keys(files)).toEqual(['md', 'csv', 'html']);
    for (const f of Object.values(files)) expect(existsSync(f)).toBe(true);
    expect(files.md).toBe(join(tmp.dir, 'reports', '2026-03-02', 'report.md'));
    expect(steps).toEqual(['gather', 'md', 'csv', 'html', 'done']);

    const noPdf = await app.router.dispatch('reports:build', { date: '2026-03-02', formats: ['pdf'] }, ctx);
    expect(noPdf.ok ? null : noPdf.error.code).toBe('INVALID_INPUT');
    for (const bad of [{ from: '2026-03-05', to: '2026-03-01' }, { from: '2026-3-1', to: '2026-03-01' }, { from: '2026-03-01', to: '2026-03-02', extra: 1 }]) {
      const r = await app.router.dispatch('history:trips', bad, ctx);
      expect(r.ok ? null : r.error.code).toBe('INVALID_INPUT');
    }
    const missing = await app.router.dispatch('history:import', { kind: 'file', path: join(tmp.dir, 'nope.xml') }, ctx);
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const notFlex = await app.router.dispatch('history:import', { kind: 'file', path: '/etc/passwd' }, ctx);
    expect(notFlex.ok ? null : notFlex.error.code).toBe('INVALID_INPUT');
  }, 30_000);
});
