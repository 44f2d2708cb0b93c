/**
 * Order entry latency: intent → risk decision → bytes on the wire (the placeOrder leaving @stoqey/ib's socket),
 * through the real trading service, broker and SQLite audit against the simulator over TCP. Orders are spaced
 * so IB's 50 msg/s gate never queues them (that wait is policy, not latency). Also the pure risk check alone.
 * Run: npm run bench -- orders
 */
import { createBroker } from '../../src-main/broker/ib-broker';
import { startDemoGateway } from '../../src-main/demo-gateway';
import { SystemScheduler } from '../../src-main/broker/scheduler';
import { createLogger } from '../../src-main/platform/log';
import { openStorage } from '../../src-main/storage';
import { TradingService } from '../../src-main/trading/trading-service';
import { checkIntent } from '../../src-shared/domain/risk/check-intent';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src-shared/domain/risk/limits';
import type { OrderIntent } from '../../src-shared/domain/risk/intent';
import { startTestSim } from '../integration/sim/support/sim';
import { context, intent } from '../unit/domain/risk/risk-fixtures';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';
import { nearestRank } from './percentile';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const pct = nearestRank;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pureFigures(): BenchFigure[] {
  const limits = DEFAULT_RISK_LIMITS;
  const ctx = context({ working: Array.from({ length: 15 }, () => ({ symbol: 'AAPL', side: 'BUY' as const, remaining: 10, price: 99, exit: false })) });
  const i = intent({ bracket: { stopPrice: 99, targetPrice: 102 } });
  for (let k = 0; k < 20_000; k++) checkIntent(i, ctx, limits);
  const samples: number[] = [];
  for (let k = 0; k < 20_000; k++) {
    const t0 = performance.now();
    checkIntent(i, ctx, limits);
    samples.push(performance.now() - t0);
  }
  return [
    { name: 'risk_check_p50', value: pct(samples, 50) * 1000, unit: 'µs' },
    { name: 'risk_check_p99', value: pct(samples, 99) * 1000, unit: 'µs' },
  ];
}

/** The gateway the bench trades against: the test simulator on this thread, or the demo's in a worker thread. */
interface BenchGateway {
  port: number;
  clock: { now(): number };
  /** Moves the quote between orders the way a live market does (the demo's moves by itself). */
  tick(k: number): void;
  /** A buy limit that never fills: under the bid, so the IOC is cancelled at once. */
  limitUnder(bid: number): number;
  close(): Promise<void>;
}

async function inlineGateway(): Promise<BenchGateway> {
  const sim = await startTestSim({ tuning: { pnlIntervalMs: 100, quoteSampleMs: 20 } });
  sim.market.setQuote('AAPL', 193.8, 193.82, 500, 500);
  return {
    port: sim.port, clock: { now: () => sim.market.now() },
    tick: (k) => sim.market.setQuote('AAPL', k % 2 ? 193.8 : 193.79, 193.82, 500, 500),
    limitUnder: () => 193,
    close: () => sim.close(),
  };
}

async function workerGateway(): Promise<BenchGateway> {
  const gw = await startDemoGateway({ thread: 'worker' }, createLogger('bench', () => {}));
  return { port: gw.port, clock: gw.clock, tick: () => {}, limitUnder: (bid) => Math.round((bid - 0.5) * 100) / 100, close: () => gw.close() };
}

async function wireFigures(n: number, where: 'inline' | 'worker'): Promise<BenchFigure[]> {
  const tmp = makeTempDir('tapedeck-bench-orders-');
  const gw = where === 'inline' ? await inlineGateway() : await workerGateway();
  const clock = gw.clock;
  const scheduler = new SystemScheduler();
  const log = createLogger('bench', () => {});
  let wireAt = 0;
  const broker = createBroker({
    connection: { demo: true, host: '127.0.0.1', port: gw.port, clientId: 3, connectTimeoutSec: 3 }, demo: true, clock, log, scheduler,
    onWireSend: (msgId) => {
      if (msgId === 3) wireAt = performance.now();
    },
  });
  const storage = openStorage(tmp.dir, { clock });
  const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, maxSubmitsPerSec: 50, maxOrdersPerDay: 1_000_000, maxOpenOrders: 1000 };
  const trading = new TradingService({
    broker, orders: broker.orders, repo: storage.trading, audit: storage.audit, durably: (fn) => storage.durably(fn), journal: storage.journal, clock, scheduler,
    limits: () => limits, accountModeOk: () => ({ ok: true }), log,
  });
  try {
    trading.start();
    broker.start();
    await waitFor(() => trading.status().reconciled, { timeout: 15_000, message: 'reconciled' });
    await waitFor(() => trading.arm('paper').ok || trading.status().state === 'armed', { timeout: 5000, message: 'armed' });
    const inst = await broker.resolve('AAPL');
    if (!inst.ok) throw new Error(inst.error.message);
    const prepared = await trading.prepare('AAPL');
    if (!prepared.ok) throw new Error(prepared.error.message);
    await waitFor(() => broker.orders.quote('AAPL')?.bid !== undefined, { timeout: 5000, message: 'a quote' });
    // Outside regular hours (the demo's premarket) only limits with outsideRth go out; harmless in regular hours.
    const order = (intentId: string): OrderIntent => ({ intentId, symbol: 'AAPL', side: 'BUY', quantity: 1, type: 'LMT', limitPrice: gw.limitUnder(broker.orders.quote('AAPL')!.bid!), tif: 'IOC', outsideRth: true });
    const wait = await trading.place(order('warm'));
    if (!wait.ok) throw new Error(wait.error.message);
    const total: number[] = [];
    const decide: number[] = [];
    for (let k = 0; k < n; k++) {
      // IOC below the bid: cancelled at once, so working-order caps never fill up.
      const i = order(`b${k}`);
      wireAt = 0;
      const t0 = performance.now();
      const r = trading.decide(i, inst.value);
      const t1 = performance.now();
      if (!r.ok) throw new Error(r.error.message);
      await waitFor(() => wireAt > 0, { timeout: 2000, interval: 1, message: 'placeOrder on the wire' });
      total.push(wireAt - t0);
      decide.push(t1 - t0);
      gw.tick(k);
      await pause(25);
    }
    const tag = where === 'inline' ? '' : '_gateway_in_worker';
    // Diagnostics: every sample in order, to see where the slow ones fall (ORDERS_BENCH_ALL=1).
    if (process.env.ORDERS_BENCH_ALL) console.error(`${where}: ${total.map((t) => t.toFixed(3)).join(' ')}`);
    return [
      { name: `orders_intent_to_wire${tag}_p50`, value: pct(total, 50), unit: 'ms' },
      { name: `orders_intent_to_wire${tag}_p99`, value: pct(total, 99), unit: 'ms' },
      { name: `orders_intent_to_wire${tag}_max`, value: Math.max(...total), unit: 'ms' },
      { name: `orders_decide_and_durable_write${tag}_p99`, value: pct(decide, 99), unit: 'ms' },
      { name: `orders_samples${tag}`, value: n, unit: 'orders' },
    ];
  } finally {
    trading.dispose();
    await broker.dispose();
    scheduler.clearAll();
    storage.close();
    await gw.close();
    tmp.cleanup();
  }
}

export async function benchOrders(): Promise<BenchFigure[]> {
  const n = Number(process.env.ORDERS_BENCH_N ?? 300);
  // Inline: the test simulator shares this thread (its market timers run between orders). In a worker: as the
  // app runs the demo, and closer to a real gateway, which is another process.
  return [...pureFigures(), ...(await wireFigures(n, 'inline')), ...(await wireFigures(n, 'worker'))];
}
