/**
 * 200 historical requests through the broker's scheduler against the simulator, which enforces IB's pacing
 * rules (15 s identical, 6 per 2 s per contract, 60 per 10 min, BID_ASK ×2) on the wall clock. Virtual time
 * (WarpScheduler) lets 35+ minutes of pacing run in seconds; the answer must contain zero 162 errors.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import { createLogger } from '../../../src-main/platform/log';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { startSimulator } from '../../../src-main/sim';
import { WarpScheduler } from './warp-scheduler';

let cleanup: Array<() => Promise<void> | void> = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 3, 2, 14, 0));
});
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  vi.useRealTimers();
});

async function until(check: () => boolean, what: string, realMs = 20_000): Promise<void> {
  const deadline = performance.now() + realMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('historical pacing against the simulator', () => {
  it('200 requests (repeats and BID_ASK included) complete with zero error 162', async () => {
    const sim = await startSimulator({ port: 0, seed: 3 });
    cleanup.push(() => sim.close());
    const ref: { broker?: IbBroker } = {};
    const warp = new WarpScheduler(() => (ref.broker?.diagnostics().inFlight ?? 0) > 0);
    cleanup.push(() => warp.stop());
    const b = (ref.broker = createBroker({
      connection: { demo: true, host: '127.0.0.1', port: sim.port, clientId: 1, connectTimeoutSec: 5 },
      demo: true, clock: { now: () => Date.now() }, log: createLogger('test'), scheduler: warp,
      heartbeatMs: 60_000, heartbeatTimeoutMs: 3_600_000,
    }));
    cleanup.push(async () => {
      await b.dispose();
      expect(warp.pending()).toBe(0);
    });
    b.start();
    await until(() => b.status().state === 'connected', 'connected');
    const instruments: Instrument[] = [];
    for (const s of ['AAPL', 'MSFT', 'SPY', 'F']) {
      const r = await b.resolve(s);
      if (!r.ok) throw new Error(r.error.message);
      instruments.push(r.value);
    }
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        b.historicalBars({
          instrument: instruments[i % 4],
          // 30 distinct windows: repeats of the same request are on purpose.
          end: Date.UTC(2026, 3, 1, 20, 0) - (i % 30) * 86_400_000,
          duration: '1 D',
          // 30-second bars: IB's hard pacing ceiling covers bars of 30 s or less.
          barSize: '30 secs',
          whatToShow: i % 10 === 0 ? 'BID_ASK' : 'TRADES',
          useRTH: true,
        }),
      ),
    );
    const failures = results.filter((r) => !r.ok);
    expect(failures).toEqual([]);
    expect(b.diagnostics().pacingViolations).toBe(0);
    expect(b.status().lastErrors.filter((e) => e.ibCode === 162)).toEqual([]);
    expect(results.some((r) => r.ok && r.value.length > 0)).toBe(true);
  }, 60_000);
});
