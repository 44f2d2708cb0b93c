/**
 * Chart history timings: 5 sessions of extended 1-minute bars (~4,300 bars) served cold (fake broker with
 * realistic bar counts, so the figure is our overhead: SQLite writes, packing, filtering) and from the
 * cache; plus the bar-cache codec against JSON for one 960-bar day. Run: npx tsx tests/bench/bars-bench.ts
 */
import { pathToFileURL } from 'node:url';
import { BarsService } from '../../src-main/bars';
import { ManualClock } from '../../src-main/platform/clock';
import { createLogger } from '../../src-main/platform/log';
import { packBars, unpackBars } from '../../src-main/storage/bar-codec';
import { openStorage } from '../../src-main/storage';
import type { BarsRequest } from '../../src-shared/contract/features/chart';
import { etToEpoch, sessionFor } from '../../src-shared/domain/market-time';
import { makeTempDir } from '../support/temp-dir';
import { FakeBroker, minuteBar } from '../unit/bars/fake-broker';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function serviceFigures(): Promise<BenchFigure[]> {
  const tmp = makeTempDir('tapedeck-bench-');
  const clock = new ManualClock(etToEpoch('2025-03-12', 15, 0));
  const storage = openStorage(tmp.dir, { clock });
  const broker = new FakeBroker(clock);
  const service = new BarsService({ broker, clock, cache: storage.bars, emit: () => {}, log: createLogger('bench') });
  const req = (timeframe: BarsRequest['timeframe']): BarsRequest => ({ symbol: 'BENCH', timeframe, includeExtended: true, days: 5 });
  try {
    const cold = await time(() => service.bars(req('1m')));
    const cached: number[] = [];
    const derived: number[] = [];
    for (let i = 0; i < 15; i++) {
      cached.push(await time(() => service.bars(req('1m'))));
      derived.push(await time(() => service.bars(req('5m'))));
    }
    return [
      { name: 'bars: 5 days of 1m cold (fake IB)', value: cold, unit: 'ms' },
      { name: 'bars: 5 days of 1m cached', value: median(cached), unit: 'ms' },
      { name: 'bars: 5 days of 5m from cached 1m', value: median(derived), unit: 'ms' },
    ];
  } finally {
    service.dispose();
    storage.close();
    tmp.cleanup();
  }
}

function codecFigures(): BenchFigure[] {
  const s = sessionFor('2025-03-12')!;
  const day = Array.from({ length: 960 }, (_, i) => minuteBar(s.premarketOpen + i * 60_000));
  const packed = packBars(day);
  const json = Buffer.from(JSON.stringify(day));
  const decode = (fn: () => unknown) => {
    const runs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      fn();
      runs.push(performance.now() - t0);
    }
    return median(runs);
  };
  return [
    { name: 'bar cache: packed bytes per 960-bar day', value: packed.byteLength, unit: 'B' },
    { name: 'bar cache: JSON bytes per 960-bar day', value: json.byteLength, unit: 'B' },
    { name: 'bar cache: unpack 960 bars', value: decode(() => unpackBars(packed)), unit: 'ms' },
    { name: 'bar cache: JSON.parse 960 bars', value: decode(() => JSON.parse(json.toString('utf8'))), unit: 'ms' },
  ];
}

export async function benchBars(): Promise<BenchFigure[]> {
  return [...(await serviceFigures()), ...codecFigures()];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await benchBars()) console.log(`${f.name.padEnd(48)} ${f.value.toFixed(f.unit === 'ms' ? 2 : 0).padStart(10)} ${f.unit}`);
}
