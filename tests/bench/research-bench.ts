/**
 * Parquet export rate: a 200,000-event synthetic recording (written through the recorder's SessionWriter)
 * exported to depth, trades and book; then the worked example through DuckDB over the result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src-main/platform/clock';
import { openDuckDbEngine } from '../../src-main/research/duckdb-engine';
import { FIRST_FIVE_MINUTES_SQL } from '../../src-main/research/examples/first-five-minutes';
import { researchRoot, runExport } from '../../src-main/research/export';
import { synthEvents, writeSynthSession } from '../support/synthetic-session';

type Figure = { name: string; value: number; unit: string };

export async function benchResearch(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-research-bench-'));
  try {
    const start = Date.UTC(2025, 2, 3, 14, 29);
    writeSynthSession(dir, 'BENCH', synthEvents({ start, events: 200_000 }), start);
    const s = await runExport({ dataDir: dir, clock: new ManualClock(0), datasets: ['depth', 'trades', 'book'] });
    if (s.failed.length) throw new Error(s.failed[0].error);
    const seconds = s.durationMs / 1000;
    const again = await runExport({ dataDir: dir, clock: new ManualClock(0), datasets: ['depth', 'trades', 'book'] });
    const engine = await openDuckDbEngine(researchRoot(dir));
    const t0 = performance.now();
    await engine.query(FIRST_FIVE_MINUTES_SQL, { maxRows: 100, timeoutMs: 60_000 });
    const queryMs = performance.now() - t0;
    engine.close();
    return [
      { name: 'research_export_rate', value: s.rows / seconds, unit: 'rows/s' },
      { name: 'research_export_throughput', value: s.bytes / seconds / 1e6, unit: 'MB/s' },
      { name: 'research_export_rows', value: s.rows, unit: 'rows' },
      { name: 'research_reexport_unchanged', value: again.durationMs, unit: 'ms' },
      { name: 'research_first_five_minutes_query', value: queryMs, unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
