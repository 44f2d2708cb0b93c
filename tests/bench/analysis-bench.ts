/**
 * `npm run bench -- analysis`: every metric of docs/analysis.md over a synthetic 1 M-event session
 * (goal ≤ 1 s for a full day), plus reading that session from disk (Arrow → book series).
 */
import { etToEpoch } from '../../src-shared/domain/market-time';
import { analyze } from '../../src-shared/domain/metrics/analyze';
import { loadSession } from '../../src-main/analyze/load-session';
import { synthEvents, writeSynthSession } from '../support/synthetic-session';
import { makeTempDir } from '../support/temp-dir';
import type { BenchResult } from './book-bench';

export async function benchAnalysis(): Promise<BenchResult[]> {
  const tmp = makeTempDir('tapedeck-bench-analysis-');
  try {
    const start = etToEpoch('2026-11-30', 9, 30);
    // ~23 ms between events on average → 1 M events span about a 6.5 h regular session.
    const t0 = performance.now();
    const s = writeSynthSession(tmp.dir, 'BENCH', synthEvents({ start, events: 1_000_000, seed: 3, resetAt: 400_000, reconnectAt: 700_000 }), start);
    const writeMs = performance.now() - t0;
    const t1 = performance.now();
    const loaded = loadSession({ dataDir: tmp.dir, symbol: 'BENCH', date: s.date, levels: 10 });
    const loadMs = performance.now() - t1;
    const run = () =>
      analyze({
        book: loaded.book, trades: loaded.trades, bucketMs: 10_000, depthLevels: 5,
        quality: { open: [[start, loaded.book.t[loaded.book.n - 1]]], gaps: loaded.metas[0].gaps, markers: loaded.metas[0].markers },
      });
    run(); // warm-up (JIT)
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = performance.now();
      run();
      times.push(performance.now() - a);
    }
    times.sort((a, b) => a - b);
    return [
      { name: 'analysis events (depth + trades)', value: loaded.book.n + loaded.trades.n, unit: 'events' },
      { name: 'analysis full day, all metrics (median of 5)', value: times[2], unit: 'ms' },
      { name: 'analysis full day, all metrics (worst of 5)', value: times[4], unit: 'ms' },
      { name: 'analysis load session from disk (arrow to book series)', value: loadMs, unit: 'ms' },
      { name: 'analysis write synthetic session (setup)', value: writeMs, unit: 'ms' },
    ];
  } finally {
    tmp.cleanup();
  }
}
