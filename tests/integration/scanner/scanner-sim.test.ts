/**
 * The scanner end to end: simulator over TCP → IbBroker → ScannerService, on the simulator's clock at
 * 09:00 ET of a trading day (premarket gappers).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScannerDelta } from '../../../src-shared/contract/features/scanner';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract/features/settings';
import type { Bar } from '../../../src-shared/domain/bar';
import { etDate, etToEpoch, isTradingDay, previousSessions } from '../../../src-shared/domain/market-time';
import { createBroker } from '../../../src-main/broker/ib-broker';
import { SystemScheduler } from '../../../src-main/broker/scheduler';
import { createLogger } from '../../../src-main/platform/log';
import { ScannerService } from '../../../src-main/scanner/scanner-service';
import { startSimulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import { waitFor } from '../../support/wait';


const log = createLogger('scanner-it');
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function gapMorning(): number {
  const today = etDate(Date.now());
  const day = isTradingDay(today) ? today : previousSessions(today, 1)[0];
  return etToEpoch(day, 9, 0);
}

describe('scanner against the simulator', () => {
  it('fills the grid with premarket gappers, gap and RVOL computed', { timeout: 60_000 }, async () => {
    const m = createSimMarket({ seed: 7, speed: 1, startTime: gapMorning() });
    const s = await startSimulator({ port: 0, host: '127.0.0.1', depthLimit: 3, market: m });
    closers.push(() => s.close());
    const scheduler = new SystemScheduler();
    const broker = createBroker({
      connection: { demo: true, host: '127.0.0.1', port: s.port, clientId: 7, connectTimeoutSec: 3 },
      demo: true, clock: { now: () => Date.now() }, log, scheduler,
    });
    closers.push(() => broker.dispose());
    const clock = { now: () => s.market.now() };
    const days = new Map<string, { bars: Bar[]; complete: boolean }>();
    const deltas: ScannerDelta[] = [];
    const hits: string[] = [];
    const scanner = new ScannerService({
      broker, clock, filters: () => ({ ...DEFAULT_SETTINGS.scanner, minVolume: 0, minGapPct: -100, maxLines: 20 }),
      history: { getDay: (sym, tf, d, x) => days.get(`${sym}|${tf}|${d}|${x}`), putDay: (sym, tf, d, x, bars, complete) => days.set(`${sym}|${tf}|${d}|${x}`, { bars, complete }) },
      hits: { record: (h) => hits.push(h.symbol) }, emit: (d) => deltas.push(d), log,
    });
    closers.push(() => scanner.dispose());
    broker.start();
    scanner.start();

    const filled = await waitFor(() => {
      const rows = scanner.snapshot().rows.filter((r) => r.last !== null && r.gapPct !== null);
      return rows.length >= 5 ? rows : null;
    }, { timeout: 10_000, message: 'scanner rows with prices' });
    expect(scanner.snapshot().error).toBeNull();
    for (const r of filled) {
      expect(r.gapFrozen).toBe(false);
      expect(r.prevClose).toBeGreaterThan(0);
      expect(Number.isFinite(r.gapPct!)).toBe(true);
      expect(r.sources.length).toBeGreaterThan(0);
    }
    expect(filled.some((r) => r.sources.includes('TOP_PERC_GAIN'))).toBe(true);
    // Deltas are coalesced, so the first one may trail the snapshot by a flush interval.
    await waitFor(() => deltas.some((d) => d.upsert.length > 0), { timeout: 2_000, message: 'a scanner delta' });

    const withRvol = await waitFor(() => {
      const rows = scanner.snapshot().rows.filter((r) => r.rvolState === 'ready' && r.rvol !== null);
      return rows.length >= 2 ? rows : null;
    }, { timeout: 30_000, message: 'RVOL from simulator history' });
    // A name with no premarket prints yet has an honest RVOL of 0; none may be negative or infinite.
    for (const r of withRvol) expect(r.rvol! >= 0 && Number.isFinite(r.rvol!)).toBe(true);
    expect(withRvol.some((r) => r.rvol! > 0)).toBe(true);
    // Hits are logged with the coalesced flush that first shows a name.
    await waitFor(() => hits.length > 0, { timeout: 2_000, message: 'a scanner hit logged' });
  });
});
