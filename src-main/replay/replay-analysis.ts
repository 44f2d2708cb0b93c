/**
 * replay:analysis and replay:trades for an open replay. The analysis re-reads the replay's session folders
 * through the CLI's loader and runs the CLI's report (src-main/analyze), so the app's export and
 * `npm run analyze --json` cannot drift apart.
 */
import type { z } from 'zod';
import type { ReplayAnalysis, ReplayAnalysisQuery, ReplayTrades } from '../../src-shared/contract/features/replay';
import { err, ok, type Result } from '../../src-shared/contract/result';
import { inferTickSize } from '../../src-shared/domain/metrics/micro-price';
import { paneReport, paneSource, type PaneSource } from '../../src-shared/domain/metrics/pane-report';
import { loadSessionDirs, type LoadedSession } from '../analyze/load-session';
import { analyzeLoaded, qualityInput } from '../analyze/run-analysis';
import type { ReplaySession } from './replay-session';

/** The CLI's defaults (`--levels 10 --depth-levels 5 --bucket 10s --stale 10`). */
const LEVELS = 10;
const DEFAULTS = { bucketMs: 10_000, depthLevels: 5, staleMs: 10_000 };

export function replayAnalysis(s: ReplaySession, q: z.output<typeof ReplayAnalysisQuery>): Result<ReplayAnalysis> {
  const meta = s.timeline.segments[0].reader.meta;
  const depthLevels = Math.min(q.depthLevels ?? DEFAULTS.depthLevels, LEVELS);
  if (q.from !== undefined && q.to !== undefined && q.to <= q.from) return err('INVALID_INPUT', 'to must be after from');
  if (q.panes) return replayPanes(s, q, depthLevels);
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

/**
 * What the panes of one open replay analyse: the recording read once (at k levels) into two one-level
 * series, kept while the replay is open, so each range the panes ask for (a pan, a zoom) costs passes over
 * that range only. About 56 bytes per depth event (a 1 M-event day: ~56 MB).
 */
interface PaneCache {
  levels: number;
  src: PaneSource;
  tick: number;
  metas: LoadedSession['metas'];
  book: LoadedSession['book'];
  warnings: string[];
  /** The last few answers by range and bucket (toggling scope or panning back asks the same again). */
  answers: Map<string, ReturnType<typeof paneReport>>;
}

const ANSWERS_KEPT = 8;
const paneCaches = new WeakMap<ReplaySession, PaneCache>();

function paneCache(s: ReplaySession, levels: number): PaneCache {
  const hit = paneCaches.get(s);
  if (hit?.levels === levels) return hit;
  const loaded = loadSessionDirs(s.timeline.segments.map((g) => g.reader.dir), levels);
  const src = paneSource(loaded.book, loaded.trades, levels);
  const c = { levels, src, tick: inferTickSize(src.best), metas: loaded.metas, book: src.best, warnings: loaded.warnings, answers: new Map() };
  paneCaches.set(s, c);
  return c;
}

/** replay:analysis with `panes`: the panes' report of a range (pane-report.ts), from the replay's cache. */
function replayPanes(s: ReplaySession, q: z.output<typeof ReplayAnalysisQuery>, depthLevels: number): Result<ReplayAnalysis> {
  const meta = s.timeline.segments[0].reader.meta;
  try {
    const c = paneCache(s, depthLevels);
    const from = q.from ?? -Infinity;
    const to = q.to ?? Infinity;
    const bucketMs = q.bucketMs ?? DEFAULTS.bucketMs;
    const key = `${from}|${to}|${bucketMs}`;
    let report = c.answers.get(key);
    if (!report) {
      report = paneReport(c.src, { from, to, bucketMs, binSize: c.tick, quality: qualityInput(c, meta.date, from, to, DEFAULTS.staleMs) });
      if (c.answers.size >= ANSWERS_KEPT) c.answers.delete(c.answers.keys().next().value!);
    }
    c.answers.delete(key);
    c.answers.set(key, report);
    return ok({ symbol: meta.symbol, date: meta.date, sessions: c.metas.map((m) => m.sessionId), warnings: c.warnings, ...report });
  } catch (e) {
    return err('INTERNAL', `Could not analyze the replay's recording: ${(e as Error).message}`);
  }
}
