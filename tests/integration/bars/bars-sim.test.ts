/**
 * BarsService against the simulator over real TCP through the real broker: the SQLite cache saves IB
 * requests, and the live forming bar agrees with the historical bar of the same minute.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BarsService } from '../../../src-main/bars';
import { createBroker, type IbBroker } from '../../../src-main/broker/ib-broker';
import type { BrokerPort, HistoricalRequest } from '../../../src-main/broker/port';
import { systemClock, type Clock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { startSimulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import { openStorage } from '../../../src-main/storage';
import type { LiveBar } from '../../../src-shared/contract/features/chart';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const log = createLogger('bars-sim-test');
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** The broker with its historical requests counted. */
function counted(broker: IbBroker): { port: BrokerPort; requests: HistoricalRequest[] } {
  const requests: HistoricalRequest[] = [];
  const port: BrokerPort = {
    status: () => broker.status(),
    onStatus: (l) => broker.onStatus(l),
    resolve: (s) => broker.resolve(s),
    subscribeQuotes: (i, o) => broker.subscribeQuotes(i, o),
    subscribeDepth: (i, opts, o) => broker.subscribeDepth(i, opts, o),
    subscribeTape: (i, k, o) => broker.subscribeTape(i, k, o),
    subscribeScanner: (r, o) => broker.subscribeScanner(r, o),
    subscribeRealtimeBars: (i, o) => broker.subscribeRealtimeBars(i, o),
    historicalBars: (r) => {
      requests.push(r);
      return broker.historicalBars(r);
    },
  };
  return { port, requests };
}

async function setUp(speed: number) {
  const market = createSimMarket({ seed: 7, speed, startTime: etToEpoch('2025-03-12', 10, 0, 20) });
  closers.push(() => market.dispose());
  const sim = await startSimulator({ port: 0, market });
  closers.push(() => sim.close());
  const broker = createBroker({
    connection: { demo: true, host: '127.0.0.1', port: sim.port, clientId: 1, connectTimeoutSec: 3 },
    demo: true, clock: systemClock, log,
  });
  closers.push(() => broker.dispose());
  broker.start();
  await waitFor(() => broker.status().state === 'connected', { timeout: 10_000, message: 'broker connected' });
  const tmp = makeTempDir();
  closers.push(() => tmp.cleanup());
  const storage = openStorage(tmp.dir);
  closers.push(() => storage.close());
  const { port, requests } = counted(broker);
  // The chart lives in the simulator's time, which runs `speed` times faster than the wall clock.
  const clock: Clock = { now: () => market.now() };
  const live: LiveBar[] = [];
  const service = new BarsService({ broker: port, clock, cache: storage.bars, emit: (b) => live.push(b), log });
  closers.push(() => service.dispose());
  return { sim, broker, service, requests, live, symbol: market.stocks[0]!.symbol, clock };
}

describe('BarsService against the simulator', () => {
  it('a second open of the same chart makes no IB request', async () => {
    const { service, requests, symbol } = await setUp(1);
    const first = await service.bars({ symbol, timeframe: '1m', includeExtended: true, days: 2 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.cached).toBe(false);
    expect(first.value.bars.length).toBeGreaterThan(960);
    expect(first.value.prevClose).not.toBeNull();
    expect(first.value.premarketHigh).not.toBeNull();
    const made = requests.length;
    expect(made).toBe(3);
    const second = await service.bars({ symbol, timeframe: '5m', includeExtended: false, days: 2 });
    expect(second.ok && second.value.cached).toBe(true);
    expect(requests).toHaveLength(made);
  });

  it('the live 1-minute bar equals the historical bar of that minute', async () => {
    const { broker, service, live, symbol, clock } = await setUp(30);
    expect((await service.bars({ symbol, timeframe: '1m', includeExtended: true, days: 1 })).ok).toBe(true);
    expect(service.watch(symbol, '1m').ok).toBe(true);
    // The first minute the stream saw from its first 5-second bar, and the bar after it has begun.
    const start = await waitFor(() => live[0], { timeout: 10_000, message: 'first live bar' });
    const minute = start.bar.tsOpen + 60_000;
    await waitFor(() => live.some((l) => l.bar.tsOpen > minute), { timeout: 15_000, message: 'rollover past the full minute' });
    const liveBar = live.filter((l) => l.bar.tsOpen === minute).at(-1)!.bar;
    const inst = await broker.resolve(symbol);
    if (!inst.ok) throw new Error(inst.error.message);
    const hist = await broker.historicalBars({
      instrument: inst.value, end: minute + 120_000, duration: '600 S', barSize: '1 min', whatToShow: 'TRADES', useRTH: false,
    });
    if (!hist.ok) throw new Error(hist.error.message);
    const histBar = hist.value.find((b) => b.tsOpen === minute)!;
    expect(histBar).toBeDefined();
    expect(histBar.volume).toBeGreaterThan(0);
    expect(liveBar.open).toBeCloseTo(histBar.open, 2);
    expect(liveBar.high).toBeCloseTo(histBar.high, 2);
    expect(liveBar.low).toBeCloseTo(histBar.low, 2);
    expect(liveBar.close).toBeCloseTo(histBar.close, 2);
    expect(Math.abs(liveBar.volume - histBar.volume)).toBeLessThanOrEqual(Math.max(100, histBar.volume * 0.01));
    expect(clock.now()).toBeGreaterThan(minute + 60_000);
  });
});
