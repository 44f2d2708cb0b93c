/**
 * Acceptance for historical ticks: `npm run backfill -- --ticks` as a child process against the simulator
 * over TCP (@stoqey/ib decodes HISTORICAL_TICKS_LAST / _BID_ASK), pacing clock 60× fast. A 2-symbol TRADES
 * job and a BID_ASK job complete with zero error 162; each file holds exactly the day's prints (the count
 * and volume of the simulator's own 1-minute bars: none lost or doubled at the 1,000-tick boundaries); a
 * rerun skips.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTickFile } from '../../../src-main/backfill/tick-files';
import { startSimulator, type Simulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import type { SimMarket, SimStock } from '../../../src-main/sim/market/types';
import { etDate, etToEpoch, previousSessions, sessionFor } from '../../../src-shared/domain/market-time';
import { makeTempDir } from '../../support/temp-dir';

const root = resolve(__dirname, '../../..');
const SCALE = 60;
const simDay = previousSessions(etDate(Date.now()), 1)[0];
const day = previousSessions(simDay, 1)[0];

let sim: Simulator;
let tmp: ReturnType<typeof makeTempDir>;
beforeAll(async () => {
  const market = createSimMarket({ seed: 11, speed: 1, startTime: etToEpoch(simDay, 10, 0) });
  sim = await startSimulator({ port: 0, market, pacingTimeScale: SCALE });
  tmp = makeTempDir();
});
afterAll(async () => {
  await sim?.close();
  sim?.market.dispose();
  tmp?.cleanup();
});

function run(dataDir: string, ...args: string[]): Promise<string> {
  const child = spawn(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'src-main/backfill/cli.ts',
    '--gateway', `127.0.0.1:${sim.port}`, '--pacing-time-scale', String(SCALE), '--data-dir', dataDir, '--client-id', String(20 + Math.floor(Math.random() * 1000)), ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  return new Promise((res, rej) => child.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(`backfill exited ${code}:\n${out}`)))));
}

/** The day's prints by the simulator's own 1-minute bars (extended hours). */
function dayTotals(market: SimMarket, stock: SimStock): { count: number; volume: number } {
  const s = sessionFor(day)!;
  const bars = market.bars({ conId: stock.conId, start: s.premarketOpen, end: s.afterHoursClose, barMs: 60_000, whatToShow: 'TRADES', useRTH: false });
  return { count: bars.reduce((n, b) => n + b.count, 0), volume: bars.reduce((n, b) => n + b.volume, 0) };
}

const summary = (out: string) => /SUMMARY WRITE=(\d+) SKIP=(\d+) EMPTY=(\d+) ERROR=(\d+) total=(\d+)/.exec(out)?.slice(1).map(Number);

describe('tick backfill against the simulator', () => {
  it('walks TRADES and BID_ASK ticks 1,000 per request with zero pacing violations; the files hold every print once; a rerun skips', async () => {
    // Two thin symbols (a few thousand prints: several requests each, so several boundaries).
    const picks = sim.market.stocks.filter((s) => !s.future).map((s) => ({ s, t: dayTotals(sim.market, s) })).filter((p) => p.t.count > 2500 && p.t.count < 6000).slice(0, 2);
    expect(picks).toHaveLength(2);
    const symbols = picks.map((p) => p.s.symbol).join(',');
    const dir = join(tmp.dir, 'ticks');
    const before = sim.stats().historicalRequests;

    const first = await run(dir, '--symbols', symbols, '--start', day, '--end', day, '--ticks');
    expect(summary(first)).toEqual([2, 0, 0, 0, 2]);
    const requests = sim.stats().historicalRequests - before;
    const minimum = picks.reduce((n, p) => n + Math.ceil(p.t.count / 1000), 0);
    expect(requests).toBeGreaterThanOrEqual(minimum);
    for (const { s, t } of picks) {
      const ticks = readTickFile(join(dir, 'ticks', `symbol=${s.symbol}`, 'what=TRADES', `date=${day}.arrow`));
      expect(ticks.length, s.symbol).toBe(t.count);
      expect(ticks.reduce((n, k) => n + (k.kind === 'trade' ? k.size : 0), 0), s.symbol).toBe(t.volume);
      expect(ticks.every((k, i) => i === 0 || k.time >= ticks[i - 1].time)).toBe(true);
    }

    const quotes = await run(dir, '--symbols', picks[0].s.symbol, '--start', day, '--end', day, '--ticks', '--what', 'BID_ASK');
    expect(summary(quotes)).toEqual([1, 0, 0, 0, 1]);
    const q = readTickFile(join(dir, 'ticks', `symbol=${picks[0].s.symbol}`, 'what=BID_ASK', `date=${day}.arrow`));
    expect(q.length).toBe(picks[0].t.count);
    expect(q.every((k) => k.kind === 'quote' && k.ask > k.bid)).toBe(true);

    const rerun = await run(dir, '--symbols', symbols, '--start', day, '--end', day, '--ticks');
    expect(rerun).toMatch(/^SUMMARY WRITE=0 SKIP=2 EMPTY=0 ERROR=0 total=2 /m);
    expect(existsSync(join(dir, 'ticks', `symbol=${picks[1].s.symbol}`, 'what=BID_ASK'))).toBe(false);
    expect(sim.stats().pacingViolations).toBe(0);
  }, 120_000);
});
