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
import { paneReport, paneSource } from '../../src-shared/domain/metrics/pane-report';
import type { LoadedSession } from '../../src-main/analyze/load-session';

/** The Replay panes' report from the replay's in-memory series: the whole day in 1-min buckets, and a 10-minute window. */
function benchPanes(loaded: LoadedSession, start: number): BenchResult[] {
  const a = performance.now();
  const src = paneSource(loaded.book, loaded.trades, 5);
  const buildMs = performance.now() - a;
  const quality = { open: [[start, loaded.book.t[loaded.book.n - 1]]] as Array<[number, number]>, gaps: loaded.metas[0].gaps, markers: loaded.metas[0].markers, staleMs: 10_000 };
  const time = (from: number, to: number, bucketMs: number): number => {
    paneReport(src, { from, to, bucketMs, binSize: 0.01, quality }); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      paneReport(src, { from, to, bucketMs, binSize: 0.01, quality });
      runs.push(performance.now() - t);
    }
    return runs.sort((x, y) => x - y)[2];
  };
  const mid = start + 3 * 3_600_000;
  return [
    { name: 'analysis panes series from the loaded day (once per replay)', value: buildMs, unit: 'ms' },
    { name: 'analysis panes report, full day in 1-min buckets (median of 5)', value: time(-Infinity, Infinity, 60_000), unit: 'ms' },
    { name: 'analysis panes report, 10-min window in 2 s buckets (median of 5)', value: time(mid, mid + 600_000, 2_000), unit: 'ms' },
  ];
}

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
    const panes = benchPanes(loaded, start);
    return [
      ...panes,
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
