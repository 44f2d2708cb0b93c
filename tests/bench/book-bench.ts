import { OrderBook } from '../../src-shared/domain/book';
import { ManualClock } from '../../src-main/platform/clock';
import { createSimMarket } from '../../src-main/sim/market';
import { daysFromCivil, etTime } from '../../src-main/sim/market/et-time';
import { loadIbDepthOps } from '../../src-main/sim/market/fixture-ops';
import { fixture, hasFixtures } from '../support/fixtures';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

/** OrderBook.apply on the AAPL LOBSTER ops, looped (cleared between passes) for about `ms`. */
function benchApply(ms: number): BenchResult | null {
  if (!hasFixtures) return null;
  const ops = loadIbDepthOps(fixture('depth', 'AAPL_2012-06-21_L10_first997_ib_depth_ops.csv'));
  const book = new OrderBook(10);
  let applied = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    book.clear();
    for (const op of ops) book.apply(op);
    applied += ops.length;
  }
  return { name: 'OrderBook.apply (AAPL L10 ops, looped)', value: Math.round(applied / ((performance.now() - t0) / 1000)), unit: 'ops/s' };
}

/** Depth ops the market model produces for 5 active symbols, driven as fast as it can go for about `ms`. */
function benchMarket(ms: number): BenchResult {
  const clock = new ManualClock(0);
  const market = createSimMarket({
    seed: 1, speed: 1, startTime: etTime(daysFromCivil(2025, 3, 12), 10 * 60), realClock: clock, depthRate: 5_000, tickMs: 1e9,
  });
  const ids = ['AAPL', 'TSLA', 'AMD', 'NVDA', 'SPY'].map((s) => market.bySymbol(s)!.conId);
  let ops = 0;
  const offs = ids.map((id) => market.onDepth(id, true, () => ops++));
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < ms) {
      clock.advance(100);
      for (const id of ids) market.book(id, 0, true);
    }
  } finally {
    offs.forEach((off) => off());
    market.dispose();
  }
  return { name: 'SimMarket SMART depth, 5 active symbols', value: Math.round(ops / ((performance.now() - t0) / 1000)), unit: 'ops/s' };
}

const HISTORY_MS = 28 * 86_400_000;

/**
 * What the scanner's first load costs in demo mode, on a fresh market (caches cold): the first scan,
 * then one candidate's 28 days of 1-minute bars (its RVOL history). Both block the app's event loop.
 */
function benchSimHistory(): BenchResult[] {
  const clock = new ManualClock(0);
  const market = createSimMarket({
    seed: 7, speed: 1, startTime: etTime(daysFromCivil(2025, 3, 12), 9 * 60), realClock: clock, tickMs: 1e9,
    warmUp: false, // the worst case: a scan before the background warm-up has run
  });
  try {
    let t0 = performance.now();
    const [top] = market.scan({ scanCode: 'TOP_PERC_GAIN', rows: 20 });
    const scanMs = performance.now() - t0;
    const end = market.now();
    t0 = performance.now();
    market.bars({ conId: top.conId, start: end - HISTORY_MS, end, barMs: 60_000, whatToShow: 'TRADES', useRTH: false });
    const historyMs = performance.now() - t0;
    return [
      { name: 'sim_first_scan', value: scanMs, unit: 'ms' },
      { name: 'sim_history_28d_1min', value: historyMs, unit: 'ms' },
    ];
  } finally {
    market.dispose();
  }
}

export async function benchBook(): Promise<Array<{ name: string; value: number; unit: string }>> {
  const out: BenchResult[] = [];
  const apply = benchApply(1_500);
  if (apply) out.push(apply);
  // Before benchMarket, which would warm the model's caches and JIT.
  out.push(...benchSimHistory());
  out.push(benchMarket(2_000));
  return out;
}

// Run directly: npx tsx tests/bench/book-bench.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  benchBook().then((r) => console.table(r));
}
