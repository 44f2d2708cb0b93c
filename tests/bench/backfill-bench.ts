/**
 * Backfill pacing (DESIGN §8: ≥ 95 % of IB's ceiling with zero 162): a 5-second-bar job against the
 * simulator with its pacing clock 60× fast, through the broker's gate scaled the same way. Counts the
 * historical requests (bars and head timestamps) put on the wire in each complete 10-minute window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackfill } from '../../src-main/backfill/run-backfill';
import { createBroker } from '../../src-main/broker/ib-broker';
import { IB_PACING, scalePacing } from '../../src-main/broker/pacing-rules';
import { createLogger } from '../../src-main/platform/log';
import { startSimulator } from '../../src-main/sim';
import { createSimMarket } from '../../src-main/sim/market';
import { openStorage } from '../../src-main/storage';
import { etDate, etToEpoch, previousSessions } from '../../src-shared/domain/market-time';

type Figure = { name: string; value: number; unit: string };
const SCALE = 60;
const WINDOW_MS = 600_000 / SCALE;
const REQ_HISTORICAL_DATA = 20;
const REQ_HEAD_TIMESTAMP = 87;

export async function benchBackfill(): Promise<Figure[]> {
  const day = previousSessions(etDate(Date.now()), 1)[0];
  const sessions = previousSessions(day, 4);
  const market = createSimMarket({ seed: 5, speed: 1, startTime: etToEpoch(day, 10, 0) });
  const sim = await startSimulator({ port: 0, market, pacingTimeScale: SCALE });
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-bench-backfill-'));
  const storage = openStorage(dir);
  const sends: number[] = [];
  const broker = createBroker({
    connection: { demo: true, host: '127.0.0.1', port: sim.port, clientId: 3, connectTimeoutSec: 5 },
    demo: true, clock: { now: () => Date.now() }, log: createLogger('bench'), pacing: scalePacing(IB_PACING, SCALE, 150),
    onWireSend: (id, at) => (id === REQ_HISTORICAL_DATA || id === REQ_HEAD_TIMESTAMP) && sends.push(at),
  });
  try {
    broker.start();
    const deadline = Date.now() + 10_000;
    while (broker.status().state !== 'connected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const spec = { symbols: ['AAPL', 'MSFT', 'NVDA'], start: sessions[3], end: sessions[0], kind: 'bars' as const, bar: '5sec' as const, what: 'TRADES' as const, rth: false };
    const t0 = performance.now();
    const out = await runBackfill(spec, { port: broker, repo: storage.backfill, clock: { now: () => Date.now() }, dataDir: dir, maxWorkers: 4, force: true });
    if ('error' in out) throw new Error(out.error);
    const seconds = (performance.now() - t0) / 1000;
    const first = sends[0];
    const windows = Math.max(1, Math.floor((sends[sends.length - 1] - first) / WINDOW_MS));
    const inWindows = sends.filter((t) => t < first + windows * WINDOW_MS).length;
    const perTen = inWindows / windows;
    return [
      { name: 'backfill requests per 10 min (IB ceiling 60)', value: perTen, unit: 'requests' },
      { name: 'backfill share of IB pacing ceiling', value: (perTen / IB_PACING.longMax) * 100, unit: '%' },
      { name: 'backfill pacing violations (162)', value: sim.stats().pacingViolations, unit: 'errors' },
      { name: 'backfill requests sent', value: sends.length, unit: 'requests' },
      { name: `backfill job wall time at ${SCALE}x pacing clock`, value: seconds, unit: 's' },
      { name: 'backfill tasks failed', value: out.summary.ERROR, unit: 'tasks' },
    ];
  } finally {
    await broker.dispose();
    storage.close();
    await sim.close();
    market.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
