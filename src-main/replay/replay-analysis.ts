/**
 * replay:analysis and replay:trades for an open replay. The analysis re-reads the replay's session folders
 * through the CLI's loader and runs the CLI's report (src-main/analyze), so the app's export and
 * `npm run analyze --json` cannot drift apart.
 */
import type { z } from 'zod';
import type { ReplayAnalysis, ReplayAnalysisQuery, ReplayTrades } from '../../src-shared/contract/features/replay';
import { err, ok, type Result } from '../../src-shared/contract/result';
import { loadSessionDirs } from '../analyze/load-session';
import { analyzeLoaded } from '../analyze/run-analysis';
import type { ReplaySession } from './replay-session';

/** The CLI's defaults (`--levels 10 --depth-levels 5 --bucket 10s --stale 10`). */
const LEVELS = 10;
const DEFAULTS = { bucketMs: 10_000, depthLevels: 5, staleMs: 10_000 };

export function replayAnalysis(s: ReplaySession, q: z.output<typeof ReplayAnalysisQuery>): Result<ReplayAnalysis> {
  const meta = s.timeline.segments[0].reader.meta;
  const depthLevels = Math.min(q.depthLevels ?? DEFAULTS.depthLevels, LEVELS);
  if (q.from !== undefined && q.to !== undefined && q.to <= q.from) return err('INVALID_INPUT', 'to must be after from');
  try {
    const loaded = loadSessionDirs(s.timeline.segments.map((g) => g.reader.dir), LEVELS);
    const report = analyzeLoaded(loaded, {
      symbol: meta.symbol, date: meta.date, from: q.from, to: q.to, bucketMs: q.bucketMs ?? DEFAULTS.bucketMs, depthLevels, staleMs: DEFAULTS.staleMs,
    });
    return ok(report);
  } catch (e) {
    return err('INTERNAL', `Could not analyze the replay's recording: ${(e as Error).message}`);
  }
}

export function replayTrades(s: ReplaySession): ReplayTrades {
  const t = s.timeline.trades;
  return { ts: Array.from(t.tsRecv), price: Array.from(t.price), size: Array.from(t.size) };
}
